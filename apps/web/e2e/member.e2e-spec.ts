import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { checkPage, DEMO, eventually, openPage, signInQuietly, Stack, startStack, Taps, Viewport } from './support';

jest.setTimeout(180_000);

const JOURNEY = 'member';

/**
 * A firm owner's week, on a phone and on a desktop: book and cancel sessions, take one to their calendar,
 * apply to another group, report on an action, give feedback, and invite a colleague. The demo programme
 * is shared by both runs, so each run arranges (with SQL) a state only it uses.
 */
describe('a member (a firm owner)', () => {
  let stack: Stack;
  let memberId: string;
  beforeAll(async () => {
    stack = await startStack(JOURNEY);
    [{ id: memberId }] = await stack.sql<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [DEMO.member]);
  });
  afterAll(() => stack?.close());

  const open = async (viewport: Viewport): Promise<Page> => {
    const page = await openPage(stack, viewport);
    await signInQuietly(page, DEMO.member);
    return page;
  };

  /** The nth upcoming meeting the member may book and has not: a seat left, more than a day ahead. */
  const unbookedMeeting = async (index: number) => {
    const rows = await stack.sql<{ id: string; title: string; ical_uid: string }>(
      `SELECT m.id, m.title, m.ical_uid FROM meeting m
        WHERE m.status = 'scheduled' AND m.starts_at > now() + interval '1 day'
          AND (m.group_id IS NULL OR m.group_id IN (
                SELECT ms.group_id FROM membership ms JOIN app_user u ON u.firm_id = ms.firm_id
                 WHERE u.id = $1 AND ms.status = 'active'))
          AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.meeting_id = m.id AND b.user_id = $1 AND b.status <> 'cancelled')
          AND (SELECT count(*) FROM booking b WHERE b.meeting_id = m.id AND b.status = 'confirmed') < m.capacity
        ORDER BY m.starts_at, m.id OFFSET $2 LIMIT 1`,
      [memberId, index],
    );
    if (!rows[0]) throw new Error(`The demo has no ${index + 1}th meeting the member could book`);
    return rows[0];
  };

  const bookingStatus = async (meetingId: string) =>
    (
      await stack.sql<{ status: string }>(
        `SELECT status FROM booking WHERE meeting_id = $1 AND user_id = $2 ORDER BY updated_at DESC LIMIT 1`,
        [meetingId, memberId],
      )
    )[0]?.status;

  it('joins the waiting list of a full meeting and sees the place the API gives', async () => {
    const [meeting] = await stack.sql<{ id: string; title: string; waiting: number }>(
      `SELECT m.id, m.title,
              (SELECT count(*)::int FROM booking b WHERE b.meeting_id = m.id AND b.status = 'waitlisted') AS waiting
         FROM meeting m
        WHERE m.status = 'scheduled' AND m.starts_at > now() + interval '1 day' AND m.group_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.meeting_id = m.id AND b.user_id = $1 AND b.status <> 'cancelled')
          AND (SELECT count(*) FROM booking b WHERE b.meeting_id = m.id AND b.status = 'confirmed') >= m.capacity
        ORDER BY m.starts_at LIMIT 1`,
      [memberId],
    );
    const page = await open('phone');
    await page.goto('/events');
    const card = page.getByRole('article', { name: meeting.title });
    await checkPage(page, JOURNEY, 'events', card);
    const taps = new Taps();
    await taps.tap(card.getByRole('button', { name: 'Join the waiting list' }));
    await card.getByText(`On the waiting list: number ${meeting.waiting + 1}`).waitFor();
    expect(taps.count).toBe(1);
    await eventually(() => bookingStatus(meeting.id), 'waitlisted');
    await page.context().close();
  });

  it('shows a facilitator of the group links to run and edit the meeting', async () => {
    const [meeting] = await stack.sql<{ id: string; title: string }>(
      `SELECT m.id, m.title FROM meeting m JOIN peer_group g ON g.id = m.group_id
        WHERE g.name = 'Digital Leaders — Inverness' AND m.status = 'scheduled' ORDER BY m.starts_at LIMIT 1`,
    );
    const page = await openPage(stack, 'desktop');
    await signInQuietly(page, DEMO.facilitator);
    await page.goto(`/meetings/${meeting.id}`);
    await checkPage(page, JOURNEY, 'meeting-facilitator', page.getByRole('heading', { name: meeting.title, level: 1 }));
    expect(await page.getByRole('link', { name: 'Run the session' }).getAttribute('href')).toBe(`/meetings/${meeting.id}/run`);
    expect(await page.getByRole('link', { name: 'Edit the meeting' }).getAttribute('href')).toBe(`/meetings/${meeting.id}/edit`);
    // Staff do not book seats: once the booking area has rendered (its calendar link), it holds no booking button.
    await page
      .getByRole('link', { name: /Add to calendar/ })
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Book a seat' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Join the waiting list' }).count()).toBe(0);
    await page.context().close();
  });

  it.each<Viewport>(['phone', 'desktop'])(
    'lands on the new page after following a link of the navigation (%s)',
    async (viewport) => {
      const page = await open(viewport);
      await page.goto('/sessions');
      await page.getByRole('heading', { name: 'My sessions', level: 1 }).waitFor();
      if (viewport === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await nav.getByRole('link', { name: 'My actions' }).click();
      await page.getByRole('heading', { name: 'My actions', level: 1 }).waitFor();
      // Focus is on the page (not left on the link, hidden in the closed drawer on a phone).
      await page.waitForFunction(() => Boolean(document.activeElement?.closest('#main')), undefined, { timeout: 5_000 });
      expect(await page.evaluate(() => document.activeElement?.closest('#main')?.id)).toBe('main');
      if (viewport === 'phone') await page.getByRole('button', { name: 'Open navigation' }).waitFor();
      await page.context().close();
    },
  );

  describe.each<[Viewport, number]>([
    ['phone', 0],
    ['desktop', 1],
  ])('on a %s', (viewport, index) => {
    it('books a session in one tap and cancels it in two, and downloads it for a calendar', async () => {
      const meeting = await unbookedMeeting(index);
      const page = await open(viewport);
      await page.goto('/sessions');
      await checkPage(page, JOURNEY, 'sessions', page.getByRole('heading', { name: 'My sessions', level: 1 }));
      const card = page.getByRole('article', { name: meeting.title });
      await card.scrollIntoViewIfNeeded();

      const booking = new Taps();
      await booking.tap(card.getByRole('button', { name: 'Book a seat' }));
      await card.getByText('Booked', { exact: true }).waitFor();
      expect(booking.count).toBe(1);
      await eventually(() => bookingStatus(meeting.id), 'confirmed');

      const cancelling = new Taps();
      await cancelling.tap(card.getByRole('button', { name: 'Cancel booking' }));
      const dialog = page.getByRole('dialog', { name: 'Cancel your booking?' });
      await cancelling.tap(dialog.getByRole('button', { name: 'Yes, cancel booking' }));
      await card.getByText('Booking cancelled', { exact: true }).waitFor();
      expect(cancelling.count).toBe(2);
      await eventually(() => bookingStatus(meeting.id), 'cancelled');
      await card.getByRole('button', { name: 'Book a seat' }).waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: `Add to calendar: ${meeting.title}` }).click(),
      ]);
      const ics = readFileSync((await download.path()) as string, 'utf8');
      expect(ics).toMatch(/^BEGIN:VCALENDAR/);
      expect(ics).toContain(`UID:${meeting.ical_uid}`);
      await page.context().close();
    });

    it('opens a meeting from its link and sees when, where and its own booking', async () => {
      const [meeting] = await stack.sql<{ id: string; title: string }>(
        `SELECT m.id, m.title FROM meeting m JOIN booking b ON b.meeting_id = m.id
          WHERE b.user_id = $1 AND b.status = 'confirmed' AND m.starts_at > now() ORDER BY m.starts_at LIMIT 1`,
        [memberId],
      );
      const page = await open(viewport);
      await page.goto(`/meetings/${meeting.id}`);
      await checkPage(page, JOURNEY, 'meeting', page.getByRole('heading', { name: meeting.title, level: 1 }));
      await page.getByText('Booked', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Cancel booking' }).waitFor({ state: 'visible' });
      // A member does not run sessions.
      expect(await page.getByRole('link', { name: 'Run the session' }).count()).toBe(0);
      await page.context().close();
    });

    it('browses the groups, applies to one the firm is not in, and follows the application', async () => {
      const groupName = viewport === 'phone' ? 'Growth Owners Online' : 'Manufacturing Managers — Dundee';
      const page = await open(viewport);
      await page.goto('/groups');
      await checkPage(page, JOURNEY, 'groups', page.getByRole('article').first());
      const own = page.getByRole('article', { name: 'Digital Leaders — Inverness' });
      await own.getByText('Your firm is a member').waitFor();
      const card = page.getByRole('article', { name: groupName });
      await card.getByText(/places? left|Full/).waitFor();
      await card.getByRole('button', { name: 'Apply to join' }).click();
      const dialog = page.getByRole('dialog', { name: `Apply to join ${groupName}` });
      await dialog.getByRole('button', { name: 'Send application' }).click();
      await dialog.getByText('Say what you would like to work on.').waitFor();
      await dialog.getByLabel('What would you like to work on in this group?').fill('Price our work properly as costs rise');
      await dialog.getByLabel('Years trading').fill('12');
      await dialog.getByLabel('How did you hear about the group?').fill('Our accountant');
      await checkPage(page, JOURNEY, 'apply', dialog);
      await dialog.getByRole('button', { name: 'Send application' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await card.getByText('Awaiting review').waitFor();

      await page.goto('/applications');
      const application = page.getByRole('article', { name: groupName });
      await checkPage(page, JOURNEY, 'applications', application);
      await application.getByText('Awaiting review').waitFor();
      await application.getByText('Price our work properly as costs rise').waitFor();
      const [row] = await stack.sql<{ status: string; answers: Record<string, string> }>(
        `SELECT a.status, a.answers FROM application a JOIN peer_group g ON g.id = a.group_id
          WHERE g.name = $1 AND a.firm_id = (SELECT firm_id FROM app_user WHERE id = $2)`,
        [groupName, memberId],
      );
      expect(row).toEqual({
        status: 'pending',
        answers: { goal: 'Price our work properly as costs rise', yearsTrading: '12', heardAbout: 'Our accountant' },
      });
      await page.context().close();
    });

    it('reports on an action they committed to', async () => {
      const [commitment] = await stack.sql<{ id: string; text: string }>(
        `UPDATE action_commitment SET status = 'open', outcome = NULL
          WHERE id = (SELECT id FROM action_commitment WHERE user_id = $1 ORDER BY created_at DESC, id OFFSET $2 LIMIT 1)
          RETURNING id, text`,
        [memberId, index],
      );
      const page = await open(viewport);
      await page.goto('/actions');
      const card = page.getByRole('article', { name: commitment.text });
      await checkPage(page, JOURNEY, 'actions', card);
      await card.getByRole('button', { name: `Update “${commitment.text}”` }).click();
      const dialog = page.getByRole('dialog', { name: 'How is it going?' });
      await dialog.getByRole('radio', { name: 'Partly done' }).check();
      await dialog.getByLabel('Note').fill('Moved invoicing to the cloud; quotes next month.');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Action updated').waitFor();
      await page.getByText('All', { exact: true }).click();
      const updated = page.getByRole('article', { name: commitment.text });
      await updated.getByText('Partly done', { exact: true }).waitFor();
      await updated.getByText('What came of it: Moved invoicing to the cloud; quotes next month.').waitFor();
      const [row] = await stack.sql('SELECT status, outcome FROM action_commitment WHERE id = $1', [commitment.id]);
      expect(row).toEqual({ status: 'partly', outcome: 'Moved invoicing to the cloud; quotes next month.' });
      await page.context().close();
    });

    it('gives feedback after a session, from the link in the email', async () => {
      const [meeting] = await stack.sql<{ id: string; title: string }>(
        `SELECT m.id, m.title FROM attendance a JOIN meeting m ON m.id = a.meeting_id
          WHERE a.user_id = $1 AND a.status IN ('present', 'late')
            AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.meeting_id = m.id AND f.user_id = $1)
          ORDER BY m.starts_at DESC LIMIT 1`,
        [memberId],
      );
      const page = await open(viewport);
      await page.goto(`/meetings/${meeting.id}/feedback`);
      await checkPage(page, JOURNEY, 'feedback', page.getByRole('radiogroup', { name: /How useful was the session/ }));
      await page.getByText(meeting.title).waitFor();
      const taps = new Taps();
      await taps.tap(page.getByRole('radiogroup', { name: /How useful/ }).getByRole('radio', { name: '4', exact: true }));
      await taps.tap(page.getByRole('radiogroup', { name: /recommend/ }).getByRole('radio', { name: '9', exact: true }));
      await taps.fill(page.getByLabel('Anything else? (optional)'), 'The cloud accounting demo was the best part.');
      await taps.tap(page.getByRole('button', { name: 'Send feedback' }));
      await page.getByText('Thank you', { exact: true }).waitFor();
      expect(taps.count).toBeLessThanOrEqual(4);
      const [row] = await stack.sql(
        'SELECT usefulness, would_recommend, comment FROM feedback WHERE meeting_id = $1 AND user_id = $2',
        [meeting.id, memberId],
      );
      expect(row).toEqual({ usefulness: 4, would_recommend: 9, comment: 'The cloud accounting demo was the best part.' });
      // Coming back by the same link shows what they gave, not an empty form they could not send again.
      await page.reload();
      const given = page.getByTestId('my-feedback');
      await given.getByText('How useful: 4 out of 5').waitFor();
      await given.getByText('Likely to recommend: 9 out of 10').waitFor();
      await given.getByText('The cloud accounting demo was the best part.').waitFor();
      expect(await page.getByRole('button', { name: 'Send feedback' }).count()).toBe(0);
      await page.context().close();
    });

    it('sees the firm and its people, and invites a colleague who gets a set-password link', async () => {
      const email = `colleague-${viewport}@caledonian-crust.example`;
      const page = await open(viewport);
      await page.goto('/firm');
      await checkPage(page, JOURNEY, 'firm', page.getByRole('heading', { name: 'Caledonian Crust Bakery Ltd', level: 1 }));
      await page.getByRole('listitem').filter({ hasText: 'Rory Grant' }).getByText('Active').waitFor();
      await page.getByLabel('Their name').fill('Morag Grant');
      await page.getByLabel('Their email').fill(email);
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText(`Invitation sent to ${email}`).waitFor();
      await page.getByRole('listitem').filter({ hasText: email }).getByText('Invited').waitFor();

      const deadline = Date.now() + 20_000;
      let mail = stack.mail.received.find((m) => m.to.includes(email));
      while (!mail && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        mail = stack.mail.received.find((m) => m.to.includes(email));
      }
      expect(mail).toBeDefined();
      const body = `${mail?.parsed.text ?? ''}\n${typeof mail?.parsed.html === 'string' ? mail.parsed.html : ''}`;
      const link = body.match(/https?:\/\/[^\s"'<>]+\/invitations\/accept\?token=[A-Za-z0-9_-]+/)?.[0];
      expect(link).toBeDefined();
      expect(new URL(link as string).origin).toBe(stack.url);
      await page.context().close();
    });
  });
});
