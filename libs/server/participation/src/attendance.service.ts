import { Injectable } from '@nestjs/common';
import { AttendanceStatus } from '@roundtable/domain';
import { Actor, ApiError } from '@roundtable/server-core';
import { AttendanceEntity, MeetingEntity } from '@roundtable/server-data';
import { loadMeeting } from '@roundtable/server-meetings';
import { DataSource, EntityManager } from 'typeorm';
import {
  AttendanceDto,
  AttendanceRecordInputDto,
  AttendanceSheetDto,
  MyAttendanceDto,
  RecordAttendanceDto,
  RosterPersonDto,
} from './dto/attendance.dto';
import { loadRoster, onRoster } from './roster';

const ATTENDED: readonly AttendanceStatus[] = ['present', 'late'];

/**
 * Attendance is taken by the meeting's staff from its start on. Every write locks the meeting
 * row (the same lock bookings take), so two facilitators correcting the sheet at once apply
 * one after the other and each change lands in the history in the order it was made.
 */
@Injectable()
export class AttendanceService {
  constructor(private readonly db: DataSource) {}

  async roster(actor: Actor, meetingId: string): Promise<RosterPersonDto[]> {
    const { meeting } = await loadMeeting(this.db.manager, actor, meetingId, { need: 'manage' });
    return loadRoster(this.db.manager, meeting);
  }

  record(actor: Actor, meetingId: string, dto: RecordAttendanceDto): Promise<AttendanceSheetDto> {
    return this.db.transaction(async (em) => {
      const { meeting } = await loadMeeting(em, actor, meetingId, { lock: true, need: 'manage' });
      if (meeting.status === 'cancelled') {
        throw ApiError.conflict('meeting_cancelled', 'Attendance is not taken for a cancelled meeting');
      }
      if (meeting.startsAt.getTime() > Date.now()) {
        throw ApiError.conflict(
          'meeting_not_started',
          `Attendance can be taken from the meeting’s start (${meeting.startsAt.toISOString()})`,
        );
      }
      checkModes(meeting, dto.records);
      const listed = await onRoster(
        em,
        meeting,
        dto.records.map((r) => r.userId),
      );
      const stranger = dto.records.findIndex((r) => !listed.has(r.userId));
      if (stranger >= 0) {
        throw ApiError.badRequest(
          'not_on_roster',
          `User ${dto.records[stranger].userId} is not on this meeting’s roster`,
          `records.${stranger}.userId`,
        );
      }
      // Only new or changed records are written and logged; one timestamp for the whole sheet,
      // taken after the lock so that later corrections always sort after earlier ones.
      await em.query(
        `WITH clock AS (SELECT clock_timestamp() AS at),
              input AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[]) AS i(user_id, status, mode)),
              changed AS (
                SELECT i.* FROM input i LEFT JOIN attendance a ON a.meeting_id = $1 AND a.user_id = i.user_id
                 WHERE a.id IS NULL OR a.status IS DISTINCT FROM i.status OR a.mode IS DISTINCT FROM i.mode),
              upserted AS (
                INSERT INTO attendance (meeting_id, user_id, status, mode, recorded_by_id, recorded_at)
                SELECT $1, c.user_id, c.status, c.mode, $5, clock.at FROM changed c, clock
                ON CONFLICT (meeting_id, user_id) DO UPDATE
                  SET status = EXCLUDED.status, mode = EXCLUDED.mode,
                      recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = EXCLUDED.recorded_at
                RETURNING id, status, mode)
         INSERT INTO attendance_revision (attendance_id, status, mode, changed_by_id, changed_at)
         SELECT u.id, u.status, u.mode, $5, clock.at FROM upserted u, clock`,
        [
          meeting.id,
          dto.records.map((r) => r.userId),
          dto.records.map((r) => r.status),
          dto.records.map((r) => r.mode ?? null),
          actor.userId,
        ],
      );
      if (meeting.status === 'scheduled') await em.update(MeetingEntity, { id: meeting.id }, { status: 'completed' });
      return this.sheet(em, meeting.id);
    });
  }

