import type { Page } from 'playwright-core';
import { checkPage, DEMO, openPage, signInQuietly, Stack, startStack } from './support';

jest.setTimeout(180_000);

/** The first link in an email to `to` whose subject matches, once the worker has sent it. */
async function linkInEmail(stack: Stack, to: string, path: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  const pattern = new RegExp(`https?://[^\\s"'<>]+${path.replace(/[/?]/g, '\\$&')}[^\\s"'<>]+`);
  while (Date.now() < deadline) {
    for (const mail of stack.mail.received.filter((m) => m.to.includes(to))) {
      const found = `${mail.parsed.text ?? ''}\n${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`.match(pattern);
      if (found) return found[0].replace(/&amp;/g, '&');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No email to ${to} with a ${path} link arrived`);
}

/** Toasts fade out after a few seconds; axe would measure the contrast of text under one half faded. */
async function toastsGone(page: Page): Promise<void> {
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 10_000 });
}

async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A person of a seeded firm other than the demo member, whose password this file may change or lock. */
async function anotherMember(stack: Stack, skip: string[] = []): Promise<string> {
  const rows = await stack.sql<{ email: string }>(
    `SELECT email FROM app_user WHERE firm_id IS NOT NULL AND status = 'active' AND email <> ALL($1) ORDER BY email LIMIT 1`,
    [[DEMO.member, ...skip]],
  );
  return rows[0].email;
}

describe('the account journeys', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('account');
  });
  afterAll(() => stack?.close());

  it('signs a member in through the form (a wrong password first says so), on to `next`, and out from the account menu', async () => {
    const page = await openPage(stack, 'phone');
    await page.goto('/actions');
    await page.waitForURL(/\/login\?next=/);
    await checkPage(page, 'account', 'login', page.getByRole('heading', { name: 'Sign in' }));

    await signInThroughForm(page, DEMO.member, 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: 'Not signed in' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/incorrect/i);
    expect(page.url()).toMatch(/\/login/);
    await checkPage(page, 'account', 'login-refused', alert);

    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/actions$/);

    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    // The session is over: the app asks for sign-in again.
    await page.goto('/sessions');
    await page.waitForURL(/\/login\?next=/);
    await page.context().close();
  });

  it('tells someone who keeps getting the password wrong to wait, with the time the API gives', async () => {
    const email = await anotherMember(stack);
    const page = await openPage(stack, 'desktop');
    await page.goto('/login');
    for (let i = 0; i < 6; i++) {
      await signInThroughForm(page, email, `wrong-password-${i}`);
      await page.getByRole('alert').waitFor();
      if (await page.getByRole('alert').filter({ hasText: 'Please wait' }).count()) break;
    }
    const alert = page.getByRole('alert').filter({ hasText: 'Please wait' });
    expect(await alert.textContent()).toMatch(/Try again in \d+ minutes?/);
    await checkPage(page, 'account', 'login-throttled', alert);
    await page.context().close();
  });

  it('resets a forgotten password through the emailed link, then signs in with the new one', async () => {
    const email = await anotherMember(stack, [await anotherMember(stack)]);
    const page = await openPage(stack, 'desktop');
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await checkPage(page, 'account', 'forgot-password', page.getByRole('heading', { name: 'Forgotten password' }));

    // The answer is the same for an email nobody has…
    await page.getByLabel('Email').fill('nobody-here@example.com');
    await page.getByRole('button', { name: 'Send the link' }).click();
    const neutral = await page.getByRole('status').filter({ hasText: 'Check your email' }).textContent();
    await page.getByRole('button', { name: 'Use another email' }).click();
    // …as for a real account.
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'Check your email' });
    expect((await answer.textContent())?.replace(email, 'X')).toBe(neutral?.replace('nobody-here@example.com', 'X'));
    await checkPage(page, 'account', 'forgot-password-sent', answer);

    const link = await linkInEmail(stack, email, '/reset-password?token=');
    await page.goto(link);
    await checkPage(page, 'account', 'reset-password', page.getByRole('heading', { name: 'Choose a new password' }));
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    await page.getByLabel('New password').fill('a-brand-new-passphrase');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.waitForURL(/\/sessions$/);

    // The link works once.
    await page.goto(link);
    await page.getByLabel('New password').fill('yet-another-passphrase');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();

    // A fresh browser signs in with the new password.
    const fresh = await openPage(stack, 'phone');
    await fresh.goto('/login');
    await signInThroughForm(fresh, email, 'a-brand-new-passphrase');
    await fresh.waitForURL(/\/sessions$/);
    await fresh.context().close();
    await page.context().close();
  });

  it('sets a password from an invitation email, then is signed in and taken home', async () => {
    const manager = await openPage(stack, 'desktop');
    await signInQuietly(manager, DEMO.manager);
    const [{ id: firmId }] = await stack.sql<{ id: string }>(
      `SELECT f.id FROM firm f JOIN app_user u ON u.firm_id = f.id WHERE u.email = $1`,
      [DEMO.member],
    );
    const email = `invited-${Date.now()}@example.com`;
    const invited = await manager.request.post('/api/invitations', {
      data: { email, name: 'Isla Invited', role: 'member', firmId },
    });
    expect(invited.status()).toBe(201);
    await manager.context().close();

    const link = await linkInEmail(stack, email, '/invitations/accept?token=');
    const page = await openPage(stack, 'phone');
    await page.goto(link);
    await checkPage(page, 'account', 'accept-invitation', page.getByRole('heading', { name: 'Welcome to Roundtable' }));
    await page.getByLabel('Password', { exact: true }).fill('my-first-passphrase');
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    await page.waitForURL(/\/sessions$/);
    await page.getByTestId('account-menu').getByText('Isla Invited').waitFor();
    await page.context().close();
  });

  it('edits name and time zone (times elsewhere then name the new zone), a preference, and the calendar link', async () => {
    const page = await openPage(stack, 'desktop');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signInQuietly(page, DEMO.member);
    await page.goto('/profile');
    await checkPage(page, 'account', 'profile', page.getByRole('switch', { name: 'Reminders' }));

    await page.getByLabel('Name', { exact: true }).fill('Morven Renamed');
    const zone = page.getByTestId('timezone-select');
    await zone.click();
    await zone.fill('Tokyo');
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your details are saved.').waitFor();
    await page.getByTestId('account-menu').getByText('Morven Renamed').waitFor();
    const [me] = await stack.sql<{ name: string; timezone: string }>(`SELECT name, timezone FROM app_user WHERE email = $1`, [
      DEMO.member,
    ]);
    expect(me).toEqual({ name: 'Morven Renamed', timezone: 'Asia/Tokyo' });

    // A preference saves as it is switched.
    const reminders = page.getByRole('switch', { name: 'Reminders' });
    expect(await reminders.isChecked()).toBe(true);
    await reminders.click();
    await page.getByText('Reminders turned off').waitFor();
    expect(await reminders.isChecked()).toBe(false);
    const prefs = await page.request.get('/api/me/notification-preferences');
    expect((await prefs.json()).reminders).toBe(false);

    // The calendar link: made, shown once, copied, working; then stopped.
    await page.getByRole('button', { name: 'Make a subscription link' }).click();
    const https = page.getByLabel('Subscription link (https)');
    await https.waitFor();
    const url = await https.inputValue();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/api\/calendar\/[^/]+\.ics$/);
    expect(await page.getByLabel('Link for calendar apps (webcal)').inputValue()).toBe(url.replace(/^http:/, 'webcal:'));
    await page.getByRole('button', { name: 'Copy the https link' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await toastsGone(page);
    await checkPage(page, 'account', 'profile-calendar-link', https);
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    await page.getByRole('button', { name: 'Stop the link' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Stop the link' });
    await toastsGone(page);
    await checkPage(page, 'account', 'profile-stop-link', dialog);
    await dialog.getByRole('button', { name: 'Stop the link' }).click();
    await page.getByText('You have no subscription link.').waitFor();
    expect([404, 410]).toContain((await page.request.get(url)).status());

    // Elsewhere, a meeting's time is now in Tokyo time, the zone named.
    await page.goto('/sessions');
    const time = page.locator('main time').first();
    await time.waitFor();
    expect(await time.textContent()).toContain('GMT+9');
    await page.context().close();
  });

  it('shows the profile on a phone, and says when an emailed link is incomplete', async () => {
    const page = await openPage(stack, 'phone');
    await signInQuietly(page, DEMO.facilitator);
    await page.goto('/profile');
    await checkPage(page, 'account', 'profile-facilitator', page.getByRole('switch', { name: 'Facilitator briefs' }));
    await page.context().close();

    const visitor = await openPage(stack, 'phone');
    await visitor.goto('/reset-password');
    await checkPage(visitor, 'account', 'reset-no-token', visitor.getByRole('link', { name: 'Ask for a new link' }));
    await visitor.goto('/invitations/accept?token=not-a-real-token');
    await visitor.getByLabel('Password', { exact: true }).fill('a-long-enough-password');
    await visitor.getByRole('button', { name: 'Set password and continue' }).click();
    await visitor.getByRole('alert').waitFor();
    expect(await visitor.getByRole('alert').textContent()).not.toBe('');
    expect(visitor.url()).toContain('/invitations/accept');
    await visitor.context().close();
  });
});
