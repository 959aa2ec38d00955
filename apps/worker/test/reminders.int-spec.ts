import {
  buildProgrammeWorld,
  HttpTestApp,
  ProgrammeWorld,
  separateTestDatabase,
  SmtpSink,
  startSmtpSink,
  TEST_DATABASE_URL,
  TestContext,
  until,
} from '@roundtable/server-testing';
import { DateTime } from 'luxon';
import { book, calendarOf, header, mailFor, Row, rowsOf, saveGroupMeeting, settled, startApi, startWorker } from './support';

// Reminders are rows with a due time: these tests put one a few seconds ahead and watch what the worker does
// when it falls due. A worker takes every due notification of its database, so this file has one of its own.
let database: Awaited<ReturnType<typeof separateTestDatabase>>;
let sink: SmtpSink;
let api: HttpTestApp;
let worker: TestContext;
let world: ProgrammeWorld;

const OFFSET_MINUTES = 60;
/** How far ahead of now a test's first reminder falls due: time enough to book and change the meeting first. */
const LEAD_MS = 8_000;

beforeAll(async () => {
  database = await separateTestDatabase(TEST_DATABASE_URL, 'worker_reminders');
  sink = await startSmtpSink();
  [api, worker] = await Promise.all([startApi(database.url), startWorker(database.url, sink)]);
  world = await buildProgrammeWorld(api.fixtures);
  // One reminder, an hour before: a session starting in an hour and a few seconds has it due in a few seconds.
  await api.db.query(`UPDATE programme SET reminder_offsets_minutes = $2 WHERE id = $1`, [world.programme.id, [OFFSET_MINUTES]]);
}, 30_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await sink?.close();
  await database?.drop();
});

/** A session starting an hour (the reminder offset) and LEAD_MS from now, to the second. */
const soon = () => new Date(Math.ceil((Date.now() + OFFSET_MINUTES * 60_000 + LEAD_MS) / 1000) * 1000);

const reminderMails = (title: string) => sink.received.filter((m) => m.parsed.subject?.startsWith(`Reminder: ${title},`));

const sleepUntil = (instant: Date) => new Promise((r) => setTimeout(r, Math.max(0, instant.getTime() - Date.now())));

