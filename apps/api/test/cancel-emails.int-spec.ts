import { createPrepare, deliver, Mailer } from '@roundtable/server-notifications';
import { buildProgrammeWorld, localStartIn, ProgrammeWorld } from '@roundtable/server-testing';
import ICAL from 'ical.js';
import type Mail from 'nodemailer/lib/mailer';
import { createTestApp, TestApp } from './support';

// What a cancellation email says is decided when it is sent, from the state then (delivered here by
// calling the worker's deliver() on one row, with a mailer that keeps the message).
describe('cancellation emails, as the worker sends them', () => {
  let t: TestApp;
  let w: ProgrammeWorld;
  const sent: Mail.Options[] = [];
  const mailer: Mailer = {
    sendMail: (message) => {
      sent.push(message);
      return Promise.resolve({ messageId: String(message.messageId), response: '250 queued' });
    },
  };
  const deliverRow = (id: string) =>
    deliver(t.db, id, {
      prepare: createPrepare({
        appUrl: t.config.PUBLIC_URL,
        from: 'Roundtable <roundtable@mail.test>',
        signingSecret: t.config.SIGNING_SECRET,
        invitationTtlHours: 72,
      }),
      mailer,
      domain: 'mail.test',
      worker: 'cancel-emails-test',
    });
  const rowOf = async (kind: string, userId: string, meetingId: string) => {
    const rows: { id: string; status: string; skipped_reason: string | null }[] = await t.db.query(
      `SELECT id, status, skipped_reason FROM notification WHERE kind = $1 AND user_id = $2 AND meeting_id = $3
        ORDER BY created_at DESC`,
      [kind, userId, meetingId],
    );
    return rows[0];
  };
  const calendarOf = (message: Mail.Options) => {
    const ics = (message.icalEvent as { method: string; content: string } | undefined)?.content;
    return ics ? new ICAL.Component(ICAL.parse(ics)) : null;
  };
  const schedule = async (capacity: number) =>
    (
      await t.http
        .post(`/api/groups/${w.group.id}/meetings`)
        .set(w.facilitator.auth)
        .send({ title: `Session ${capacity}`, localStart: localStartIn(12), durationMinutes: 60, capacity })
        .expect(201)
    ).body as { id: string; icalUid: string };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://roundtable.test' });
    w = await buildProgrammeWorld(t.fixtures);
  });

  afterAll(() => t.close());

  it('is not sent once the person has booked again: it would take the new seat out of their calendar', async () => {
    const meeting = await schedule(5);
    const first = await t.http.post(`/api/meetings/${meeting.id}/bookings`).set(w.member.auth).send({}).expect(201);
    await t.http
      .post(`/api/bookings/${first.body.id as string}/cancel`)
      .set(w.member.auth)
      .expect(200);
    await t.http.post(`/api/meetings/${meeting.id}/bookings`).set(w.member.auth).send({}).expect(201);

    const cancel = await rowOf('booking_cancelled', w.member.user.id, meeting.id);
    expect(await deliverRow(cancel.id)).toBe('skipped');
    expect((await rowOf('booking_cancelled', w.member.user.id, meeting.id)).skipped_reason).toBe('booked again');
  });

  it('does not wait for a reminder the worker is sending at that moment when a booking is cancelled', async () => {
    const meeting = await schedule(5);
    const booking = await t.http.post(`/api/meetings/${meeting.id}/bookings`).set(w.member.auth).send({}).expect(201);
    const [held, other] = (await t.db.query(
      `SELECT id FROM notification WHERE booking_id = $1 AND kind = 'reminder' ORDER BY due_at`,
      [booking.body.id],
    )) as { id: string }[];
    expect(other).toBeDefined();
    // A worker's delivery holds its row for as long as its SMTP exchange lasts.
    const worker = t.db.createQueryRunner();
    await worker.connect();
    await worker.startTransaction();
    try {
      await worker.query(`SELECT id FROM notification WHERE id = $1 FOR UPDATE`, [held.id]);
      const started = Date.now();
      const cancelled = await Promise.race([
        t.http.post(`/api/bookings/${booking.body.id as string}/cancel`).set(w.member.auth),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
      ]);
      expect(cancelled?.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      const rows = (await t.db.query(`SELECT id, status FROM notification WHERE id = ANY($1)`, [[held.id, other.id]])) as {
        id: string;
        status: string;
      }[];
      const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
      // The one being sent is left to the worker (which re-reads the booking); the rest are retired.
      expect(status[other.id]).toBe('skipped');
      expect(status[held.id]).toBe('pending');
    } finally {
      await worker.rollbackTransaction();
      await worker.release();
    }
  });

  it('takes the group’s session out of the calendar of a waitlisted person whose firm left the group', async () => {
    const colleague = await t.fixtures.user({ firmId: w.firm.id });
    const seated = await t.fixtures.user({ firmId: w.firm.id });
    const meeting = await schedule(1);
    // The invitation reached them: the session is in their calendar.
    expect(await deliverRow((await rowOf('meeting_invitation', colleague.user.id, meeting.id)).id)).toBe('sent');
    await t.http.post(`/api/meetings/${meeting.id}/bookings`).set(seated.auth).send({}).expect(201);
    const waiting = await t.http.post(`/api/meetings/${meeting.id}/bookings`).set(colleague.auth).send({}).expect(201);
    expect(waiting.body.status).toBe('waitlisted');

    const [membership] = await t.db.query(`SELECT id FROM membership WHERE group_id = $1 AND firm_id = $2`, [
      w.group.id,
      w.firm.id,
    ]);
    await t.http
      .post(`/api/memberships/${membership.id as string}/leave`)
      .set(w.member.auth)
      .send({ reason: 'We are too busy this year' })
      .expect(200);

    const cancel = await rowOf('booking_cancelled', colleague.user.id, meeting.id);
    expect(await deliverRow(cancel.id)).toBe('sent');
    const message = sent[sent.length - 1];
    const calendar = calendarOf(message);
    expect(calendar?.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(calendar?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('uid')).toBe(meeting.icalUid);
    expect(message.text).toEqual(expect.stringMatching(/your firm has left/));
  });
});
