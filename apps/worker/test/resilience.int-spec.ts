import { InfrastructureModule } from '@roundtable/server-core';
import { BookingsService, MeetingsModule } from '@roundtable/server-meetings';
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
import net from 'node:net';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../src/worker.module';
import { saveGroupMeeting, spawnWorkerProcess } from './support';

// A worker takes every due notification of its database: this file's workers get a database of their own.
let database: Awaited<ReturnType<typeof separateTestDatabase>>;
beforeAll(async () => {
  database = await separateTestDatabase(TEST_DATABASE_URL, 'worker_resilience');
});
afterAll(() => database?.drop());

const statuses = async (db: DataSource, meetingId: string): Promise<Record<string, number>> => {
  const rows: { status: string; n: number }[] = await db.query(
    `SELECT status, count(*)::int AS n FROM notification WHERE meeting_id = $1 GROUP BY status`,
    [meetingId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
};

describe('a worker killed in the middle of a batch', () => {
  let sink: SmtpSink;
  let ctx: TestContext;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // Each message waits before the server takes it, so the batch is still running when the worker dies.
    sink = await startSmtpSink({ delayBeforeDataMs: 40 });
    ctx = await createTestContext((config) => [InfrastructureModule.forRoot(config)], { DATABASE_URL: database.url });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await ctx?.close();
    await sink?.close();
  });

  it('loses nothing: another worker delivers the rest, each notification recorded once', async () => {
    const world = await buildProgrammeWorld(ctx.fixtures);
    await ctx.db.query(
      `INSERT INTO app_user (email, name, status, firm_id)
       SELECT 'kill-' || i || '-' || $2 || '@test.roundtable.local', 'Person ' || i, 'active', $1 FROM generate_series(1, 199) i`,
      [world.firm.id, uid()],
    );
    const meeting = await saveGroupMeeting(ctx.db, world);
    const env = {
      SMTP_URL: sink.url,
      QUEUE_PREFIX: `{rt-kill-${uid()}}`,
      RELAY_INTERVAL_MS: '100',
      WORKER_CONCURRENCY: '5',
    };
    const first = spawnWorkerProcess(database.url, env);
    children.push(first);
    await until('part of the batch to be delivered', async () => ((await statuses(ctx.db, meeting.id)).sent ?? 0) >= 30);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await statuses(ctx.db, meeting.id);
    expect(atKill.sent).toBeLessThan(200);

    children.push(spawnWorkerProcess(database.url, env));
    await until('every notification to be sent', async () => (await statuses(ctx.db, meeting.id)).sent === 200, 60_000);

    const rows: { message_id: string; deliveries: number }[] = await ctx.db.query(
      `SELECT n.message_id, (SELECT count(*)::int FROM notification_delivery d WHERE d.notification_id = n.id) AS deliveries
         FROM notification n WHERE n.meeting_id = $1`,
      [meeting.id],
    );
    expect(rows.every((r) => r.deliveries === 1)).toBe(true);
    const arrived = new Map<string, number>();
    for (const mail of sink.received)
      arrived.set(mail.parsed.messageId as string, (arrived.get(mail.parsed.messageId as string) ?? 0) + 1);
    // Every notification reached the server. One the dead worker had handed over but not yet recorded
    // may arrive again, with the same Message-ID (mail clients show it once): at most the deliveries it
    // had in hand.
    expect(rows.every((r) => (arrived.get(r.message_id) ?? 0) >= 1)).toBe(true);
    const repeats = rows.reduce((n, r) => n + (arrived.get(r.message_id) ?? 0) - 1, 0);
    expect(repeats).toBeLessThanOrEqual(5);
  }, 120_000);
});

/** A TCP relay to the real Redis that can be cut and restored: Redis "stopped" for this test alone. */
async function redisSwitch(): Promise<{ url: string; down(): Promise<void>; up(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      if (server) return resolve();
      server = net.createServer((client) => {
        const upstream = net.connect(6379, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const down = async () => {
    // close() waits for open connections to end: cut them as it stops listening.
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    for (const s of sockets) s.destroy();
    await closed;
  };
  await listen();
  return { url: `redis://127.0.0.1:${port}`, down, up: listen, close: down };
}

describe('Redis stopped for a while', () => {
  let sink: SmtpSink;
  let redis: Awaited<ReturnType<typeof redisSwitch>>;
  let worker: TestContext;

  beforeAll(async () => {
    sink = await startSmtpSink();
    redis = await redisSwitch();
    worker = await createTestContext((config) => [WorkerModule.forRoot(config), MeetingsModule], {
      DATABASE_URL: database.url,
      SMTP_URL: sink.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `{rt-redis-${uid()}}`,
      RELAY_INTERVAL_MS: '200',
    });
  });

  afterAll(async () => {
    await redis?.up().catch(() => undefined);
    await worker?.close();
    await redis?.close();
    await sink?.close();
  });

  it('bookings still succeed, and their email goes out once Redis is back', async () => {
    const world = await buildProgrammeWorld(worker.fixtures);
    const meeting = await saveGroupMeeting(worker.db, world);
    await until('the invitation to be sent', async () => (await statuses(worker.db, meeting.id)).sent === 1);

    await redis.down();
    const bookings = worker.app.get(BookingsService);
    const actor = {
      userId: world.member.user.id,
      firmId: world.firm.id,
      firmProgrammeId: world.programme.id,
    } as Parameters<BookingsService['book']>[0];
    const booked = await bookings.book(actor, meeting.id, {});
    expect(booked.body.status).toBe('confirmed');
    const [owed] = await worker.db.query(`SELECT status FROM notification WHERE booking_id = $1 AND kind = 'booking_confirmed'`, [
      booked.body.id,
    ]);
    expect(owed.status).toBe('pending');
    await new Promise((r) => setTimeout(r, 1500));
    const [stillOwed] = await worker.db.query(
      `SELECT status FROM notification WHERE booking_id = $1 AND kind = 'booking_confirmed'`,
      [booked.body.id],
    );
    expect(stillOwed.status).toBe('pending');

    await redis.up();
    const [sent] = await until(
      'the confirmation to be sent',
      async () => {
        const rows: { status: string; message_id: string }[] = await worker.db.query(
          `SELECT status, message_id FROM notification WHERE booking_id = $1 AND kind = 'booking_confirmed'`,
          [booked.body.id],
        );
        return rows[0]?.status === 'sent' && rows;
      },
      30_000,
    );
    expect(sink.withMessageId(sent.message_id)).toHaveLength(1);
  }, 60_000);
});
