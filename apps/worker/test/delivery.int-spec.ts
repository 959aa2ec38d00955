import { MeetingEntity } from '@roundtable/server-data';
import { NotificationWorker } from '@roundtable/server-notifications';
import {
  buildProgrammeWorld,
  ProgrammeWorld,
  separateTestDatabase,
  SmtpSink,
  startSmtpSink,
  TEST_DATABASE_URL,
  TestContext,
  uid,
  until,
} from '@roundtable/server-testing';
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { calendarOf, rowsOf, saveGroupMeeting, startWorker } from './support';

// A worker takes every due notification of its database: this file's workers get a database of their
// own, so they neither send the other test files' emails nor miss their own.
let database: Awaited<ReturnType<typeof separateTestDatabase>>;
beforeAll(async () => {
  database = await separateTestDatabase(TEST_DATABASE_URL, `worker_delivery`);
});
afterAll(() => database?.drop());

/** The meeting these tests schedule: the week after the October clock change, 09:30 in London. */
const scheduleGroupMeeting = (db: DataSource, world: ProgrammeWorld) =>
  saveGroupMeeting(db, world, {
    agenda: 'Cloud accounting: what went well',
    startsAt: new Date('2031-11-04T09:30:00Z'),
    durationMinutes: 90,
    onlineLink: 'https://meet.example/abc',
  });

