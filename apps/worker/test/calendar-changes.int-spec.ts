import {
  buildProgrammeWorld,
  HttpTestApp,
  ProgrammeWorld,
  separateTestDatabase,
  SignedIn,
  SmtpSink,
  startSmtpSink,
  TEST_DATABASE_URL,
  TestContext,
  uid,
} from '@roundtable/server-testing';
import ICAL from 'ical.js';
import { book, calendarOf, mailFor, rowsOf, settled, startApi, startWorker } from './support';

// What people do to a meeting or a booking through the API, and what lands in their calendars: a worker takes
// every due notification of its database, so this file has a database of its own.
let database: Awaited<ReturnType<typeof separateTestDatabase>>;
let sink: SmtpSink;
let api: HttpTestApp;
let worker: TestContext;
let world: ProgrammeWorld;
let colleague: SignedIn;

beforeAll(async () => {
  database = await separateTestDatabase(TEST_DATABASE_URL, 'worker_calendar_changes');
  sink = await startSmtpSink();
  [api, worker] = await Promise.all([startApi(database.url), startWorker(database.url, sink)]);
  world = await buildProgrammeWorld(api.fixtures);
  // A second person of the member firm: every change reaches each member.
  colleague = await api.fixtures.user({ firmId: world.firm.id });
}, 30_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await sink?.close();
  await database?.drop();
});

async function scheduleThroughApi(body: Record<string, unknown>): Promise<{ id: string; icalUid: string }> {
  const res = await api.http
    .post(`/api/groups/${world.group.id}/meetings`)
    .set(world.facilitator.auth)
    .send({ title: `Session ${uid()}`, durationMinutes: 90, ...body });
  expect(res.status).toBe(201);
  return res.body as { id: string; icalUid: string };
}

