import { Injectable } from '@nestjs/common';
import { withTimeout, WorkerHealthDto, WorkerHealthSource } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { HEARTBEAT_KEY } from './notification-worker.service';
import { NotificationQueues } from './notification-queues.service';

/** One answer serves every health request for this long: a burst of checks costs one round of queries. */
const CACHE_MS = 1_000;
const REDIS_TIMEOUT_MS = 1_000;

/** Redis' glob characters, escaped, so a QUEUE_PREFIX is matched as written. */
const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');

/**
 * What /api/health says about the worker: how many worker processes have a fresh heartbeat (each
 * renews its own key every 5 s, expiring after 20 s, so a key that exists is fresh), the delivery
 * queue's depth in Redis, and how long the oldest due email has been waiting in PostgreSQL.
 */
@Injectable()
export class WorkerHealthService implements WorkerHealthSource {
  private last?: { at: number; answer: Promise<WorkerHealthDto> };

  constructor(
    private readonly db: DataSource,
    private readonly queues: NotificationQueues,
  ) {}

  check(): Promise<WorkerHealthDto> {
    const now = Date.now();
    if (!this.last || now - this.last.at >= CACHE_MS) this.last = { at: now, answer: this.measure() };
    return this.last.answer;
  }

  private async measure(): Promise<WorkerHealthDto> {
    const [workers, deliveries, oldestDueSeconds] = await Promise.all([
      withTimeout(this.countWorkers(), REDIS_TIMEOUT_MS).catch(() => null),
      withTimeout(this.queues.deliveries.getJobCounts('waiting', 'active', 'delayed', 'failed'), REDIS_TIMEOUT_MS).then(
        (c) => ({ waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 }),
        () => null,
      ),
      this.oldestDue().catch(() => null),
    ]);
    return { status: workers === null ? 'unknown' : workers > 0 ? 'up' : 'down', workers, deliveries, oldestDueSeconds };
  }

  /** The live heartbeat keys. SCAN, not KEYS: it never blocks Redis, whatever else the database holds. */
  private async countWorkers(): Promise<number> {
    const pattern = `${globEscape(this.queues.config.QUEUE_PREFIX)}:${globEscape(HEARTBEAT_KEY)}*`;
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.queues.connection.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      keys.forEach((key) => seen.add(key));
      cursor = next;
    } while (cursor !== '0');
    return seen.size;
  }

  /** The partial index ix_notification_due holds exactly the rows waiting (pending or queued), by due time. */
  private async oldestDue(): Promise<number> {
    // The first entry of the index, however long the backlog: ORDER BY … LIMIT 1, not min() over every row due.
    const [{ age }] = (await this.db.query(
      `SELECT COALESCE(floor(extract(epoch FROM now() - (
                SELECT due_at FROM notification WHERE status IN ('pending', 'queued') AND due_at <= now()
                 ORDER BY due_at LIMIT 1))), 0)::int AS age`,
    )) as { age: number }[];
    return age;
  }
}
