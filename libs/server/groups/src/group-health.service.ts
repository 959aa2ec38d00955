import { Injectable } from '@nestjs/common';
import { Actor, ApiError, facilitatesGroup } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import {
  DriftingMemberDto,
  GroupHealthDto,
  GroupHealthQueryDto,
  HeldSessionDto,
  MissedAttendanceStatus,
} from './dto/group-health.dto';
import { findVisibleGroup } from './group-access';

/**
 * A group's held sessions, newest first: taking attendance completes a meeting, so a session that
 * started but has no sheet yet is not counted (it would read as everyone missing it). Both
 * statements read ix_meeting_group_start backwards.
 */
const HELD = `SELECT m.id, m.title, m.starts_at FROM meeting m
   WHERE m.group_id = $1 AND m.status = 'completed' AND m.starts_at <= now()
   ORDER BY m.starts_at DESC, m.id DESC`;

interface SessionRow {
  id: string;
  title: string;
  starts_at: Date;
  confirmed: number;
  attended_confirmed: number;
  attended: number;
  apologies: number;
  no_show: number;
  rate: number | null;
  overall_rate: number | null;
}

interface DriftingRow {
  user_id: string;
  name: string;
  firm_id: string;
  firm_name: string;
  missed: { meetingId: string; startsAt: string; status: MissedAttendanceStatus | null }[];
  last_attended_at: Date | null;
}

/** How a group is doing, for the people who look after it: attendance over recent sessions, and who is drifting away. */
@Injectable()
export class GroupHealthService {
  constructor(private readonly db: DataSource) {}

  async health(actor: Actor, groupId: string, query: GroupHealthQueryDto): Promise<GroupHealthDto> {
    const group = await findVisibleGroup(this.db.manager, actor, groupId);
    if (!facilitatesGroup(actor, group)) {
      throw ApiError.forbidden('Only the group’s facilitators and the programme’s managers can see how the group is doing');
    }
    const [sessions, drifting] = await Promise.all([this.sessions(groupId, query.sessions), this.drifting(groupId)]);
    return {
      groupId,
      sessions: sessions.map(toSessionDto),
      attendanceRate: sessions[0]?.overall_rate ?? null,
      missedLastTwo: drifting.map(toDriftingDto),
    };
  }

  /** The last `count` held sessions, oldest first, with their bookings and attendance counted. */
  private sessions(groupId: string, count: number): Promise<SessionRow[]> {
    return this.db.query(
      `WITH held AS (${HELD} LIMIT $2),
            counted AS (
              SELECT h.id, h.title, h.starts_at, k.confirmed, k.attended_confirmed, a.attended, a.apologies, a.no_show
                FROM held h
                CROSS JOIN LATERAL (
                  SELECT count(*)::int AS confirmed,
                         count(*) FILTER (WHERE at.status IN ('present', 'late'))::int AS attended_confirmed
                    FROM booking b LEFT JOIN attendance at ON at.meeting_id = b.meeting_id AND at.user_id = b.user_id
                   WHERE b.meeting_id = h.id AND b.status = 'confirmed') k
                CROSS JOIN LATERAL (
                  SELECT count(*) FILTER (WHERE at.status IN ('present', 'late'))::int AS attended,
                         count(*) FILTER (WHERE at.status = 'apologies')::int AS apologies,
                         count(*) FILTER (WHERE at.status = 'no_show')::int AS no_show
                    FROM attendance at WHERE at.meeting_id = h.id) a)
       SELECT c.*,
              round(c.attended_confirmed::numeric / NULLIF(c.confirmed, 0), 3)::float8 AS rate,
              round(sum(c.attended_confirmed) OVER ()::numeric / NULLIF(sum(c.confirmed) OVER (), 0), 3)::float8 AS overall_rate
         FROM counted c
        ORDER BY c.starts_at, c.id`,
      [groupId, count],
    );
  }

  /**
   * People of the group's current member firms who came to neither of its last two held sessions. A firm
   * that joined after the earlier of the two began could not have come to both, so it is left out.
   */
  private drifting(groupId: string): Promise<DriftingRow[]> {
    return this.db.query(
      `WITH last_two AS (${HELD} LIMIT 2)
       SELECT u.id AS user_id, u.name, f.id AS firm_id, f.name AS firm_name,
              (SELECT json_agg(json_build_object('meetingId', l.id, 'startsAt', l.starts_at, 'status', at.status)
                               ORDER BY l.starts_at DESC, l.id DESC)
                 FROM last_two l LEFT JOIN attendance at ON at.meeting_id = l.id AND at.user_id = u.id) AS missed,
              (SELECT max(m.starts_at) FROM attendance at JOIN meeting m ON m.id = at.meeting_id
                WHERE at.user_id = u.id AND m.group_id = $1 AND m.status = 'completed'
                  AND at.status IN ('present', 'late')) AS last_attended_at
         FROM membership ms
         JOIN firm f ON f.id = ms.firm_id
         JOIN app_user u ON u.firm_id = ms.firm_id AND u.status <> 'disabled'
        WHERE ms.group_id = $1 AND ms.status = 'active'
          AND (SELECT count(*) FROM last_two) = 2
          AND ms.joined_at <= (SELECT min(l.starts_at) FROM last_two l)
          AND NOT EXISTS (SELECT 1 FROM attendance at JOIN last_two l ON l.id = at.meeting_id
                           WHERE at.user_id = u.id AND at.status IN ('present', 'late'))
        ORDER BY f.name, u.name, u.id`,
      [groupId],
    );
  }
}

function toSessionDto(r: SessionRow): HeldSessionDto {
  return {
    meetingId: r.id,
    title: r.title,
    startsAt: new Date(r.starts_at).toISOString(),
    confirmedCount: r.confirmed,
    attendedConfirmedCount: r.attended_confirmed,
    attendedCount: r.attended,
    apologiesCount: r.apologies,
    noShowCount: r.no_show,
    attendanceRate: r.rate,
  };
}

function toDriftingDto(r: DriftingRow): DriftingMemberDto {
  return {
    userId: r.user_id,
    name: r.name,
    firmId: r.firm_id,
    firmName: r.firm_name,
    missed: r.missed.map((m) => ({ meetingId: m.meetingId, startsAt: new Date(m.startsAt).toISOString(), status: m.status })),
    lastAttendedAt: r.last_attended_at ? new Date(r.last_attended_at).toISOString() : null,
  };
}