describe('a facilitator changes a scheduled meeting through the API', () => {
  it('sends each member a METHOD:REQUEST with the same UID, a higher SEQUENCE and the new local time', async () => {
    // The Thursday before the October clock change (BST, UTC+1), moved to the Tuesday after it (GMT).
    const meeting = await scheduleThroughApi({ localStart: '2027-10-28T09:30' });
    const people = [world.member, colleague];
    const invitations = new Map<string, { uid: string; sequence: number }>();
    for (const person of people) {
      const [row] = await settled(worker.db, meeting.id, 'meeting_invitation', person.user.id);
      const { event } = calendarOf(mailFor(sink, row));
      // ical.js reads DTSTART through the VTIMEZONE: 09:30 in London that week is 08:30 UTC.
      expect(event.startDate.toString()).toBe('2027-10-28T09:30:00');
      expect(event.startDate.toJSDate().toISOString()).toBe('2027-10-28T08:30:00.000Z');
      invitations.set(person.user.id, { uid: event.uid, sequence: event.sequence });
    }

    const changed = await api.http
      .patch(`/api/meetings/${meeting.id}`)
      .set(world.facilitator.auth)
      .send({ localStart: '2027-11-02T14:00' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ startsAt: '2027-11-02T14:00:00.000Z', localStart: '2027-11-02T14:00' });

    for (const person of people) {
      const rows = await settled(worker.db, meeting.id, 'meeting_updated', person.user.id);
      // One update each, not one per field changed nor one per retry.
      expect(rows).toHaveLength(1);
      const mail = mailFor(sink, rows[0]);
      expect(mail.to).toEqual([person.user.email]);
      expect(mail.parsed.subject).toMatch(/^Updated: /);
      // The text says what changed, now and before, in the reader's zone (London for both).
      expect(mail.parsed.text).toMatch(/When: now [^\n]*2 November 2027, 14:00[^\n]*\(was [^\n]*28 October 2027, 09:30/);

      const { parts, component, vevent, event } = calendarOf(mail);
      // The MIME part calendar clients act on says REQUEST, as the calendar does, and there is one.
      expect(parts).toHaveLength(1);
      expect(parts[0]).toMatch(/method=REQUEST/i);
      expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
      const invitation = invitations.get(person.user.id) as { uid: string; sequence: number };
      expect(event.uid).toBe(invitation.uid);
      expect(event.uid).toBe(meeting.icalUid);
      expect(event.sequence).toBeGreaterThan(invitation.sequence);
      expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
      // The new local time, in the meeting's zone, with the zone's definition in the calendar.
      expect(event.startDate.toString()).toBe('2027-11-02T14:00:00');
      expect(event.startDate.zone?.tzid).toBe('Europe/London');
      expect(event.startDate.toJSDate().toISOString()).toBe('2027-11-02T14:00:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2027-11-02T15:30:00.000Z');
      expect((vevent.getFirstProperty('dtstart') as ICAL.Property).getParameter('tzid')).toBe('Europe/London');
      const zones = component.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
      expect(zones).toEqual(['Europe/London']);
    }
  });
});

describe('a person cancels their own booking through the API', () => {
  it('sends them a METHOD:CANCEL for the meeting, and the person promoted from the waitlist a METHOD:REQUEST', async () => {
    const meeting = await scheduleThroughApi({
      localStart: `${new Date(Date.now() + 9 * 86400_000).toISOString().slice(0, 10)}T10:00`,
      capacity: 1,
    });
    for (const person of [world.member, colleague]) await settled(worker.db, meeting.id, 'meeting_invitation', person.user.id);
    const seat = await book(api, world.member, meeting.id);
    const waiting = await book(api, colleague, meeting.id);
    expect([seat.status, waiting.status]).toEqual(['confirmed', 'waitlisted']);
    const [confirmed] = await settled(worker.db, meeting.id, 'booking_confirmed', world.member.user.id);
    const booked = calendarOf(mailFor(sink, confirmed)).event;
    await settled(worker.db, meeting.id, 'booking_waitlisted', colleague.user.id);

    const cancelled = await api.http.post(`/api/bookings/${seat.id}/cancel`).set(world.member.auth).send();
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    // Theirs: the meeting leaves their calendar.
    const [own] = await settled(worker.db, meeting.id, 'booking_cancelled', world.member.user.id);
    const cancelMail = mailFor(sink, own);
    expect(cancelMail.to).toEqual([world.member.user.email]);
    expect(cancelMail.parsed.subject).toMatch(/^Booking cancelled: /);
    const cancel = calendarOf(cancelMail);
    expect(cancel.parts).toHaveLength(1);
    expect(cancel.parts[0]).toMatch(/method=CANCEL/i);
    expect(cancel.component.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.event.uid).toBe(meeting.icalUid);
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    // Newer than the REQUEST it withdraws (RFC 5546 2.1.5): a client ignores an out-of-date cancellation and
    // keeps the session in the calendar.
    expect(cancel.event.sequence).toBeGreaterThan(booked.sequence);
    // And nothing more about it: their reminders are retired.
    const ownReminders = (await rowsOf(worker.db, meeting.id, 'reminder')).filter((r) => r.user_id === world.member.user.id);
    expect(ownReminders.length).toBeGreaterThan(0);
    expect(ownReminders.every((r) => r.status === 'skipped' && r.skipped_reason === 'booking cancelled')).toBe(true);

    // The seat goes to the first person waiting, with the meeting for their calendar.
    const [promoted] = await settled(worker.db, meeting.id, 'booking_promoted', colleague.user.id);
    const promotedMail = mailFor(sink, promoted);
    expect(promotedMail.to).toEqual([colleague.user.email]);
    expect(promotedMail.parsed.subject).toMatch(/^A seat is yours: /);
    const request = calendarOf(promotedMail);
    expect(request.parts).toHaveLength(1);
    expect(request.parts[0]).toMatch(/method=REQUEST/i);
    expect(request.component.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(request.event.uid).toBe(meeting.icalUid);
    expect(request.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(request.event.startDate.toString()).toBe(booked.startDate.toString());
    // Their reminders are owed now.
    const theirs = (await rowsOf(worker.db, meeting.id, 'reminder')).filter((r) => r.user_id === colleague.user.id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((r) => r.status === 'pending' && r.booking_id === waiting.id)).toBe(true);

    // Booked again (waitlisted now that the seat is taken): the meeting back in their calendar only with a
    // REQUEST newer than the cancellation, when a seat is theirs again.
    const again = await book(api, world.member, meeting.id);
    expect(again.status).toBe('waitlisted');
    const released = await api.http.post(`/api/bookings/${waiting.id}/cancel`).set(colleague.auth).send();
    expect(released.status).toBe(200);
    const [back] = await settled(worker.db, meeting.id, 'booking_promoted', world.member.user.id);
    const rebooked = calendarOf(mailFor(sink, back)).event;
    expect(rebooked.uid).toBe(meeting.icalUid);
    expect(rebooked.sequence).toBeGreaterThan(cancel.event.sequence);
  });
});