describe('the worker delivers what the outbox owes', () => {
  let sink: SmtpSink;
  let worker: TestContext;
  let world: ProgrammeWorld;
  let db: DataSource;

  beforeAll(async () => {
    sink = await startSmtpSink();
    worker = await startWorker(database.url, sink);
    db = worker.db;
    world = await buildProgrammeWorld(worker.fixtures);
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
  });

  it('sends each member of the group one invitation with the meeting in their calendar', async () => {
    const before = sink.received.length;
    const meeting = await scheduleGroupMeeting(db, world);
    const [row] = await until('the invitation to be sent', async () => {
      const rows = await rowsOf(db, meeting.id);
      return rows.length > 0 && rows.every((r) => r.status === 'sent') && rows;
    });
    expect(row).toMatchObject({ kind: 'meeting_invitation', user_id: world.member.user.id, attempts: 1 });
    const mails = sink.withMessageId(row.message_id as string);
    expect(mails).toHaveLength(1);
    expect(sink.received.length - before).toBe(1);
    const [mail] = mails;
    expect(mail.to).toEqual([world.member.user.email]);
    expect(mail.parsed.text).toContain(meeting.title);
    expect(mail.parsed.html).toContain(meeting.title);

    const { parts, component } = calendarOf(mail);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatch(/method=REQUEST/i);
    expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(component.getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.uid).toBe(meeting.icalUid);
    expect(event.sequence).toBe(0);
    // The week after the October clock change: 09:30 in London is 09:30 UTC.
    expect(event.startDate.toString()).toBe('2031-11-04T09:30:00');
    expect(event.startDate.zone?.tzid).toBe('Europe/London');
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-11-04T09:30:00.000Z');
    expect(component.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/London');

    const [delivery] = await db.query(`SELECT * FROM notification_delivery WHERE notification_id = $1`, [row.id]);
    expect(delivery.message_id).toBe(row.message_id);
  });

  it('sends nothing for a change that rolled back', async () => {
    const title = `Rolled back ${uid()}`;
    await expect(
      db.transaction(async (em) => {
        await em.save(em.create(MeetingEntity, { ...(await scheduleLater(db, world)), title }));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const owed = await db.query(`SELECT n.id FROM notification n JOIN meeting m ON m.id = n.meeting_id WHERE m.title = $1`, [
      title,
    ]);
    expect(owed).toHaveLength(0);
  });

  it('retries while the SMTP server refuses for now, then delivers exactly once', async () => {
    sink.mode = 'temporary';
    const meeting = await scheduleGroupMeeting(db, world);
    const [failing] = await until('a failed attempt to be recorded', async () => {
      const rows = await rowsOf(db, meeting.id);
      return rows.length > 0 && rows[0].attempts >= 1 && rows;
    });
    expect(failing.status).toBe('queued');
    expect(failing.last_error).toMatch(/451|Try again later/);
    sink.mode = 'accept';
    const [sent] = await until(
      'the retry to be delivered',
      async () => {
        const rows = await rowsOf(db, meeting.id);
        return rows[0].status === 'sent' && rows;
      },
      30_000,
    );
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sink.withMessageId(sent.message_id as string)).toHaveLength(1);
  }, 45_000);

  it('marks a message the server refuses for good as failed, with the reason, and does not retry', async () => {
    sink.mode = 'permanent';
    try {
      const meeting = await scheduleGroupMeeting(db, world);
      const [failed] = await until('the failure to be recorded', async () => {
        const rows = await rowsOf(db, meeting.id);
        return rows.length > 0 && rows[0].status === 'failed' && rows;
      });
      expect(failed.attempts).toBe(1);
      expect(failed.last_error).toMatch(/550|No such mailbox/);
    } finally {
      sink.mode = 'accept';
    }
  });

  it('sends no invitation once the meeting is cancelled, and tells those it had reached', async () => {
    const meeting = await scheduleGroupMeeting(db, world);
    await until('the invitation to be sent', async () => (await rowsOf(db, meeting.id))[0]?.status === 'sent');
    await db.query(
      `UPDATE meeting SET status = 'cancelled', cancelled_at = now(), cancellation_message = 'Snow', ical_sequence = ical_sequence + 1
        WHERE id = $1`,
      [meeting.id],
    );
    const cancel = await until('the cancellation to be sent', async () => {
      const rows = await rowsOf(db, meeting.id);
      const row = rows.find((r) => r.kind === 'meeting_cancelled');
      return row?.status === 'sent' && row;
    });
    const [mail] = sink.withMessageId(cancel.message_id as string);
    const { parts, component } = calendarOf(mail);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatch(/method=CANCEL/i);
    expect(component.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = component.getFirstSubcomponent('vevent') as ICAL.Component;
    expect(event.getFirstPropertyValue('uid')).toBe(meeting.icalUid);
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

/** The values of a group meeting far enough ahead, for building one by hand. */
async function scheduleLater(_db: DataSource, world: ProgrammeWorld): Promise<Partial<MeetingEntity>> {
  return {
    programmeId: world.programme.id,
    groupId: world.group.id,
    title: 'x',
    agenda: '',
    startsAt: new Date('2031-06-03T08:30:00Z'),
    timezone: 'Europe/London',
    durationMinutes: 60,
    mode: 'online',
    onlineLink: 'https://meet.example/x',
    capacity: 10,
    status: 'scheduled',
    icalUid: `${randomUUID()}@roundtable.test`,
    icalSequence: 0,
  };
}

describe('two workers at once', () => {
  let sink: SmtpSink;
  let first: TestContext;
  let second: TestContext;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const prefix = `{rt-test-${uid()}}`;
    [first, second] = await Promise.all([
      startWorker(database.url, sink, { QUEUE_PREFIX: prefix }),
      startWorker(database.url, sink, { QUEUE_PREFIX: prefix }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await sink?.close();
  });

  it('send each of 1,000 due notifications exactly once', async () => {
    const db = first.db;
    const world = await buildProgrammeWorld(first.fixtures);
    // 999 more people in the member firm: a meeting of the group then owes 1,000 invitations at once.
    await db.query(
      `INSERT INTO app_user (email, name, status, firm_id)
       SELECT 'crowd-' || i || '-' || $2 || '@test.roundtable.local', 'Crowd ' || i, 'active', $1 FROM generate_series(1, 999) i`,
      [world.firm.id, uid()],
    );
    const meeting = await scheduleGroupMeeting(db, world);
    const rows = await until(
      'every invitation to be sent',
      async () => {
        const all = await rowsOf(db, meeting.id);
        return all.length === 1000 && all.every((r) => r.status === 'sent') && all;
      },
      120_000,
    );
    const ids = rows.map((r) => r.message_id as string);
    expect(new Set(ids).size).toBe(1000);
    const received = sink.received.filter((m) => ids.includes(m.parsed.messageId as string));
    expect(received).toHaveLength(1000);
    expect(new Set(received.map((m) => m.to[0])).size).toBe(1000);
    const workers = await db.query(
      `SELECT d.worker, count(*)::int AS n FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.meeting_id = $1 GROUP BY d.worker`,
      [meeting.id],
    );
    expect(workers.reduce((s: number, w: { n: number }) => s + w.n, 0)).toBe(1000);
    expect(workers.length).toBe(2);
    expect(first.app.get(NotificationWorker).id).not.toBe(second.app.get(NotificationWorker).id);
  }, 150_000);
});