describe('a moved meeting’s reminders follow it', () => {
  it('retires the reminder for the old time, owes one for the new, and sends a due reminder within seconds', async () => {
    const startsAt = soon();
    // Two sessions at the same time; the facilitator moves one of them two hours later.
    const moved = await saveGroupMeeting(api.db, world, { startsAt });
    const kept = await saveGroupMeeting(api.db, world, { startsAt });
    const movedSeat = await book(api, world.member, moved.id);
    const keptSeat = await book(api, world.member, kept.id);
    const [oldReminder] = await rowsOf(api.db, moved.id, 'reminder');
    expect(oldReminder).toMatchObject({ status: 'pending', booking_id: movedSeat.id, user_id: world.member.user.id });
    expect(new Date(oldReminder.due_at).getTime()).toBe(startsAt.getTime() - OFFSET_MINUTES * 60_000);

    const later = DateTime.fromJSDate(startsAt, { zone: 'Europe/London' }).plus({ hours: 2 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const res = await api.http.patch(`/api/meetings/${moved.id}`).set(world.facilitator.auth).send({ localStart: later });
    expect(res.status).toBe(200);
    const newStart = new Date(res.body.startsAt as string);
    expect(newStart.getTime()).toBeGreaterThan(startsAt.getTime() + 3600_000);
    // The move is made before the old reminder falls due.
    expect(Date.now()).toBeLessThan(oldReminder.due_at.getTime());

    const reminders = await rowsOf(api.db, moved.id, 'reminder');
    expect(reminders).toHaveLength(2);
    const retired = reminders.find((r) => r.id === oldReminder.id) as Row;
    expect(retired).toMatchObject({ status: 'skipped', skipped_reason: 'meeting moved' });
    const renewed = reminders.find((r) => r.id !== oldReminder.id) as Row;
    expect(renewed).toMatchObject({ status: 'pending', booking_id: movedSeat.id, user_id: world.member.user.id });
    expect(renewed.data.offsetMinutes).toBe(OFFSET_MINUTES);
    expect(new Date(renewed.due_at).getTime()).toBe(newStart.getTime() - OFFSET_MINUTES * 60_000);

    // The unmoved session's reminder, due when the old one was, is delivered within seconds of its due time.
    const [sent] = await settled(api.db, kept.id, 'reminder', undefined, LEAD_MS + 10_000);
    expect(sent.booking_id).toBe(keptSeat.id);
    const lateness = (sent.sent_at as Date).getTime() - new Date(sent.due_at).getTime();
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(5_000);
    const mail = mailFor(sink, sent);
    expect(mail.to).toEqual([world.member.user.email]);
    expect(mail.parsed.subject).toMatch(new RegExp(`^Reminder: ${kept.title}, `));
    expect(mail.parsed.text).toContain(`${kept.title} starts in 1 hour`);
    expect(mail.parsed.text).toContain(`Session: ${kept.title}`);
    // Non-essential mail: RFC 8058 one-click unsubscribe, a signed link to the API.
    expect(header(mail, 'List-Unsubscribe')).toMatch(/^<https:\/\/roundtable\.test\/api\/unsubscribe\/[^>]+>/);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // A reminder is not an invitation: no calendar in it.
    expect(() => calendarOf(mail)).toThrow(/no text\/calendar/);

    // The moved session's old reminder fell due at the same moment and was not sent.
    await sleepUntil(new Date(new Date(sent.sent_at as Date).getTime() + 1_000));
    expect(reminderMails(moved.title)).toHaveLength(0);
    expect((await rowsOf(api.db, moved.id, 'reminder')).find((r) => r.id === oldReminder.id)?.status).toBe('skipped');

    // Two hours on, the new reminder falls due and is sent. (The clock is moved by moving the session and its
    // reminder back together: the same as waiting, as far as the worker can tell.)
    const shift = new Date(renewed.due_at).getTime() - (Date.now() + 1_000);
    await api.db.transaction(async (em) => {
      await em.query(`UPDATE meeting SET starts_at = starts_at - make_interval(secs => $2) WHERE id = $1`, [
        moved.id,
        shift / 1000,
      ]);
      await em.query(`UPDATE notification SET due_at = due_at - make_interval(secs => $2) WHERE id = $1`, [
        renewed.id,
        shift / 1000,
      ]);
    });
    const followed = await until('the new reminder to be sent', async () => {
      const row = (await rowsOf(api.db, moved.id, 'reminder')).find((r) => r.id === renewed.id);
      return row?.status !== 'pending' && row?.status !== 'queued' && row;
    });
    expect(followed).toMatchObject({ status: 'sent', skipped_reason: null });
    expect(reminderMails(moved.title)).toHaveLength(1);
    expect(mailFor(sink, followed).to).toEqual([world.member.user.email]);
  }, 40_000);
});

describe('a cancelled meeting’s reminders', () => {
  it('are never sent: the cancellation arrives with the facilitator’s message, and the reminder’s due time passes in silence', async () => {
    const meeting = await saveGroupMeeting(api.db, world, { startsAt: soon() });
    const seat = await book(api, world.member, meeting.id);
    // The member holds the session in their calendar (the invitation, then the booking) before it is cancelled.
    const [invitation] = await settled(api.db, meeting.id, 'meeting_invitation', world.member.user.id);
    const [confirmation] = await settled(api.db, meeting.id, 'booking_confirmed', world.member.user.id);
    const requested = calendarOf(mailFor(sink, confirmation)).event;
    expect(invitation.status).toBe('sent');
    const [reminder] = await rowsOf(api.db, meeting.id, 'reminder');
    expect(reminder).toMatchObject({ status: 'pending', booking_id: seat.id });
    expect(Date.now()).toBeLessThan(reminder.due_at.getTime());

    const message = 'Storm warning: the ferry is off. We meet again next month.';
    const res = await api.http.post(`/api/meetings/${meeting.id}/cancel`).set(world.facilitator.auth).send({ message });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');

    // Retired with the change itself, not when the worker gets to it.
    const [retired] = await rowsOf(api.db, meeting.id, 'reminder');
    expect(retired).toMatchObject({ status: 'skipped', skipped_reason: 'meeting cancelled' });

    const [cancelled] = await settled(api.db, meeting.id, 'meeting_cancelled', world.member.user.id);
    const mail = mailFor(sink, cancelled);
    expect(mail.to).toEqual([world.member.user.email]);
    expect(mail.parsed.subject).toMatch(new RegExp(`^Cancelled: ${meeting.title}, `));
    expect(mail.parsed.text).toContain(message);
    const { parts, component, vevent, event } = calendarOf(mail);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatch(/method=CANCEL/i);
    expect(component.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(meeting.icalUid);
    expect(event.sequence).toBeGreaterThan(requested.sequence);

    // The reminder's due time passes, and some more: nothing arrives, and nothing was recorded as sent.
    await sleepUntil(new Date(reminder.due_at.getTime() + 3_000));
    expect(reminderMails(meeting.title)).toHaveLength(0);
    const [after] = await rowsOf(api.db, meeting.id, 'reminder');
    expect(after).toMatchObject({ status: 'skipped', sent_at: null, message_id: null });
    const deliveries = await api.db.query(`SELECT 1 FROM notification_delivery WHERE notification_id = $1`, [reminder.id]);
    expect(deliveries).toHaveLength(0);
  }, 30_000);
});
