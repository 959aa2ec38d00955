import { checkPage, DEMO, openPage, settled, signInQuietly, Stack, startStack } from './support';

jest.setTimeout(150_000);

/** The administrator: programmes, accounts, failed emails and the queue dashboard. */
describe('the administrator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('admin');
  });
  afterAll(() => stack?.close());

  it('creates a programme, then finds it listed and opens it', async () => {
    const page = await openPage(stack, 'desktop');
    await signInQuietly(page, DEMO.admin);
    await page.goto('/admin');
    const table = page.getByRole('table', { name: 'Programmes' });
    await checkPage(page, 'admin', 'programmes', table);
    await expect(table.textContent()).resolves.toContain('Peer Works Highlands & Lowlands');

    await page.getByRole('button', { name: 'New programme' }).click();
    const dialog = page.getByRole('dialog', { name: 'New programme' });
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Peer Works Tyneside 2027');
    await dialog.getByRole('textbox', { name: /^Region/ }).fill('North East England');
    await dialog.getByRole('textbox', { name: /^Funder/ }).fill('North East Combined Authority');
    await settled(page);
    await checkPage(page, 'admin', 'programme-new', dialog.getByRole('button', { name: 'Create programme' }));
    await dialog.getByRole('button', { name: 'Create programme' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Programme “Peer Works Tyneside 2027” created').waitFor();
    const [row] = await stack.sql<{ region: string; timezone: string; reminder_offsets_minutes: number[] }>(
      `select * from programme where name = 'Peer Works Tyneside 2027'`,
    );
    expect(row).toMatchObject({ region: 'North East England', timezone: 'Europe/London' });

    await table.getByRole('link', { name: 'Peer Works Tyneside 2027', exact: true }).click();
    await page.waitForURL(/\/programmes\/[0-9a-f-]{36}$/);
    await checkPage(page, 'admin', 'new-programme-overview', page.getByRole('heading', { name: 'Peer Works Tyneside 2027' }));
    await page.context().close();
  });

  it('lists every account with its roles, filterable (phone)', async () => {
    const page = await openPage(stack, 'phone');
    await signInQuietly(page, DEMO.admin);
    await page.goto('/admin');
    await page.getByRole('tab', { name: 'Accounts' }).click();
    const table = page.getByRole('table', { name: 'Accounts' });
    await checkPage(page, 'admin', 'accounts', table);
    await page.getByRole('searchbox', { name: 'Filter' }).fill('facilitator1@');
    const row = table.getByRole('row').filter({ hasText: 'facilitator1@demo.roundtable.local' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Facilitator');
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByRole('tab', { name: 'Failed emails' }).click();
    await checkPage(page, 'admin', 'failed-emails', page.getByText(/No email has failed|Last error/).first());
    await page.context().close();
  });

  it('links to the queue dashboard, which answers the admin and nobody else', async () => {
    const page = await openPage(stack, 'desktop');
    await signInQuietly(page, DEMO.admin);
    await page.goto('/admin');
    const link = page.getByRole('link', { name: 'Queue dashboard' });
    await checkPage(page, 'admin', 'admin', link);
    const href = await link.getAttribute('href');
    expect(href).toBe('/api/admin/queues');
    const res = await page.request.get(href as string);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/text\/html/);

    const manager = await openPage(stack, 'desktop');
    await signInQuietly(manager, DEMO.manager);
    expect((await manager.request.get('/api/admin/queues')).status()).not.toBe(200);
    await manager.context().close();
    await page.context().close();
  });
});
