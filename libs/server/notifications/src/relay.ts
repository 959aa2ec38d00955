import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** The BullMQ queue of deliveries; jobs carry a notification id and nothing else. */
export const DELIVERY_QUEUE = 'deliveries';
/** The queue of recurring work: the relay tick, briefs before meetings, recaps after them. */
export const SCHEDULE_QUEUE = 'schedules';

export interface DeliveryJob {
  notificationId: string;
}

/** A BullMQ job id may not contain `:` nor look like an integer. */
export const deliveryJobId = (notificationId: string) => `n-${notificationId}`;

/** A row handed to the queue that has not been settled after this long is handed over again (its job was lost). */
export const REQUEUE_AFTER_SECONDS = 300;

/** How often a temporary SMTP failure is retried, with exponential back-off from this delay and jitter. */
export const DELIVERY_ATTEMPTS = 8;
export const DELIVERY_BACKOFF_MS = 2_000;

/**
 * Moves due rows into the delivery queue, the row id as the job id. The rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several relays never hand over the same row twice at once; they are
 * marked queued in the transaction that adds the jobs, so when Redis is unreachable the transaction
 * rolls back and the rows simply wait (the API never needs Redis to owe an email). Should the commit
 * fail after the jobs were added, the jobs find their rows still pending, which the worker accepts.
 * Returns how many rows were handed over.
 */
export async function relayDue(db: DataSource, queue: Queue<DeliveryJob>, batch = 500): Promise<number> {
  return db.transaction(async (em) => {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM notification
        WHERE (status = 'pending' AND due_at <= now())
           OR (status = 'queued' AND queued_at < now() - make_interval(secs => $2))
        ORDER BY due_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [batch, REQUEUE_AFTER_SECONDS],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await em.query(`UPDATE notification SET status = 'queued', queued_at = now(), updated_at = now() WHERE id = ANY($1)`, [ids]);
    await queue.addBulk(
      ids.map((notificationId) => ({
        name: 'deliver',
        data: { notificationId },
        opts: {
          jobId: deliveryJobId(notificationId),
          attempts: DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: DELIVERY_BACKOFF_MS, jitter: 0.5 },
          // A settled job leaves Redis: the row in PostgreSQL is the record. A job id still present
          // would make a later hand-over of the same row (a lost job) a silent no-op.
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
    return ids.length;
  });
}
