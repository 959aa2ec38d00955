import { buildProgrammeWorld, localStartIn, ProgrammeWorld, SignedIn, uid } from '@roundtable/server-testing';
import ICAL from 'ical.js';
import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from './support';

/** The VEVENTs of an iCalendar text, by UID. */
function eventsOf(text: string): { calendar: ICAL.Component; events: Map<string, ICAL.Event> } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map(
    calendar.getAllSubcomponents('vevent').map((c) => {
      const event = new ICAL.Event(c);
      return [event.uid, event] as const;
    }),
  );
  return { calendar, events };
}

describe('calendars: the feed URL and the single-meeting download', () => {
  let t: TestApp;
  let w: ProgrammeWorld;
  /** Meeting ids by what happens to them. */
  const m: Record<string, string> = {};
  const uids: Record<string, string> = {};

  const schedule = async (key: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/groups/${w.group.id}/meetings`)
      .set(w.facilitator.auth)
      .send({ title: `Calendar ${key} ${uid()}`, durationMinutes: 90, ...body })
      .expect(201);
    m[key] = res.body.id;
    uids[key] = (await t.db.query(`SELECT ical_uid FROM meeting WHERE id = $1`, [res.body.id]))[0].ical_uid;
    return res.body as { id: string; localStart: string; timezone: string };
  };
  const book = (who: SignedIn, key: string) => t.http.post(`/api/meetings/${m[key]}/bookings`).set(who.auth).send({}).expect(201);
  const feedPath = (url: string) => new URL(url).pathname;
  const newFeed = async (who: SignedIn) =>
    (await t.http.post('/api/me/calendar-feed').set(who.auth).expect(201)).body.url as string;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://roundtable.test' });
    w = await buildProgrammeWorld(t.fixtures);
    // A session in London and one in New York, each read back in its own zone.
    await schedule('booked', { localStart: localStartIn(20, '09:30'), timezone: 'Europe/London', agenda: 'Cash flow' });
    await schedule('newYork', { localStart: localStartIn(21, '18:00'), timezone: 'America/New_York' });
    await schedule('cancelled', { localStart: localStartIn(22) });
    await schedule('seatGivenUp', { localStart: localStartIn(23), agenda: 'Not for leavers' });
    await schedule('notBooked', { localStart: localStartIn(24) });
    await schedule('longAgo', { localStart: localStartIn(25) });
    await schedule('cancelledLongAgo', { localStart: localStartIn(26) });
    await schedule('waitlisted', { localStart: localStartIn(27), capacity: 1 });
    for (const key of ['booked', 'newYork', 'cancelled', 'seatGivenUp', 'longAgo', 'cancelledLongAgo']) await book(w.member, key);
    // The only seat of `waitlisted` goes to someone else; the member waits.
    const colleague = await t.fixtures.user({ firmId: w.firm.id });
    await book(colleague, 'waitlisted');
    await book(w.member, 'waitlisted');

    for (const key of ['cancelled', 'cancelledLongAgo']) {
      await t.http.post(`/api/meetings/${m[key]}/cancel`).set(w.facilitator.auth).send({ message: 'Snowed in' }).expect(200);
    }
    const [seat] = await t.db.query(`SELECT id FROM booking WHERE meeting_id = $1 AND user_id = $2`, [
      m.seatGivenUp,
      w.member.user.id,
    ]);
    await t.http.post(`/api/bookings/${seat.id}/cancel`).set(w.member.auth).expect(200);
    // History, as if time had passed: a session 100 days ago, a cancellation 40 days ago.
    await t.db.query(`UPDATE meeting SET starts_at = now() - interval '100 days' WHERE id = $1`, [m.longAgo]);
    await t.db.query(`UPDATE meeting SET cancelled_at = now() - interval '40 days' WHERE id = $1`, [m.cancelledLongAgo]);
  });
  afterAll(() => t.close());

  describe('the feed URL', () => {
    it('is made once, shown once, stored only as its hash, and says nothing of itself afterwards', async () => {
      const who = await t.fixtures.user({ firmId: w.firm.id });
      expect((await t.http.get('/api/me/calendar-feed').set(who.auth).expect(200)).body).toEqual({
        active: false,
        createdAt: null,
      });

      const made = await t.http.post('/api/me/calendar-feed').set(who.auth).expect(201);
      expect(made.body.url).toMatch(/^https:\/\/roundtable\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const token = /calendar\/([^.]+)\.ics$/.exec(made.body.url)![1];
      const [stored] = await t.db.query(`SELECT * FROM calendar_feed WHERE user_id = $1`, [who.user.id]);
      expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(token);

      const status = await t.http.get('/api/me/calendar-feed').set(who.auth).expect(200);
      expect(status.body).toEqual({ active: true, createdAt: made.body.createdAt });
      expect(status.text).not.toContain(token);
    });

    it('answers the owner’s meetings as text/calendar, cacheable for five minutes, without a session', async () => {
      const url = await newFeed(w.member);
      const res = await t.http.get(feedPath(url));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, max-age=300');
      expect(res.headers['set-cookie']).toBeUndefined();

      const { calendar, events } = eventsOf(res.text);
      // A subscription is not an iTIP message: no METHOD.
      expect(calendar.getFirstPropertyValue('method')).toBeNull();
      expect([...events.keys()].sort()).toEqual([uids.booked, uids.newYork, uids.cancelled, uids.seatGivenUp].sort());

      const booked = events.get(uids.booked)!;
      const [row] = await t.db.query(
        `SELECT ical_uid, ical_sequence, to_char(starts_at AT TIME ZONE timezone, 'YYYY-MM-DD"T"HH24:MI:SS') AS local FROM meeting WHERE id = $1`,
        [m.booked],
      );
      expect(booked.uid).toBe(row.ical_uid);
      expect(booked.sequence).toBe(row.ical_sequence);
      expect(booked.startDate.zone?.tzid).toBe('Europe/London');
      expect(booked.startDate.toString()).toBe(row.local);
      expect(booked.description).toContain('Cash flow');
      expect(booked.component.getFirstPropertyValue('status')).toBe('CONFIRMED');

      const newYork = events.get(uids.newYork)!;
      expect(newYork.startDate.zone?.tzid).toBe('America/New_York');
      expect(newYork.startDate.toString()).toBe(`${localStartIn(21, '18:00')}:00`);
      const zones = calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
      expect(zones.sort()).toEqual(['America/New_York', 'Europe/London']);

      // A cancelled meeting stays, cancelled, with a higher SEQUENCE, so subscribed calendars drop it.
      const cancelled = events.get(uids.cancelled)!;
      expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(cancelled.sequence).toBeGreaterThan(0);
      // A seat given up is cancelled for its holder, and no longer shows what only members see.
      const givenUp = events.get(uids.seatGivenUp)!;
      expect(givenUp.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(givenUp.description ?? '').not.toContain('Not for leavers');
    });

    it('shows each person only their own meetings, and the facilitator their groups’ sessions', async () => {
      const other = await t.fixtures.user({ firmId: w.otherFirm.id });
      const otherFeed = await t.http.get(feedPath(await newFeed(other))).expect(200);
      const { events: none } = eventsOf(otherFeed.text);
      expect(none.size).toBe(0);
      for (const id of Object.values(uids)) expect(otherFeed.text).not.toContain(id);
      // The token decides whose feed it is, never the session that comes along.
      const memberUrl = await newFeed(w.member);
      const withOtherSession = await t.http.get(feedPath(memberUrl)).set(other.auth).expect(200);
      expect(eventsOf(withOtherSession.text).events.has(uids.booked)).toBe(true);

      const facilitatorFeed = await t.http.get(feedPath(await newFeed(w.facilitator))).expect(200);
      const { events } = eventsOf(facilitatorFeed.text);
      for (const key of ['booked', 'newYork', 'cancelled', 'seatGivenUp', 'notBooked', 'waitlisted'])
        expect(events.has(uids[key])).toBe(true);
      expect(events.has(uids.longAgo)).toBe(false);
      expect(events.has(uids.cancelledLongAgo)).toBe(false);
      const otherFacilitatorFeed = await t.http.get(feedPath(await newFeed(w.otherFacilitator))).expect(200);
      for (const id of Object.values(uids)) expect(otherFacilitatorFeed.text).not.toContain(id);
    });

    it('stops working when replaced or stopped', async () => {
      const who = await t.fixtures.user({ firmId: w.firm.id });
      const first = await newFeed(who);
      await t.http.get(feedPath(first)).expect(200);
      const second = await newFeed(who);
      expect(second).not.toBe(first);
      const gone = await t.http.get(feedPath(first)).expect(404);
      expect(gone.body).toMatchObject({ statusCode: 404, code: 'not_found' });
      await t.http.get(feedPath(second)).expect(200);

      await t.http.delete('/api/me/calendar-feed').set(who.auth).expect(204);
      await t.http.get(feedPath(second)).expect(404);
      expect((await t.http.get('/api/me/calendar-feed').set(who.auth).expect(200)).body).toEqual({
        active: false,
        createdAt: null,
      });
      // Stopping what is already stopped changes nothing.
      await t.http.delete('/api/me/calendar-feed').set(who.auth).expect(204);
    });

    it('stops when the password changes: a URL made from a stolen session dies with the sessions', async () => {
      const who = await t.fixtures.user({ firmId: w.firm.id, password: 'the-old-password' });
      const url = await newFeed(who);
      await t.http.get(feedPath(url)).expect(200);
      const changed = await t.http
        .post('/api/auth/password')
        .set(who.auth)
        .send({ currentPassword: 'the-old-password', newPassword: 'a-much-newer-password' });
      expect(changed.status).toBe(200);
      await t.http.get(feedPath(url)).expect(404);
      const fresh = { Authorization: `Bearer ${changed.body.token as string}` };
      expect((await t.http.get('/api/me/calendar-feed').set(fresh).expect(200)).body.active).toBe(false);
    });

    it('stops for a disabled account, and refuses malformed and unknown tokens', async () => {
      const who = await t.fixtures.user({ firmId: w.firm.id });
      const url = await newFeed(who);
      await t.db.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [who.user.id]);
      await t.http.get(feedPath(url)).expect(404);
      expect((await t.http.get('/api/calendar/not-a-token.ics').expect(400)).body.code).toBe('validation_failed');
      await t.http.get(`/api/calendar/${'A'.repeat(43)}.ics`).expect(404);
    });

    it('is made, read and stopped only by its own person', async () => {
      const a = await t.fixtures.user({ firmId: w.firm.id });
      const b = await t.fixtures.user({ firmId: w.firm.id });
      const url = await newFeed(a);
      expect((await t.http.get('/api/me/calendar-feed').set(b.auth).expect(200)).body.active).toBe(false);
      await t.http.delete('/api/me/calendar-feed').set(b.auth).expect(204);
      await t.http.get(feedPath(url)).expect(200);
      for (const req of [
        t.http.get('/api/me/calendar-feed'),
        t.http.post('/api/me/calendar-feed'),
        t.http.delete('/api/me/calendar-feed'),
      ]) {
        expect((await req).status).toBe(401);
      }
    });
  });

  describe('a single meeting as an .ics file', () => {
    it('is an attachment with a safe name, the meeting’s UID, its zone and its organizer', async () => {
      const res = await t.http.get(`/api/meetings/${m.newYork}/ics`).set(w.member.auth).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const [row] = await t.db.query(`SELECT title FROM meeting WHERE id = $1`, [m.newYork]);
      const slug = row.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${slug}-${localStartIn(21).slice(0, 10)}.ics"`);
      const { calendar, events } = eventsOf(res.text);
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      const event = events.get(uids.newYork)!;
      expect(event.startDate.zone?.tzid).toBe('America/New_York');
      expect(event.startDate.toString()).toBe(`${localStartIn(21, '18:00')}:00`);
      expect(String(event.component.getFirstPropertyValue('organizer')).toLowerCase()).toBe(
        `mailto:${w.facilitator.user.email}`.toLowerCase(),
      );
    });

    it('says CANCELLED for a cancelled meeting', async () => {
      const res = await t.http.get(`/api/meetings/${m.cancelled}/ics`).set(w.facilitator.auth).expect(200);
      expect(eventsOf(res.text).events.get(uids.cancelled)!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    });

    it('follows who may see the meeting: 403 in the programme, 404 outside it, 401 signed out', async () => {
      expect((await t.http.get(`/api/meetings/${m.booked}/ics`).set(w.otherMember.auth).expect(403)).body.code).toBe('forbidden');
      const outside = await buildProgrammeWorld(t.fixtures);
      expect((await t.http.get(`/api/meetings/${m.booked}/ics`).set(outside.member.auth).expect(404)).body.code).toBe(
        'not_found',
      );
      await t.http.get(`/api/meetings/${m.booked}/ics`).expect(401);
    });
  });
});
