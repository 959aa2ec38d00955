import { oweBriefs, oweRecaps } from '@roundtable/server-notifications';
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
} from '@roundtable/server-testing';
import { DateTime } from 'luxon';
import { book, header, mailFor, rowsOf, saveGroupMeeting, settled, startApi, startWorker } from './support';

// The recurring emails: the facilitator's brief the day before a session, the recap after it. The worker owes
// them every 60 s; these tests owe them at once with the same functions, then let the worker deliver. A worker
// takes every due notification of its database, so this file has a database of its own.
let database: Awaited<ReturnType<typeof separateTestDatabase>>;
let sink: SmtpSink;
let api: HttpTestApp;
let worker: TestContext;
let world: ProgrammeWorld;
let colleague: SignedIn;
/** An earlier session of the group, over: attendance taken, commitments made. */
let earlier: { id: string; title: string };
/** Made by the member at the earlier session. */
const commitment = { text: 'Move invoicing to Xero and stop paper invoices', dueDate: '2031-04-30' };

beforeAll(async () => {
  database = await separateTestDatabase(TEST_DATABASE_URL, 'worker_briefs_recaps');
  sink = await startSmtpSink();
  [api, worker] = await Promise.all([startApi(database.url), startWorker(database.url, sink)]);
  world = await buildProgrammeWorld(api.fixtures);
  colleague = await api.fixtures.user({ firmId: world.firm.id });
  // Three hours ago, for an hour: it has ended.
  earlier = await saveGroupMeeting(api.db, world, { startsAt: new Date(Date.now() - 3 * 3600_000) });
  const made = await api.http.post(`/api/meetings/${earlier.id}/commitments`).set(world.member.auth).send(commitment);
  expect(made.status).toBe(201);
}, 30_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await sink?.close();
  await database?.drop();
});

describe('after a session, the recap', () => {
  it('goes to each attendee recorded present, with their commitments and a feedback link, and to nobody else', async () => {
    const taken = await api.http
      .put(`/api/meetings/${earlier.id}/attendance`)
      .set(world.facilitator.auth)
      .send({
        records: [
          { userId: world.member.user.id, status: 'present' },
          { userId: colleague.user.id, status: 'no_show' },
        ],
      });
    expect(taken.status).toBe(200);

    await oweRecaps(api.db);
    // Owing again (the worker does, every minute) owes nothing more.
    expect(await oweRecaps(api.db)).toBe(0);
    const rows = await rowsOf(api.db, earlier.id, 'meeting_recap');
    expect(rows.map((r) => r.user_id)).toEqual([world.member.user.id]);

    const [sent] = await settled(api.db, earlier.id, 'meeting_recap');
    const mail = mailFor(sink, sent);
    expect(mail.to).toEqual([world.member.user.email]);
    expect(mail.parsed.subject).toBe(`After ${earlier.title}: your commitments and feedback`);
    expect(mail.parsed.text).toContain(`${commitment.text} (due 30 April 2031)`);
    expect(mail.parsed.text).toContain(`https://roundtable.test/meetings/${earlier.id}/feedback`);
    expect(mail.parsed.html).toContain(`href="https://roundtable.test/meetings/${earlier.id}/feedback"`);
    expect(header(mail, 'List-Unsubscribe')).toMatch(/^<https:\/\/roundtable\.test\/api\/unsubscribe\/[^>]+>/);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // The person recorded as a no-show gets nothing about it.
    expect(sink.received.filter((m) => m.to.includes(colleague.user.email) && m.parsed.subject?.includes(earlier.title))).toEqual(
      [],
    );
  });
});

