import { InfrastructureModule } from '@roundtable/server-core';
import {
  buildProgrammeWorld,
  createTestContext,
  separateTestDatabase,
  SmtpSink,
  startSmtpSink,
  TEST_DATABASE_URL,
  TestContext,
  uid,
  until,
} from '@roundtable/server-testing';
import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { saveGroupMeeting, spawnWorkerProcess } from './support';

const SHUTDOWN_MS = 5_000;
const PEOPLE = 150;

// A worker takes every due notification of its database: this file's workers get a database of their own.
let database: Awaited<ReturnType<typeof separateTestDatabase>>;
beforeAll(async () => {
  database = await separateTestDatabase(TEST_DATABASE_URL, 'worker_shutdown');
});
afterAll(() => database?.drop());

interface State {
  id: string;
  status: string;
  message_id: string | null;
  deliveries: number;
}

const stateOf = (db: DataSource, meetingId: string): Promise<State[]> =>
  db.query(
    `SELECT n.id, n.status, n.message_id,
            (SELECT count(*)::int FROM notification_delivery d WHERE d.notification_id = n.id) AS deliveries
       FROM notification n WHERE n.meeting_id = $1`,
    [meetingId],
  );

const count = (rows: State[], status: string) => rows.filter((r) => r.status === status).length;

describe('a worker given SIGTERM in the middle of a batch', () => {
  let sink: SmtpSink;
  let ctx: TestContext;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The server holds each message before accepting it: at any moment the worker has deliveries in hand.
    sink = await startSmtpSink({ delayMs: 150 });
    ctx = await createTestContext((config) => [InfrastructureModule.forRoot(config)], { DATABASE_URL: database.url });
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await ctx?.close();
    await sink?.close();
  });

  it('finishes the deliveries in hand, exits 0 within WORKER_SHUTDOWN_MS, and leaves the rest to the next worker', async () => {
    const world = await buildProgrammeWorld(ctx.fixtures);
    await ctx.db.query(
      `INSERT INTO app_user (email, name, status, firm_id)
       SELECT 'term-' || i || '-' || $2 || '@test.roundtable.local', 'Person ' || i, 'active', $1 FROM generate_series(1, $3::int - 1) i`,
      [world.firm.id, uid(), PEOPLE],
    );
    const meeting = await saveGroupMeeting(ctx.db, world, { startsAt: new Date('2031-03-04T09:30:00Z') });
    const env = {
      SMTP_URL: sink.url,
      QUEUE_PREFIX: `{rt-term-${uid()}}`,
      RELAY_INTERVAL_MS: '100',
      WORKER_CONCURRENCY: '5',
      WORKER_SHUTDOWN_MS: String(SHUTDOWN_MS),
    };
    const first = spawnWorkerProcess(database.url, env);
    children.push(first);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      first.once('exit', (code, signal) => resolve({ code, signal })),
    );
    await until('part of the batch to be delivered', async () => count(await stateOf(ctx.db, meeting.id), 'sent') >= 20, 30_000);

    const receivedAtTerm = sink.received.length;
    const termAt = Date.now();
    first.kill('SIGTERM');
    const { code, signal } = await exited;
    const tookMs = Date.now() - termAt;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(SHUTDOWN_MS);

    // The messages it was sending when told to stop reached the server after the signal ...
    const atExit = await stateOf(ctx.db, meeting.id);
    expect(sink.received.length).toBeGreaterThan(receivedAtTerm);
    expect(count(atExit, 'sent')).toBeLessThan(PEOPLE);
    // ... and were recorded: every message the server accepted belongs to a row marked sent with one delivery
    // record, and every row not sent has none. Nothing is half-done.
    const sentIds = new Set(atExit.filter((r) => r.status === 'sent').map((r) => r.message_id));
    const accepted = sink.received.map((m) => m.parsed.messageId as string);
    expect(accepted.filter((id) => !sentIds.has(id))).toEqual([]);
    expect(accepted).toHaveLength(sentIds.size);
    for (const row of atExit) {
      if (row.status === 'sent') expect(row.deliveries).toBe(1);
      else {
        expect(['pending', 'queued']).toContain(row.status);
        expect(row.deliveries).toBe(0);
      }
    }

    // Another worker takes the rest over (the jobs left in the queue, the rows still pending).
    children.push(spawnWorkerProcess(database.url, env));
    const rows = await until(
      'every notification to be sent',
      async () => {
        const all = await stateOf(ctx.db, meeting.id);
        return count(all, 'sent') === PEOPLE && all;
      },
      30_000,
    );
    expect(rows.every((r) => r.deliveries === 1)).toBe(true);
    // Each exactly once at the server: a graceful stop repeats nothing.
    const arrivals = sink.received.map((m) => m.parsed.messageId as string);
    expect(arrivals).toHaveLength(PEOPLE);
    expect(new Set(arrivals)).toEqual(new Set(rows.map((r) => r.message_id)));
  }, 60_000);
});
