import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@roundtable/server-core';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DELIVERY_QUEUE, DeliveryJob, SCHEDULE_QUEUE } from './relay';

/**
 * The worker's queues as the API sees them: for the health check and the queue dashboard, never to
 * add deliveries (the relay alone does). Its own Redis connection, without ioredis' keyPrefix (BullMQ
 * has its own), which fails a command after one retry instead of waiting for Redis forever as a
 * worker's blocking connection must: a request must not hang when Redis is away.
 */
@Injectable()
export class NotificationQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationQueues.name);
  readonly connection: Redis;
  readonly deliveries: Queue<DeliveryJob>;
  readonly schedules: Queue;

  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    this.connection.on('error', (err: Error) => this.logger.debug(`queue connection: ${err.message}`));
    const options = { connection: this.connection, prefix: config.QUEUE_PREFIX };
    this.deliveries = new Queue<DeliveryJob>(DELIVERY_QUEUE, options);
    this.schedules = new Queue(SCHEDULE_QUEUE, options);
    // Without a listener an 'error' event would be thrown; Redis going away is reported by /api/health.
    for (const queue of [this.deliveries, this.schedules]) {
      queue.on('error', (err: Error) => this.logger.debug(`queue ${queue.name}: ${err.message}`));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.deliveries.close(), this.schedules.close()]).catch(() => undefined);
    // QUIT waits for a connection that may never come back; without one there is nothing to say goodbye to.
    if (this.connection.status === 'ready') await this.connection.quit().catch(() => this.connection.disconnect());
    else this.connection.disconnect();
  }
}
