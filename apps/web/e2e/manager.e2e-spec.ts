import { until } from '@roundtable/server-testing';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { checkPage, DEMO, openPage, settled, signInQuietly, Stack, startStack, Viewport } from './support';

jest.setTimeout(180_000);

/** The programme manager's journeys: overview, groups and their facilitators, invitations, firms, applications. */
describe('the programme manager', () => {
  let stack: Stack;
  let programmeId: string;
  beforeAll(async () => {
    stack = await startStack('manager');
    [{ id: programmeId }] = await stack.sql<{ id: string }>(`select id from programme limit 1`);
  });
  afterAll(() => stack?.close());

  async function open(viewport: Viewport, tab?: string): Promise<Page> {
    const page = await openPage(stack, viewport);
    await signInQuietly(page, DEMO.manager);
    await page.goto(`/programmes/${programmeId}${tab ? `?tab=${tab}` : ''}`);
    return page;
  }

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`sees the programme at a glance from their home page (${viewport})`, async () => {
      const page = await openPage(stack, viewport);
      await signInQuietly(page, DEMO.manager);
      await page.goto('/');
      await page.waitForURL(new RegExp(`/programmes/${programmeId}$`));
      await checkPage(page, 'manager', 'overview', page.getByText('Next session of each group'));
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Peer Works Highlands & Lowlands');
      // Four groups, each with a number the API counted.
      const [{ groups }] = await stack.sql<{ groups: string }>(
        `select count(*) as groups from peer_group where programme_id = $1`,
        [programmeId],
      );
      const groupsCard = page
        .locator('div')
        .filter({ has: page.getByText('Manage groups') })
        .last();
      await expect(groupsCard.textContent()).resolves.toContain(groups);
      // Every group with a planned session is listed, with its time and zone named.
      await page.getByRole('link', { name: 'Digital Leaders — Inverness' }).waitFor({ state: 'visible' });
      await expect(page.locator('li time').first().textContent()).resolves.toMatch(/GMT|BST/);
      await page.context().close();
    });
  }

  it('creates a group, then assigns it a facilitator from the programme staff', async () => {
    const page = await open('desktop', 'groups');
    await checkPage(page, 'manager', 'groups', page.getByRole('table', { name: 'Groups' }));
    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New group' });
    await settled(page);
    await checkPage(page, 'manager', 'group-new', dialog.getByLabel('Name'));
    // The API's refusal of a name in use lands beside the name.
    await dialog.getByLabel('Name').fill('Digital Leaders — Inverness');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.getByText('The programme already has a group with this name').waitFor();
    await expect(dialog.getByLabel('Name').getAttribute('aria-invalid')).resolves.toBe('true');
    await dialog.getByLabel('Name').fill('Retail Owners — Perth');
    await dialog.getByLabel('Theme').fill('Selling online without losing the high street');
    await dialog.getByRole('textbox', { name: 'Capacity' }).fill('8');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'Retail Owners — Perth' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('0 of 8');
    const [group] = await stack.sql<{ id: string; capacity: number; status: string }>(
      `select id, capacity, status from peer_group where name = 'Retail Owners — Perth'`,
    );
    expect(group).toMatchObject({ capacity: 8, status: 'forming' });

    await row.getByRole('button', { name: 'Facilitators of Retail Owners — Perth' }).click();
    const panel = page.getByRole('dialog', { name: 'Facilitators of Retail Owners — Perth' });
    await panel.getByText('Nobody facilitates this group yet.').waitFor();
    await panel.getByRole('combobox', { name: 'Add a facilitator' }).click();
    await page.getByRole('option', { name: /Eilidh Robertson/ }).click();
    await settled(page);
    await checkPage(page, 'manager', 'facilitators', panel.getByRole('button', { name: 'Assign' }));
    await panel.getByRole('button', { name: 'Assign' }).click();
    await panel.getByRole('button', { name: 'Stop Eilidh Robertson facilitating this group' }).waitFor();
    const assigned = await stack.sql(
      `select 1 from role_assignment ra join app_user u on u.id = ra.user_id
        where ra.role = 'facilitator' and ra.group_id = $1 and u.email = 'facilitator2@demo.roundtable.local'`,
      [group.id],
    );
    expect(assigned).toHaveLength(1);
    await panel.getByRole('button', { name: 'Close' }).first().click();
    await expect(row.textContent()).resolves.toContain('Eilidh Robertson');
    await page.context().close();
  });

  it('invites a new facilitator to a group, who is emailed a link to accept (phone)', async () => {
    const page = await open('phone', 'invitations');
    await checkPage(page, 'manager', 'invitations', page.getByRole('heading', { name: 'Invite someone' }));
    await page.getByRole('textbox', { name: /^Name/ }).fill('Isla Henderson');
    await page.getByRole('textbox', { name: /^Email/ }).fill('isla.henderson@example.org');
    await expect(page.getByRole('combobox', { name: 'Invite as' }).inputValue()).resolves.toBe('Facilitator of a group');
    await page.getByRole('combobox', { name: 'Group' }).click();
    await page.getByRole('option', { name: 'Tourism & Hospitality Network' }).click();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation emailed to Isla Henderson (isla.henderson@example.org)').waitFor();
    // Listed as waiting, with a way to send it again or withdraw it.
    const row = page.getByRole('row').filter({ hasText: 'isla.henderson@example.org' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Tourism & Hospitality Network');
    await row
      .getByRole('button', { name: 'Withdraw the invitation to isla.henderson@example.org' })
      .waitFor({ state: 'visible' });
    await checkPage(page, 'manager', 'invitation-sent', row);
    const mail = await until('the invitation email', async () =>
      stack.mail.received.find((m) => m.to.includes('isla.henderson@example.org')),
    );
    const body = `${mail.parsed.text ?? ''} ${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`;
    expect(body).toMatch(new RegExp(`${stack.url}/invitations/accept\\?token=[\\w-]+`));
    await page.context().close();
  });

  it('filters and sorts the firms, and exports exactly the rows shown', async () => {
    const page = await open('desktop', 'firms');
    const table = page.getByRole('table', { name: 'Firms' });
    await checkPage(page, 'manager', 'firms', table);
    await page.getByRole('searchbox', { name: 'Filter' }).fill('62012');
    await page.getByRole('button', { name: /^Firm/ }).click(); // name ascending → descending
    const names = () => table.locator('tbody tr td:first-child').allTextContents();
    await until('the filter to apply', async () => (await names()).length > 0 && (await names()).length < 10);
    const shown = await names();
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown).toEqual([...shown].sort((a, b) => b.localeCompare(a)));
    expect(shown).toEqual(expect.arrayContaining(['Moray Firth Software Ltd', 'Ness Digital Ltd']));
    await checkPage(page, 'manager', 'firms-filtered', table);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Export CSV (${shown.length} rows)` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Firms.csv');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Firm,SIC code,Local authority,Employees,Postcode');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(shown);
    expect(lines.slice(1).every((line) => line.split(',')[1] === '62012')).toBe(true);
    await page.context().close();
  });

  it('adds a firm with its SIC code and local authority, the API’s refusals beside the fields', async () => {
    const page = await open('phone', 'firms');
    await page.getByRole('button', { name: 'Add a firm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a firm' });
    await dialog.getByRole('textbox', { name: /^Firm/ }).fill('Tay Valley Cider Ltd');
    await dialog.getByLabel('SIC code').fill('1103');
    await dialog.getByLabel('Local authority').fill('S12000048');
    await dialog.getByLabel('Postcode').fill('PH2 8AB');
    await dialog.getByRole('button', { name: 'Add firm' }).click();
    await dialog.getByText('Five digits, e.g. 62012').waitFor();
    await dialog.getByLabel('SIC code').fill('11030');
    await settled(page);
    await checkPage(page, 'manager', 'firm-new', dialog.getByLabel('SIC code'));
    await dialog.getByRole('button', { name: 'Add firm' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const [firm] = await stack.sql(
      `select sic_code, local_authority_code, postcode from firm where name = 'Tay Valley Cider Ltd'`,
    );
    expect(firm).toEqual({ sic_code: '11030', local_authority_code: 'S12000048', postcode: 'PH2 8AB' });
    await page.getByRole('searchbox', { name: 'Filter' }).fill('Tay Valley');
    await page.getByRole('row').filter({ hasText: 'Tay Valley Cider Ltd' }).waitFor();
    await page.context().close();
  });

  it('lists every group’s applications, each opening its review page (phone)', async () => {
    const page = await open('phone', 'applications');
    const table = page.getByRole('table', { name: 'Applications' });
    await checkPage(page, 'manager', 'applications', table);
    const row = table.getByRole('row').filter({ hasText: 'Ness Digital Ltd' });
    await expect(row.textContent()).resolves.toContain('Awaiting review');
    const [{ id }] = await stack.sql<{ id: string }>(
      `select a.id from application a join firm f on f.id = a.firm_id where f.name = 'Ness Digital Ltd'`,
    );
    await expect(row.getByRole('link', { name: 'Ness Digital Ltd' }).first().getAttribute('href')).resolves.toBe(
      `/applications/${id}`,
    );
    // Other groups' applications are here too, told apart by the group column.
    await expect(table.textContent()).resolves.toContain('Growth Owners Online');
    await page.context().close();
  });
});
