import type Mail from 'nodemailer/lib/mailer';
import { DataSource, EntityManager } from 'typeorm';

/** A notification row as the worker reads it, locked. */
export interface NotificationRow {
  id: string;
  kind: string;
  user_id: string | null;
  invitation_id: string | null;
  meeting_id: string | null;
  booking_id: string | null;
  application_id: string | null;
  data: Record<string, unknown>;
  due_at: Date;
  status: string;
  attempts: number;
  /** The recipient's account as it is now, read with the lock (null: no account, or gone). */
  recipient: {
    id: string;
    name: string;
    email: string;
    timezone: string;
    status: string;
    firm_id: string | null;
    preferences: Record<string, boolean | undefined>;
  } | null;
}

/**
 * Turns a locked row into the message to send, reading the current state in the same transaction,
 * or says why the email is no longer wanted. It may write (an invitation's link is minted here, its
 * hash stored): those writes commit only if the message is accepted by the SMTP server.
 */
export type Prepare = (em: EntityManager, row: NotificationRow, messageId: string) => Promise<Mail.Options | { skip: string }>;

/** What sends: nodemailer's transport, or anything answering as it does. */
export interface Mailer {
  sendMail(message: Mail.Options): Promise<{ messageId?: string; response?: string }>;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'settled' | 'gone';

/** Another worker holds the notification right now: not a failure of the email, so it is not recorded as one. */
export class DeliveryBusy extends Error {
  constructor(notificationId: string) {
    super(`notification ${notificationId} is being delivered by another worker`);
  }
}

/** An SMTP answer that will not change by trying again (5xx), as opposed to 4xx, a refused connection, a timeout. */
export function isPermanentFailure(err: unknown): boolean {
  const { responseCode, code } = err as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  // A message nodemailer cannot build or address is as wrong on the next try.
  return code === 'EENVELOPE' || code === 'EMESSAGE';
}

/** The Message-ID of a notification: the same on every attempt, so a resend after a crash is recognisably the same email. */
export const messageIdFor = (notificationId: string, domain: string) => `<${notificationId}@${domain}>`;

/**
 * Delivers one notification exactly once. The row is locked for the whole attempt (a second worker
 * with the same id stands back and retries later, finding it settled); the current state decides
 * whether it is still wanted; the delivery record is written with the `sent` mark, in the transaction
 * that holds the lock, after the SMTP server has accepted the message, so two workers, or a retried
 * job, can never both record it. If the process dies between the server's acceptance and the commit, the retry sends again with
 * the same Message-ID, which mail clients treat as the same message.
 */
export async function deliver(
  db: DataSource,
  notificationId: string,
  deps: { prepare: Prepare; mailer: Mailer; domain: string; worker: string },
): Promise<DeliveryOutcome> {
  return db.transaction(async (em) => {
    // Another worker holding the row is sending it now: this attempt stands back (NOWAIT) and the
    // queue retries it later, when the row is settled and the retry ends as `settled`.
    const [row] = (await em
      .query(
        `SELECT n.id, n.kind, n.user_id, n.invitation_id, n.meeting_id, n.booking_id, n.application_id, n.data, n.due_at,
                n.status, n.attempts,
                CASE WHEN u.id IS NOT NULL THEN json_build_object('id', u.id, 'name', u.name, 'email', u.email,
                  'timezone', u.timezone, 'status', u.status, 'firm_id', u.firm_id,
                  'preferences', u.notification_preferences) END AS recipient
           FROM notification n LEFT JOIN app_user u ON u.id = n.user_id
          WHERE n.id = $1 FOR UPDATE OF n NOWAIT`,
        [notificationId],
      )
      .catch((err: unknown) => {
        throw (err as { driverError?: { code?: string } }).driverError?.code === '55P03' ? new DeliveryBusy(notificationId) : err;
      })) as NotificationRow[];
    if (!row) return 'gone';
    if (row.status !== 'pending' && row.status !== 'queued') return 'settled';
    const messageId = messageIdFor(row.id, deps.domain);
    const prepared = await deps.prepare(em, row, messageId);
    if ('skip' in prepared) {
      await em.query(`UPDATE notification SET status = 'skipped', skipped_reason = $2, updated_at = now() WHERE id = $1`, [
        row.id,
        prepared.skip.slice(0, 200),
      ]);
      return 'skipped';
    }
    const info = await deps.mailer.sendMail({ ...prepared, messageId });
    // The delivery record (its primary key is the notification) and the mark, in one statement and one commit.
    await em.query(
      `WITH delivered AS (
         INSERT INTO notification_delivery (notification_id, message_id, worker) VALUES ($1, $2, $4))
       UPDATE notification
          SET status = 'sent', sent_at = now(), message_id = $2, provider_response = $3,
              attempts = attempts + 1, last_error = NULL, updated_at = now()
        WHERE id = $1`,
      [row.id, messageId, info.response ?? null, deps.worker.slice(0, 200)],
    );
    return 'sent';
  });
}

/**
 * Records a failed attempt (the delivery's own transaction has rolled back): the error, the count,
 * and `failed` when the server refused for good or the attempts are used up. Returns whether the
 * row is now failed (no retry should follow).
 */
export async function recordFailure(
  db: DataSource | EntityManager,
  notificationId: string,
  err: unknown,
  lastAttempt: boolean,
): Promise<boolean> {
  const permanent = isPermanentFailure(err) || lastAttempt;
  const message = err instanceof Error ? err.message : String(err);
  await db.query(
    `UPDATE notification
        SET attempts = attempts + 1, last_error = $2, updated_at = now(),
            status = CASE WHEN $3 AND status IN ('pending', 'queued') THEN 'failed' ELSE status END
      WHERE id = $1`,
    [notificationId, message.slice(0, 2000), permanent],
  );
  return permanent;
}
