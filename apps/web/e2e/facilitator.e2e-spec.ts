import type { Page } from 'playwright-core';
import { checkPage, DEMO, eventually, openPage, signInQuietly, Stack, startStack, Taps } from './support';

jest.setTimeout(180_000);

const JOURNEY = 'facilitator';

/** The facilitator's week: their groups' health, scheduling, changing and cancelling, the calendar, running a session, applications. */
describe('the facilitator', () => {
  let stack: Stack;
  let groupId: string;

  beforeAll(async () => {
    stack = await startStack('facilitator');
    [{ id: groupId }] = await stack.sql<{ id: string }>(`SELECT id FROM peer_group WHERE name = 'Digital Leaders — Inverness'`);
  });
  afterAll(() => stack?.close());

  const asFacilitator = async (viewport: 'phone' | 'desktop'): Promise<Page> => {
    const page = await openPage(stack, viewport);
    await signInQuietly(page, DEMO.facilitator);
    return page;
  };

  it.each(['phone', 'desktop'] as const)('shows my groups with their health at a glance (%s)', async (viewport) => {
    const page = await asFacilitator(viewport);
    await page.goto('/facilitate');
    const card = page.getByRole('article', { name: 'Digital Leaders — Inverness' });
    await checkPage(page, JOURNEY, 'my-groups', card.getByTestId('group-health'));
    await card.getByText(/^Attendance \d+% over the last 6 sessions$/).waitFor({ state: 'visible' });
    const trend = card.getByRole('list', { name: 'Attendance at recent sessions, oldest first' }).getByRole('listitem');
    await trend.nth(5).waitFor({ state: 'visible' });
    await expect(trend.count()).resolves.toBe(6);
    await card.getByText(/8 member firms of 10/).waitFor({ state: 'visible' });
    await page.getByRole('article', { name: 'Tourism & Hospitality Network' }).waitFor({ state: 'visible' });

    await card.getByRole('link', { name: 'Open group' }).click();
    await page.waitForURL(`**/groups/${groupId}`);
    await checkPage(page, JOURNEY, 'group', page.getByTestId('roster-firm'));
    await page.getByTestId('roster-firm').nth(7).waitFor({ state: 'visible' });
    await expect(page.getByTestId('roster-firm').count()).resolves.toBe(8);
    await page.getByRole('heading', { name: 'Health at a glance' }).waitFor({ state: 'visible' });
    await page.context().close();
  });

  it('schedules a twelve-session monthly series from one form, previewing its dates before saving', async () => {
    const page = await asFacilitator('desktop');
    await page.goto(`/groups/${groupId}/schedule`);
    await checkPage(page, JOURNEY, 'schedule', page.getByLabel('Title'));
    const start = `${new Date().getUTCFullYear() + 1}-02-01`;
    await page.getByText('A series', { exact: true }).click();
    await page.getByLabel('Title').fill('Next year: monthly set');
    await page.getByLabel('Starting from').fill(start);
    await page.getByLabel('Start time').fill('09:30');
    await page.getByLabel('Time zone').selectOption('Europe/London');
    // The form's defaults already say "monthly, first Tuesday, 12 sessions".
    await expect(page.getByTestId('series-summary').textContent()).resolves.toContain('FREQ=MONTHLY;BYDAY=1TU;COUNT=12');
    await expect(page.getByRole('button', { name: /^Schedule 12 sessions$/ }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Preview the dates' }).click();
    const preview = page.getByTestId('series-preview');
    await checkPage(page, JOURNEY, 'schedule-preview', preview);
    const dates = await preview.getByRole('listitem').allTextContents();
    expect(dates).toHaveLength(12);
    expect(dates.every((d) => d.startsWith('Tue') && d.includes('09:30'))).toBe(true);
    await expect(stack.sql(`SELECT 1 FROM meeting WHERE title = 'Next year: monthly set'`)).resolves.toHaveLength(0);

    await page.getByRole('button', { name: 'Schedule 12 sessions' }).click();
    await page.waitForURL(`**/groups/${groupId}`);
    const saved = await stack.sql<{ starts_at: Date }>(
      `SELECT starts_at FROM meeting WHERE title = 'Next year: monthly set' AND group_id = $1 ORDER BY starts_at`,
      [groupId],
    );
    expect(saved).toHaveLength(12);
    // What was saved is what the preview showed, date for date.
    const fmt = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: 'Europe/London',
    });
    expect(saved.map((m) => fmt.format(m.starts_at))).toEqual(dates);
    await page.context().close();
  });

  it('edits one meeting of the series without touching the others', async () => {
    const [second, third] = await stack.sql<{ id: string; starts_at: Date }>(
      `SELECT id, starts_at FROM meeting WHERE title = 'Next year: monthly set' ORDER BY starts_at OFFSET 1 LIMIT 2`,
    );
    const page = await asFacilitator('desktop');
    await page.goto(`/meetings/${second.id}/edit`);
    await checkPage(page, JOURNEY, 'edit', page.getByLabel('Title'));
    await page.getByLabel('Title').fill('March: guest on payments');
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('Only this session').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/groups/${groupId}`);
    const [edited] = await stack.sql<{ title: string; starts_at: Date }>(`SELECT title, starts_at FROM meeting WHERE id = $1`, [
      second.id,
    ]);
    expect(edited.title).toBe('March: guest on payments');
    expect(edited.starts_at.getTime() - second.starts_at.getTime()).toBe(30 * 60_000);
    const [untouched] = await stack.sql<{ title: string; starts_at: Date }>(
      `SELECT title, starts_at FROM meeting WHERE id = $1`,
      [third.id],
    );
    expect(untouched).toEqual({ title: 'Next year: monthly set', starts_at: third.starts_at });
    await page.context().close();
  });

  it('cancels a session with a message that reaches everyone booked by email (phone)', async () => {
    const [meeting] = await stack.sql<{ id: string; title: string }>(
      `SELECT m.id, m.title FROM meeting m
        WHERE m.group_id = $1 AND m.status = 'scheduled' AND m.starts_at > now()
          AND EXISTS (SELECT 1 FROM booking b WHERE b.meeting_id = m.id AND b.status = 'confirmed')
        ORDER BY m.starts_at LIMIT 1`,
      [groupId],
    );
    const booked = await stack.sql<{ email: string }>(
      `SELECT u.email FROM booking b JOIN app_user u ON u.id = b.user_id WHERE b.meeting_id = $1 AND b.status = 'confirmed'`,
      [meeting.id],
    );
    const page = await asFacilitator('phone');
    await page.goto(`/groups/${groupId}`);
    await checkPage(page, JOURNEY, 'group-staff', page.getByTestId('group-meeting'));
    await page.getByRole('button', { name: `Cancel session: ${meeting.title}` }).click();
    const dialog = page.getByRole('dialog');
    const message = 'The venue is flooded: we meet again next month. Sorry for the short notice.';
    await dialog.getByLabel('Message to the members').fill(message);
    await checkPage(page, JOURNEY, 'cancel', dialog);
    await dialog.getByLabel('Cancel only this session').check();
    await dialog.getByRole('button', { name: 'Cancel and tell members' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(stack.sql(`SELECT status, cancellation_message FROM meeting WHERE id = $1`, [meeting.id])).resolves.toEqual([
      { status: 'cancelled', cancellation_message: message },
    ]);

    const deadline = Date.now() + 30_000;
    const reached = () =>
      booked.filter(({ email }) =>
        stack.mail.received.some((m) => m.to.includes(email) && (m.parsed.text ?? '').includes('The venue is flooded')),
      );
    while (reached().length < booked.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(reached()).toEqual(booked);
    await page.context().close();
  });

  it('shows a month calendar of my groups’ sessions', async () => {
    const page = await asFacilitator('desktop');
    await page.goto('/calendar');
    await checkPage(page, JOURNEY, 'calendar', page.getByTestId('calendar'));
    await page.getByText('Times in Europe/London').waitFor({ state: 'visible' });
    // This month's sessions of the groups I facilitate are on it.
    const [thisMonth] = await stack.sql<{ title: string }>(
      `SELECT m.title FROM meeting m JOIN role_assignment r ON r.group_id = m.group_id AND r.role = 'facilitator'
         JOIN app_user u ON u.id = r.user_id AND u.email = $1
        WHERE date_trunc('month', m.starts_at AT TIME ZONE 'Europe/London') = date_trunc('month', now() AT TIME ZONE 'Europe/London')
        ORDER BY m.starts_at LIMIT 1`,
      [DEMO.facilitator],
    );
    await page.getByText(thisMonth.title).first().waitFor();
    await page
      .getByTestId('calendar')
      .locator('button:visible', { hasText: /^Week$/ })
      .click();
    await checkPage(page, JOURNEY, 'calendar-week', page.getByTestId('calendar'));
    await page.context().close();
    const phone = await asFacilitator('phone');
    await phone.goto('/calendar');
    await checkPage(phone, JOURNEY, 'calendar', phone.getByTestId('calendar').getByText(thisMonth.title).first());
    await phone.context().close();
  });

  it('runs a session from a phone: review, attendance within the tap budget, a new action and a note', async () => {
    // A session that started ten minutes ago, for a ten-person roster: firms leave the group until ten people are on it.
    const manager = await openPage(stack, 'desktop');
    await signInQuietly(manager, DEMO.manager);
    const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    const created = await manager.request.post(`/api/groups/${groupId}/meetings`, {
      data: { title: 'Session today: data protection', localStart: `${tomorrow}T09:30`, durationMinutes: 180 },
    });
    expect(created.status()).toBe(201);
    const meetingId = ((await created.json()) as { id: string }).id;
    await stack.sql(`UPDATE meeting SET starts_at = now() - interval '10 minutes' WHERE id = $1`, [meetingId]);
    const rosterSize = async () =>
      ((await (await manager.request.get(`/api/meetings/${meetingId}/roster`)).json()) as unknown[]).length;
    for (let size = await rosterSize(); size > 10; size = await rosterSize()) {
      const [leaving] = await stack.sql<{ id: string }>(
        `SELECT ms.id FROM membership ms
          WHERE ms.group_id = $1 AND ms.status = 'active'
            AND (SELECT count(*) FROM app_user u WHERE u.firm_id = ms.firm_id AND u.status <> 'disabled') <= $2
            AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.firm_id = ms.firm_id AND u.email = $3)
          ORDER BY (SELECT count(*) FROM app_user u WHERE u.firm_id = ms.firm_id) DESC LIMIT 1`,
        [groupId, size - 10, DEMO.member],
      );
      const removed = await manager.request.post(`/api/memberships/${leaving.id}/remove`, {
        data: { reason: 'Sold the business' },
      });
      expect(removed.status()).toBe(200);
    }
    expect(await rosterSize()).toBe(10);
    await manager.context().close();

    const page = await asFacilitator('phone');
    await page.goto(`/meetings/${meetingId}/run`);
    await checkPage(page, JOURNEY, 'run', page.getByTestId('roster-person'));
    await expect(page.getByTestId('roster-person').count()).resolves.toBe(10);

    // Last time's actions, reviewed at the top.
    const item = page.getByTestId('review-item').first();
    const committed = await item.locator('p').nth(1).textContent();
    await item.getByText('Done', { exact: true }).click();
    await eventually(
      async () =>
        (
          await stack.sql(`SELECT 1 FROM action_commitment WHERE text = $1 AND status = 'done' AND reviewed_meeting_id = $2`, [
            committed,
            meetingId,
          ])
        ).length,
      1,
    );

    // Attendance: everyone present, then one tap per exception.
    const taps = new Taps();
    await taps.tap(page.getByRole('button', { name: 'Everyone present' }));
    await page.getByText('10 of 10 here').waitFor();
    const people = page.getByTestId('roster-person');
    await taps.tap(people.nth(2).getByText('Apologies', { exact: true }));
    await taps.tap(people.nth(5).getByText('No-show', { exact: true }));
    await page.getByText('8 of 10 here').waitFor();
    expect(taps.count).toBeLessThanOrEqual(12);
    await eventually(
      () =>
        stack.sql(`SELECT status, count(*)::int AS n FROM attendance WHERE meeting_id = $1 GROUP BY status ORDER BY status`, [
          meetingId,
        ]),
      [
        { status: 'apologies', n: 1 },
        { status: 'no_show', n: 1 },
        { status: 'present', n: 8 },
      ],
    );

    // A new action for a member.
    await page.getByLabel('Member').selectOption({ index: 1 });
    await page.getByLabel('What they will do').fill('Write a one-page data protection policy');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByTestId('made-commitment').filter({ hasText: 'Write a one-page data protection policy' }).waitFor();

    // A private note.
    await page.getByLabel('New note').fill('Good energy; two members want a follow-up on DPIAs.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByTestId('note').filter({ hasText: 'follow-up on DPIAs' }).waitFor();
    await checkPage(page, JOURNEY, 'run-done', page.getByTestId('note'));
    await page.context().close();
  });

  it('reviews an application flagged as a possible competitor and approves it with a message', async () => {
    // Arrange: a person of a firm outside the group, in the same line of business and area as a member, applies.
    const [rival] = await stack.sql<{ name: string; sic_code: string; local_authority_code: string }>(
      `SELECT f.name, f.sic_code, f.local_authority_code FROM membership ms JOIN firm f ON f.id = ms.firm_id
        WHERE ms.group_id = $1 AND ms.status = 'active' ORDER BY f.name LIMIT 1`,
      [groupId],
    );
    const [applicant] = await stack.sql<{ email: string; firm_id: string; firm: string }>(
      `SELECT u.email, f.id AS firm_id, f.name AS firm FROM app_user u JOIN firm f ON f.id = u.firm_id
        WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.firm_id = f.id AND m.group_id = $1)
          AND NOT EXISTS (SELECT 1 FROM application a WHERE a.firm_id = f.id AND a.group_id = $1)
          AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.firm_id = f.id AND m.status = 'active')
        ORDER BY f.name LIMIT 1`,
      [groupId],
    );
    await stack.sql(`UPDATE firm SET sic_code = $2, local_authority_code = $3 WHERE id = $1`, [
      applicant.firm_id,
      rival.sic_code,
      rival.local_authority_code,
    ]);
    const member = await openPage(stack, 'desktop');
    await signInQuietly(member, applicant.email);
    const applied = await member.request.post(`/api/groups/${groupId}/applications`, {
      data: { answers: { goal: 'Moving our support desk to the cloud' } },
    });
    expect(applied.status()).toBe(201);
    const applicationId = ((await applied.json()) as { id: string }).id;

    const page = await asFacilitator('desktop');
    await page.goto(`/groups/${groupId}`);
    await page.getByRole('link', { name: applicant.firm }).click();
    await page.waitForURL(`**/applications/${applicationId}`);
    await checkPage(page, JOURNEY, 'application', page.getByTestId('conflict'));
    await expect(page.getByTestId('conflict').textContent()).resolves.toContain(`It overlaps with: ${rival.name}`);
    await page.getByText('Moving our support desk to the cloud').waitFor({ state: 'visible' });
    await page.getByLabel('Message to the firm').fill('Welcome: you sell to different customers from your neighbour.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('decision').waitFor();
    await expect(page.getByTestId('application-status').textContent()).resolves.toBe('Approved');

    // The applicant sees where it stands, without the screening.
    await member.goto(`/applications/${applicationId}`);
    await checkPage(member, JOURNEY, 'application-applicant', member.getByTestId('decision'));
    await expect(member.getByTestId('conflict').count()).resolves.toBe(0);
    await member.getByText('Welcome: you sell to different customers from your neighbour.').waitFor({ state: 'visible' });
    await page.context().close();
    await member.context().close();
  });
});
