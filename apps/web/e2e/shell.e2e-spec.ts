import { checkPage, DEMO, openPage, signInQuietly, Stack, startStack } from './support';

jest.setTimeout(120_000);

/** The app shell: served at /, deep links survive a reload, sign-in is asked for and leads back. */
describe('the web app shell', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('shell');
  });
  afterAll(() => stack?.close());

  it('sends a signed-out visitor of a deep link to sign in, remembering where they were going', async () => {
    const page = await openPage(stack, 'desktop');
    await page.goto('/sessions');
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sessions');
    await page.context().close();
  });

  it('takes each role to its own home page from /, with the navigation for that role', async () => {
    const homes: Array<[string, RegExp, string[]]> = [
      [DEMO.member, /\/sessions$/, ['My sessions', 'My actions', 'Groups', 'My firm']],
      [DEMO.facilitator, /\/facilitate$/, ['My groups', 'Calendar', 'Metrics']],
      [DEMO.manager, /\/programmes\/[0-9a-f-]{36}$/, ['Programmes', 'Metrics']],
      [DEMO.admin, /\/programmes$/, ['Programmes', 'Admin']],
    ];
    for (const [email, home, links] of homes) {
      const page = await openPage(stack, 'desktop');
      await signInQuietly(page, email);
      await page.goto('/');
      await page.waitForURL(home);
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      // The shell is its own chunk: it may still be arriving when the URL has changed.
      for (const link of links) await nav.getByRole('link', { name: link, exact: true }).waitFor();
      await page.context().close();
    }
  });

  it('answers an unknown page with a page saying so, and an unknown API path with JSON', async () => {
    const page = await openPage(stack, 'phone');
    await signInQuietly(page, DEMO.member);
    await page.goto('/no/such/page');
    await checkPage(page, 'shell', 'not-found', page.getByRole('heading', { name: 'Page not found' }));
    const api = await page.request.get('/api/no-such-route');
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toMatch(/application\/json/);
    await page.context().close();
  });
});
