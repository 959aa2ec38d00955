import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@roundtable/server-core';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { reconcileMetrics } from './reconcile';
import { refreshMetrics } from './refresh';

/** The queue of the metrics worker's recurring work: rebuilding marked slices, and the nightly reconcile. */
export const METRICS_QUEUE = 'metrics';

/**
 * Keeps the metrics summaries in step with the base tables: every METRICS_REFRESH_MS it rebuilds the slices that
 * changes have marked (`refreshMetrics`), and at METRICS_RECONCILE_CRON it checks every summary against the base
 * tables and repairs what differs (`reconcileMetrics`). Both are BullMQ job schedulers, upserted at every boot, so
 * however many workers run, each tick runs once; the database locks make a second run harmless anyway.
 */
@Injectable()
export class MetricsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsWorker.name);
  private readonly connections: Redis[] = [];
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { QUEUE_PREFIX: prefix, REDIS_URL } = this.config;
    const connect = () => {
      // No retry limit (a worker blocks on Redis); errors are logged, BullMQ reconnects.
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
      redis.on('error', (err: Error) => this.logger.warn(`Redis: ${err.message}`));
      this.connections.push(redis);
      return redis;
    };
    this.queue = new Queue(METRICS_QUEUE, { connection: connect(), prefix });
    this.worker = new Worker(METRICS_QUEUE, (job: Job) => this.run(job), { connection: connect(), prefix, concurrency: 1 });
    this.worker.on('error', (err) => this.logger.warn(`metrics queue: ${err.message}`));
    const opts = { removeOnComplete: true, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('metrics-refresh', { every: this.config.METRICS_REFRESH_MS }, { name: 'refresh', opts });
    await this.queue.upsertJobScheduler(
      'metrics-reconcile',
      { pattern: this.config.METRICS_RECONCILE_CRON, tz: 'UTC' },
      { name: 'reconcile', opts },
    );
  }

  private async run(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'refresh':
        return refreshMetrics(this.db);
      case 'reconcile': {
        const run = await reconcileMetrics(this.db);
        const found = `${run.slicesChecked} slices checked, ${run.slicesRepaired} differed (${run.rowsWrong} rows wrong, ${run.rowsMissing} missing)`;
        if (run.slicesRepaired > 0) this.logger.error(`metrics reconcile ${run.id}: ${found}; repaired`);
        else this.logger.log(`metrics reconcile ${run.id}: ${found}`);
        return run.id;
      }
      default:
        throw new UnrecoverableError(`unknown metrics job ${job.name}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((redis) => redis.quit().catch(() => redis.disconnect())));
  }
}