describe('the day before a session, the facilitator’s brief', () => {
  it('is owed 24 hours before, and tells who is coming, who sent apologies and the commitments due for review', async () => {
    // The member's commitment from the earlier session is still open: it is due for review at the next one.
    const [open] = await api.db.query(`SELECT id FROM action_commitment WHERE meeting_id = $1 AND status = 'open'`, [earlier.id]);
    expect(open).toBeDefined();
    // A session starting 24 hours and a few seconds from now: its brief falls due in a few seconds.
    const startsAt = new Date(Math.ceil((Date.now() + 24 * 3600_000 + 6_000) / 1000) * 1000);
    const meeting = await saveGroupMeeting(api.db, world, { startsAt });
    await book(api, world.member, meeting.id);
    await book(api, colleague, meeting.id);
    // The colleague sends apologies ahead of the session (recorded as the facilitator takes them).
    await api.db.query(
      `INSERT INTO attendance (meeting_id, user_id, status, recorded_by_id, recorded_at) VALUES ($1, $2, 'apologies', $3, now())`,
      [meeting.id, colleague.user.id, world.facilitator.user.id],
    );

    await oweBriefs(api.db);
    expect(await oweBriefs(api.db)).toBe(0);
    const rows = await rowsOf(api.db, meeting.id, 'facilitator_brief');
    expect(rows).toHaveLength(1);
    const [brief] = rows;
    expect(brief.user_id).toBe(world.facilitator.user.id);
    expect(new Date(brief.due_at).getTime()).toBe(startsAt.getTime() - 24 * 3600_000);
    // A session further ahead is not owed a brief yet.
    const nextWeek = await saveGroupMeeting(api.db, world, { startsAt: new Date(Date.now() + 7 * 86400_000) });
    await oweBriefs(api.db);
    expect(await rowsOf(api.db, nextWeek.id, 'facilitator_brief')).toHaveLength(0);

    const [sent] = await settled(api.db, meeting.id, 'facilitator_brief', undefined, 20_000);
    // Not before it is due.
    expect((sent.sent_at as Date).getTime()).toBeGreaterThanOrEqual(new Date(brief.due_at).getTime());
    const mail = mailFor(sink, sent);
    expect(mail.to).toEqual([world.facilitator.user.email]);
    expect(mail.parsed.subject).toMatch(new RegExp(`^Brief: ${meeting.title}, .* \\(1 coming\\)$`));
    const text = mail.parsed.text ?? '';
    const section = (heading: string) => text.slice(text.indexOf(heading)).split(/\n\n(?=[A-Z])/)[0];
    expect(section('Coming (1)')).toContain(`${world.member.user.name} (${world.firm.name})`);
    expect(section('Coming (1)')).not.toContain(colleague.user.name);
    expect(section('Apologies (1)')).toContain(`${colleague.user.name} (${world.firm.name})`);
    expect(section('Commitments due for review (1)')).toContain(
      `${world.member.user.name} (${world.firm.name}): ${commitment.text} (due 30 April 2031), open`,
    );
    expect(header(mail, 'List-Unsubscribe')).toMatch(/^<https:\/\/roundtable\.test\/api\/unsubscribe\/[^>]+>/);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('is still owed for a session moved and then moved back', async () => {
    // A day and ten minutes ahead, on the minute (the API moves sessions to the minute): the brief is owed at once,
    // due in ten minutes.
    const startsAt = new Date(Math.ceil((Date.now() + 24 * 3600_000 + 10 * 60_000) / 60_000) * 60_000);
    const meeting = await saveGroupMeeting(api.db, world, { startsAt });
    await oweBriefs(api.db);
    const [first] = await rowsOf(api.db, meeting.id, 'facilitator_brief');
    expect(first).toMatchObject({ status: 'pending', user_id: world.facilitator.user.id });

    const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: 'Europe/London' }).toFormat("yyyy-MM-dd'T'HH:mm");
    const move = (localStart: string) =>
      api.http.patch(`/api/meetings/${meeting.id}`).set(world.facilitator.auth).send({ localStart });
    expect((await move(local(new Date(startsAt.getTime() + 3600_000)))).status).toBe(200);
    expect((await rowsOf(api.db, meeting.id, 'facilitator_brief'))[0]).toMatchObject({
      status: 'skipped',
      skipped_reason: 'meeting moved',
    });
    await oweBriefs(api.db);
    // The facilitator thinks better of it: the session is back at its first time.
    expect((await move(local(startsAt))).status).toBe(200);
    await oweBriefs(api.db);

    const waiting = (await rowsOf(api.db, meeting.id, 'facilitator_brief')).filter((r) => r.status === 'pending');
    expect(waiting).toHaveLength(1);
    expect(new Date(waiting[0].due_at).getTime()).toBe(startsAt.getTime() - 24 * 3600_000);
  });
});
