import { preparedQuery } from '@roundtable/server-core';
import { EntityManager } from 'typeorm';
import { MeetingDto } from './dto/meeting.dto';

interface MeetingRow {
  id: string;
  programme_id: string;
  group_id: string | null;
  series_id: string | null;
  title: string;
  agenda: string;
  starts_at: Date;
  timezone: string;
  duration_minutes: number;
  mode: MeetingDto['mode'];
  venue: string | null;
  online_link: string | null;
  capacity: number;
  status: MeetingDto['status'];
  cancellation_message: string | null;
  ical_uid: string;
  ical_sequence: number;
  local_start: string;
  confirmed_count: number;
  waitlist_count: number;
  my_booking_id: string | null;
  my_booking_status: 'confirmed' | 'waitlisted' | null;
  my_position: number | null;
}

/**
 * Meetings with their seat counts and the caller's own booking, in one statement. `where`
 * refers to the meeting as `m`; $1 is always the caller's user id.
 */
export async function queryMeetings(
  em: EntityManager,
  userId: string,
  where: string,
  params: unknown[],
  limit = 500,
  statementName?: string,
): Promise<MeetingDto[]> {
  const run = (text: string, values: unknown[]): Promise<MeetingRow[]> =>
    statementName ? preparedQuery<MeetingRow>(em, statementName, text, values) : em.query(text, values);
  const rows = await run(
    `SELECT m.id, m.programme_id, m.group_id, m.series_id, m.title, m.agenda, m.starts_at, m.timezone,
            m.duration_minutes, m.mode, m.venue, m.online_link, m.capacity, m.status, m.cancellation_message,
            m.ical_uid, m.ical_sequence,
            to_char(m.starts_at AT TIME ZONE m.timezone, 'YYYY-MM-DD"T"HH24:MI') AS local_start,
            k.confirmed_count, k.waitlist_count,
            mb.id AS my_booking_id, mb.status AS my_booking_status,
            CASE WHEN mb.status = 'waitlisted' THEN
              (SELECT count(*)::int FROM booking w
                WHERE w.meeting_id = m.id AND w.status = 'waitlisted' AND w.queue_number <= mb.queue_number)
            END AS my_position
       FROM meeting m
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE b.status = 'confirmed')::int AS confirmed_count,
                count(*) FILTER (WHERE b.status = 'waitlisted')::int AS waitlist_count
           FROM booking b WHERE b.meeting_id = m.id AND b.status <> 'cancelled') k
       LEFT JOIN booking mb ON mb.meeting_id = m.id AND mb.user_id = $1 AND mb.status <> 'cancelled'
      WHERE ${where}
      ORDER BY m.starts_at, m.id
      LIMIT $${params.length + 2}`,
    [userId, ...params, Math.max(1, Math.min(limit, 1000))],
  );
  return rows.map(toMeetingDto);
}

function toMeetingDto(r: MeetingRow): MeetingDto {
  const startsAt = new Date(r.starts_at);
  return {
    id: r.id,
    programmeId: r.programme_id,
    groupId: r.group_id,
    seriesId: r.series_id,
    title: r.title,
    agenda: r.agenda,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + r.duration_minutes * 60_000).toISOString(),
    localStart: r.local_start,
    timezone: r.timezone,
    durationMinutes: r.duration_minutes,
    mode: r.mode,
    venue: r.venue,
    onlineLink: r.online_link,
    capacity: r.capacity,
    status: r.status,
    cancellationMessage: r.cancellation_message,
    icalUid: r.ical_uid,
    icalSequence: r.ical_sequence,
    confirmedCount: r.confirmed_count,
    waitlistCount: r.waitlist_count,
    myBooking: r.my_booking_id
      ? { id: r.my_booking_id, status: r.my_booking_status ?? 'confirmed', position: r.my_position ?? null }
      : null,
  };
}

export async function queryMeeting(em: EntityManager, userId: string, id: string): Promise<MeetingDto> {
  const [dto] = await queryMeetings(em, userId, 'm.id = $2', [id], 1);
  return dto;
}