  async list(actor: Actor, meetingId: string): Promise<AttendanceSheetDto> {
    await loadMeeting(this.db.manager, actor, meetingId, { need: 'manage' });
    return this.sheet(this.db.manager, meetingId);
  }

  async mine(actor: Actor, meetingId: string): Promise<MyAttendanceDto> {
    await loadMeeting(this.db.manager, actor, meetingId);
    const own = await this.db.manager.findOneBy(AttendanceEntity, { meetingId, userId: actor.userId });
    return {
      meetingId,
      userId: actor.userId,
      status: own?.status ?? null,
      mode: own?.mode ?? null,
      recordedAt: own?.recordedAt.toISOString() ?? null,
    };
  }

  private async sheet(em: EntityManager, meetingId: string): Promise<AttendanceSheetDto> {
    const [{ status }]: { status: AttendanceSheetDto['meetingStatus'] }[] = await em.query(
      `SELECT status FROM meeting WHERE id = $1`,
      [meetingId],
    );
    const rows: SheetRow[] = await em.query(
      `SELECT a.user_id, u.name, f.name AS firm_name, a.status, a.mode, a.recorded_by_id, rb.name AS recorded_by_name,
              a.recorded_at,
              (SELECT json_agg(json_build_object('status', r.status, 'mode', r.mode, 'changedById', r.changed_by_id,
                                                 'changedByName', cb.name, 'changedAt', r.changed_at)
                               ORDER BY r.changed_at, r.id)
                 FROM attendance_revision r LEFT JOIN app_user cb ON cb.id = r.changed_by_id
                WHERE r.attendance_id = a.id) AS history
         FROM attendance a
         JOIN app_user u ON u.id = a.user_id
         LEFT JOIN firm f ON f.id = u.firm_id
         LEFT JOIN app_user rb ON rb.id = a.recorded_by_id
        WHERE a.meeting_id = $1
        ORDER BY f.name NULLS LAST, u.name, u.id`,
      [meetingId],
    );
    return { meetingId, meetingStatus: status, records: rows.map(toAttendanceDto) };
  }
}

/** Mode says how someone who came took part, so it belongs to hybrid sessions and to present/late only. */
function checkModes(meeting: MeetingEntity, records: AttendanceRecordInputDto[]): void {
  records.forEach((r, i) => {
    const field = `records.${i}.mode`;
    if (meeting.mode !== 'hybrid') {
      if (r.mode) {
        throw ApiError.badRequest(
          'mode_not_allowed',
          `mode is only recorded for hybrid meetings; this one is ${meeting.mode}`,
          field,
        );
      }
    } else if (ATTENDED.includes(r.status)) {
      if (!r.mode)
        throw ApiError.badRequest(
          'mode_required',
          'A hybrid meeting needs the mode (in_person or online) of everyone who came',
          field,
        );
    } else if (r.mode) {
      throw ApiError.badRequest('mode_not_allowed', `mode is only recorded for people who came, not for ${r.status}`, field);
    }
  });
}

interface SheetRow {
  user_id: string;
  name: string;
  firm_name: string | null;
  status: AttendanceDto['status'];
  mode: AttendanceDto['mode'];
  recorded_by_id: string | null;
  recorded_by_name: string | null;
  recorded_at: Date;
  history:
    | {
        status: AttendanceDto['status'];
        mode: AttendanceDto['mode'];
        changedById: string | null;
        changedByName: string | null;
        changedAt: string;
      }[]
    | null;
}

function toAttendanceDto(r: SheetRow): AttendanceDto {
  return {
    userId: r.user_id,
    name: r.name,
    firmName: r.firm_name,
    status: r.status,
    mode: r.mode,
    recordedById: r.recorded_by_id,
    recordedByName: r.recorded_by_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
    history: (r.history ?? []).map((h) => ({ ...h, changedAt: new Date(h.changedAt).toISOString() })),
  };
}
