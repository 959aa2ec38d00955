import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@roundtable/server-core';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { deliver, DeliveryBusy, Mailer, recordFailure } from './delivery';
import { createPrepare } from './prepare';
import { DELIVERY_QUEUE, DeliveryJob, relayDue, SCHEDULE_QUEUE } from './relay';
import { oweBriefs, oweRecaps } from './schedules';
import { dkimOptions, smtpTransport } from './smtp';

/** Where a worker says it is alive, for /api/health: one key per process, expiring unless renewed. */
export const HEARTBEAT_KEY = 'worker:heartbeat:';
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TTL_MS = 20_000;
const RELAY_BATCH = 500;

/** The recurring work, registered with BullMQ's job schedulers at every boot (upserted, so never twice). */
const SCHEDULES = (relayMs: number) => [
  { id: 'relay', every: relayMs },
  { id: 'briefs', every: 60_000 },
  { id: 'recaps', every: 60_000 },
];

/** A BullMQ connection: no key prefix (BullMQ has its own) and no retry limit (a worker blocks on Redis). */
export const bullConnection = (config: AppConfig) => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

/**
 * The worker's whole job: relay due notifications into the delivery queue, deliver them, and owe the
 * recurring emails (briefs, recaps). Started when the application boots, stopped on shutdown: on
 * SIGTERM the deliveries in hand finish within WORKER_SHUTDOWN_MS, then the process stops; anything
 * unfinished is picked up again by another worker (BullMQ's stalled-job check, and the relay's
 * re-hand-over of rows queued too long).
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationWorker.name);
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private connection?: Redis;
  private readonly connections: Redis[] = [];
  private deliveries?: Queue<DeliveryJob>;
  private schedules?: Queue;
  private workers: Worker[] = [];
  private heartbeat?: NodeJS.Timeout;
  private mailer?: Mailer & { close(): void };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async start(mailer?: Mailer & { close(): void }): Promise<void> {
    const config = this.config;
    const prefix = config.QUEUE_PREFIX;
    const connect = () => {
      const redis = bullConnection(config);
      // While Redis is away every connection fails on each reconnect attempt: say so once, and once when it is back.
      redis.on('error', (err: Error) => this.redisTrouble(err));
      redis.on('ready', () => this.redisBack());
      this.connections.push(redis);
      return redis;
    };
    this.connection = connect();
    this.deliveries = new Queue<DeliveryJob>(DELIVERY_QUEUE, { connection: this.connection, prefix });
    this.schedules = new Queue(SCHEDULE_QUEUE, { connection: this.connection, prefix });
    this.mailer = mailer ?? smtpTransport(config.SMTP_URL, config.WORKER_CONCURRENCY, dkimOptions(config));
    const fromDomain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'localhost';
    const prepare = createPrepare({
      appUrl: config.PUBLIC_URL,
      from: config.MAIL_FROM,
      signingSecret: config.SIGNING_SECRET,
      invitationTtlHours: config.INVITATION_TTL_HOURS,
    });
    const deliveryDeps = { prepare, mailer: this.mailer, domain: fromDomain, worker: this.id };

    const deliveryWorker = new Worker<DeliveryJob>(
      DELIVERY_QUEUE,
      async (job) => {
        const { notificationId } = job.data;
        try {
          return await deliver(this.db, notificationId, deliveryDeps);
        } catch (err) {
          if (err instanceof DeliveryBusy) throw err;
          const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (await recordFailure(this.db, notificationId, err, lastAttempt)) {
            this.logger.warn(`notification ${notificationId} failed for good: ${describe(err)}`);
            throw new UnrecoverableError(describe(err));
          }
          this.logger.warn(`notification ${notificationId} attempt ${job.attemptsMade + 1} failed, will retry: ${describe(err)}`);
          throw err;
        }
      },
      {
        connection: connect(),
        prefix,
        concurrency: config.WORKER_CONCURRENCY,
        // A killed worker's deliveries go back to the queue once their lock lapses: within about 15 s.
        lockDuration: 10_000,
        stalledInterval: 5_000,
      },
    );
    const scheduleWorker = new Worker(
      SCHEDULE_QUEUE,
      async (job: Job) => {
        switch (job.name) {
          case 'relay': {
            // Everything due now, a batch (one transaction) at a time.
            let total = 0;
            for (let moved = RELAY_BATCH; moved === RELAY_BATCH; total += moved) {
              moved = await relayDue(this.db, this.deliveries as Queue<DeliveryJob>, RELAY_BATCH);
            }
            return total;
          }
          case 'briefs':
            return oweBriefs(this.db);
          case 'recaps':
            return oweRecaps(this.db);
          default:
            throw new UnrecoverableError(`unknown schedule ${job.name}`);
        }
      },
      { connection: connect(), prefix, concurrency: 1 },
    );
    for (const worker of [deliveryWorker, scheduleWorker]) {
      // Without a listener an 'error' event would be thrown; Redis going away is logged, and BullMQ reconnects.
      worker.on('error', (err) => this.redisTrouble(err));
    }
    this.workers = [deliveryWorker, scheduleWorker];
    for (const schedule of SCHEDULES(config.RELAY_INTERVAL_MS)) {
      await this.schedules.upsertJobScheduler(
        schedule.id,
        { every: schedule.every },
        { name: schedule.id, opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
    }
    const beat = () =>
      this.connection
        ?.set(`${prefix}:${HEARTBEAT_KEY}${this.id}`, String(Date.now()), 'PX', HEARTBEAT_TTL_MS)
        .catch((err: unknown) => this.logger.warn(`heartbeat: ${describe(err)}`));
    await beat();
    this.heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
    this.logger.log(
      `worker ${this.id} delivering to ${redactUrl(config.SMTP_URL)}, ${config.WORKER_CONCURRENCY} at a time` +
        (config.DKIM_DOMAIN ? `, DKIM-signed for ${config.DKIM_DOMAIN} (selector ${config.DKIM_SELECTOR})` : ''),
    );
  }

  private redisDown = false;

  private redisTrouble(err: Error): void {
    const connection = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|connect/i.test(err.message);
    if (!connection) return this.logger.error(`queue: ${describe(err)}`);
    if (this.redisDown) return;
    this.redisDown = true;
    this.logger.warn(`Redis unreachable (${describe(err)}): notifications wait in PostgreSQL until it is back`);
  }

  private redisBack(): void {
    if (!this.redisDown) return;
    this.redisDown = false;
    this.logger.log('Redis reachable again');
  }

  /** Stops taking jobs; the ones in hand get WORKER_SHUTDOWN_MS to finish. */
  async onApplicationShutdown(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), this.config.WORKER_SHUTDOWN_MS).unref());
    if ((await Promise.race([graceful, deadline])) === 'late') {
      this.logger.warn('deliveries still running at the shutdown deadline: stopping; they will be retried');
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
    await Promise.all([this.deliveries?.close(), this.schedules?.close()]);
    await this.connection?.del(`${this.config.QUEUE_PREFIX}:${HEARTBEAT_KEY}${this.id}`).catch(() => undefined);
    await Promise.all(this.connections.map((redis) => redis.quit().catch(() => redis.disconnect())));
    this.mailer?.close();
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The SMTP URL as it may be logged: without its password. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
