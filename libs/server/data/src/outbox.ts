import { NotificationKind } from '@roundtable/domain';
import { EntityManager } from 'typeorm';

/** An email owed: who gets it, what it is about (ids only), when, and the key that makes it unique. */
export interface Owed {
  kind: NotificationKind;
  /** The recipient's account; left out only for an account invitation (its email is the invitation's). */
  userId?: string | null;
  invitationId?: string | null;
  meetingId?: string | null;
  bookingId?: string | null;
  applicationId?: string | null;
  /** Parameters that are not personal data: a reminder's offset, the SEQUENCE announced, a reason. */
  data?: Record<string, unknown>;
  /** Defaults to now: sent as soon as the relay sees it. */
  dueAt?: Date;
  /** The same key is the same email: a second row with it is never written. */
  dedupeKey: string;
}

/**
 * Writes what is owed in the caller's transaction (for what services owe by a deliberate act: an
 * invitation, a password reset; changes of state owe theirs by trigger, see migration notification-triggers): if the change that causes the email rolls back,
 * so does the email. A key already present is left alone (the email is already owed or sent).
 * Returns how many rows were new.
 */
export async function owe(em: EntityManager, owed: Owed | Owed[]): Promise<number> {
  const rows = Array.isArray(owed) ? owed : [owed];
  if (rows.length === 0) return 0;
  assertInTransaction(em);
  const result: unknown[] = await em.query(
    `INSERT INTO notification (kind, user_id, invitation_id, meeting_id, booking_id, application_id, data, due_at, dedupe_key)
     SELECT r.kind, r.user_id, r.invitation_id, r.meeting_id, r.booking_id, r.application_id,
            COALESCE(r.data, '{}'::jsonb), COALESCE(r.due_at, now()), r.dedupe_key
       FROM jsonb_to_recordset($1::jsonb) AS r(kind varchar, user_id uuid, invitation_id uuid, meeting_id uuid,
            booking_id uuid, application_id uuid, data jsonb, due_at timestamptz, dedupe_key varchar)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        rows.map((r) => ({
          kind: r.kind,
          user_id: r.userId ?? null,
          invitation_id: r.invitationId ?? null,
          meeting_id: r.meetingId ?? null,
          booking_id: r.bookingId ?? null,
          application_id: r.applicationId ?? null,
          data: r.data ?? {},
          due_at: r.dueAt?.toISOString() ?? null,
          dedupe_key: r.dedupeKey,
        })),
      ),
    ],
  );
  return result.length;
}

/**
 * Emails still waiting that are no longer wanted (a booking cancelled, a meeting cancelled), marked
 * skipped with the reason so nothing is sent and the record says why. The worker checks again when
 * it sends; this keeps the queue and the admin's view honest in the meantime.
 */
export async function withdraw(
  em: EntityManager,
  where: { meetingId?: string; bookingId?: string; userId?: string; kinds: NotificationKind[] },
  reason: string,
): Promise<number> {
  assertInTransaction(em);
  const conditions = [`status IN ('pending', 'queued')`, `kind = ANY($1)`];
  const params: unknown[] = [where.kinds, reason];
  for (const [key, column] of [
    ['meetingId', 'meeting_id'],
    ['bookingId', 'booking_id'],
    ['userId', 'user_id'],
  ] as const) {
    const value = where[key];
    if (value !== undefined) {
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
  }
  if (params.length === 2) throw new Error('withdraw needs a meeting, a booking or a person');
  const rows: unknown[] = await em.query(
    `UPDATE notification SET status = 'skipped', skipped_reason = $2, updated_at = now()
      WHERE ${conditions.join(' AND ')} RETURNING id`,
    params,
  );
  return rows.length;
}

function assertInTransaction(em: EntityManager): void {
  // An outbox row written outside the change's transaction is the bug the outbox exists to prevent.
  if (!em.queryRunner?.isTransactionActive) throw new Error('Notifications are owed inside the transaction of the change');
}
