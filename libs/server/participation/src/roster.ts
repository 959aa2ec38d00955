import { MeetingEntity } from '@roundtable/server-data';
import { EntityManager } from 'typeorm';
import { RosterPersonDto } from './dto/attendance.dto';

/**
 * The people expected at a meeting. Group meeting: the people of the group's active member
 * firms (not disabled accounts) plus anyone with a live booking; open event: anyone with a live
 * booking. People whose attendance is already recorded stay on it, so a record can still be
 * corrected after their firm leaves or their booking is cancelled. $1 is the meeting id, $2 its
 * group id (null for an open event).
 */
const ROSTER = `
  SELECT u.id AS user_id FROM app_user u
    JOIN membership ms ON ms.firm_id = u.firm_id AND ms.status = 'active' AND ms.group_id = $2::uuid
   WHERE u.status <> 'disabled'
  UNION
  SELECT b.user_id FROM booking b WHERE b.meeting_id = $1 AND b.status <> 'cancelled'
  UNION
  SELECT a.user_id FROM attendance a WHERE a.meeting_id = $1`;

interface RosterRow {
  user_id: string;
  name: string;
  firm_id: string | null;
  firm_name: string | null;
  booking_status: RosterPersonDto['bookingStatus'];
  attendance_status: RosterPersonDto['attendanceStatus'];
  attendance_mode: RosterPersonDto['attendanceMode'];
}

export async function loadRoster(em: EntityManager, meeting: MeetingEntity): Promise<RosterPersonDto[]> {
  const rows: RosterRow[] = await em.query(
    `WITH roster AS (${ROSTER})
     SELECT u.id AS user_id, u.name, u.firm_id, f.name AS firm_name, b.status AS booking_status,
            a.status AS attendance_status, a.mode AS attendance_mode
       FROM roster r
       JOIN app_user u ON u.id = r.user_id
       LEFT JOIN firm f ON f.id = u.firm_id
       LEFT JOIN LATERAL (
         SELECT b.status FROM booking b WHERE b.meeting_id = $1 AND b.user_id = u.id
          ORDER BY (b.status <> 'cancelled') DESC, b.created_at DESC LIMIT 1) b ON true
       LEFT JOIN attendance a ON a.meeting_id = $1 AND a.user_id = u.id
      ORDER BY f.name NULLS LAST, u.name, u.id`,
    [meeting.id, meeting.groupId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    firmId: r.firm_id,
    firmName: r.firm_name,
    bookingStatus: r.booking_status,
    attendanceStatus: r.attendance_status,
    attendanceMode: r.attendance_mode,
  }));
}

/** Which of `userIds` are on the meeting's roster. */
export async function onRoster(em: EntityManager, meeting: MeetingEntity, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows: { user_id: string }[] = await em.query(
    `WITH roster AS (${ROSTER}) SELECT user_id FROM roster WHERE user_id = ANY($3::uuid[])`,
    [meeting.id, meeting.groupId, userIds],
  );
  return new Set(rows.map((r) => r.user_id));
}
