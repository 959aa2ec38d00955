import { DataSource, EntityManager } from 'typeorm';

/**
 * The facilitator's brief, owed the day before each group session: one row per facilitator and
 * start time, written when the session comes within 25 hours and due 24 hours before it. A session
 * moved gets a new brief for its new time (the move retires the old row, migration notification-triggers);
 * a session moved back finds its retired row, which waits again, as reminders do.
 */
export async function oweBriefs(db: DataSource | EntityManager): Promise<number> {
  const rows: unknown[] = await db.query(
    `INSERT INTO notification (kind, user_id, meeting_id, due_at, dedupe_key)
     SELECT 'facilitator_brief', r.user_id, m.id, greatest(now(), m.starts_at - interval '24 hours'),
            'facilitator_brief:' || m.id || ':' || r.user_id || ':' || floor(extract(epoch FROM m.starts_at))::bigint
       FROM meeting m
       JOIN role_assignment r ON r.group_id = m.group_id AND r.role = 'facilitator'
       JOIN app_user u ON u.id = r.user_id AND u.status = 'active'
      WHERE m.status = 'scheduled' AND m.group_id IS NOT NULL
        AND m.starts_at > now() AND m.starts_at <= now() + interval '25 hours'
     ON CONFLICT (dedupe_key) DO UPDATE SET status = 'pending', skipped_reason = NULL, due_at = EXCLUDED.due_at, updated_at = now()
       WHERE notification.status = 'skipped' AND notification.skipped_reason = 'meeting moved'
     RETURNING id`,
  );
  return rows.length;
}

/**
 * A recap to each person recorded present or late, once the session has ended and for a week after
 * (attendance is often taken in the days after). One per person and meeting.
 */
export async function oweRecaps(db: DataSource | EntityManager): Promise<number> {
  const rows: unknown[] = await db.query(
    `INSERT INTO notification (kind, user_id, meeting_id, dedupe_key)
     SELECT 'meeting_recap', a.user_id, m.id, 'meeting_recap:' || m.id || ':' || a.user_id
       FROM meeting m
       JOIN attendance a ON a.meeting_id = m.id AND a.status IN ('present', 'late')
      WHERE m.status <> 'cancelled'
        AND m.starts_at + make_interval(mins => m.duration_minutes) <= now()
        AND m.starts_at + make_interval(mins => m.duration_minutes) > now() - interval '7 days'
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
  );
  return rows.length;
}
