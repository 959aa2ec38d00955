import { Injectable } from '@nestjs/common';
import {
  EARLIEST_YEAR,
  EXPANSION_WINDOW_YEARS,
  instantToFloating,
  LATEST_YEAR,
  localToInstant,
  MAX_START_YEARS_AHEAD,
  parseLocalDateTime,
  startOutOfRange,
} from '@roundtable/domain';
import { Actor, ApiError, belongsToProgramme, facilitatesGroup } from '@roundtable/server-core';
import { MeetingEntity, MeetingSeriesEntity, PeerGroupEntity, ProgrammeEntity } from '@roundtable/server-data';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, MoreThanOrEqual } from 'typeorm';
import { BookingsService } from './bookings.service';
import { CancelMeetingDto, MeetingDto, MeetingRangeQueryDto, SeriesDto, UpdateMeetingDto } from './dto/meeting.dto';
import { firmIsActiveMember, loadMeeting } from './meeting-access';
import { queryMeeting, queryMeetings } from './meeting-query';

/** A meeting the caller ($1) attended or still holds a live seat at. */
const PERSONAL_ACCESS = `EXISTS (SELECT 1 FROM booking pb WHERE pb.meeting_id = m.id AND pb.user_id = $1 AND pb.status <> 'cancelled')
  OR EXISTS (SELECT 1 FROM attendance pa WHERE pa.meeting_id = m.id AND pa.user_id = $1)`;

/** Fields a calendar shows: changing any of them raises the iCalendar SEQUENCE. */
const CALENDAR_FIELDS = ['title', 'agenda', 'startsAt', 'timezone', 'durationMinutes', 'mode', 'venue', 'onlineLink'] as const;

@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: DataSource,
    private readonly bookings: BookingsService,
  ) {}

  async get(actor: Actor, id: string): Promise<MeetingDto> {
    await loadMeeting(this.db.manager, actor, id);
    return queryMeeting(this.db.manager, actor.userId, id);
  }

  async listForGroup(actor: Actor, groupId: string, query: MeetingRangeQueryDto): Promise<MeetingDto[]> {
    const group = await this.db.manager.findOneBy(PeerGroupEntity, { id: groupId });
    if (!group || !belongsToProgramme(actor, group.programmeId)) throw ApiError.notFound('Peer group');
    const allowed =
      facilitatesGroup(actor, group) ||
      (actor.firmProgrammeId === group.programmeId && (await firmIsActiveMember(this.db.manager, actor, group.id)));
    if (!allowed) throw ApiError.forbidden('Only the group’s members and facilitators see its meetings');
    return this.list(actor, 'm.group_id = $2', [groupId], query);
  }

  async listOpenEvents(actor: Actor, programmeId: string, query: MeetingRangeQueryDto): Promise<MeetingDto[]> {
    // An admin belongs to every programme, so for them the programme must be shown to exist; anyone else's
    // programmes come from their roles, which only name programmes that do.
    const known = belongsToProgramme(actor, programmeId) && (!actor.isAdmin || (await this.programmeExists(programmeId)));
    if (!known) throw ApiError.notFound('Programme');
    return this.list(actor, 'm.programme_id = $2 AND m.group_id IS NULL', [programmeId], query);
  }

  /** A member's upcoming meetings: their groups' sessions and their programme's open events. */
  async upcomingForMember(actor: Actor, query: MeetingRangeQueryDto): Promise<MeetingDto[]> {
    if (!actor.firmId || !actor.firmProgrammeId) return [];
    const from = query.from ? new Date(query.from) : new Date();
    return queryMeetings(
      this.db.manager,
      actor.userId,
      `m.programme_id = $2 AND m.starts_at >= $3 AND ($4::timestamptz IS NULL OR m.starts_at < $4)
       AND m.status = ANY($5)
       AND (m.group_id IS NULL OR m.group_id IN (
             SELECT ms.group_id FROM membership ms WHERE ms.firm_id = $6 AND ms.status = 'active'))`,
      [actor.firmProgrammeId, from, query.to ?? null, query.status ? [query.status] : ['scheduled', 'cancelled'], actor.firmId],
      query.limit,
      'member_upcoming_meetings',
    );
  }

  async getSeries(actor: Actor, seriesId: string): Promise<SeriesDto> {
    const series = await this.db.manager.findOneBy(MeetingSeriesEntity, { id: seriesId });
    if (!series || !belongsToProgramme(actor, series.programmeId)) throw ApiError.notFound('Series');
    let where = 'm.series_id = $2';
    if (series.groupId) {
      const group = { id: series.groupId, programmeId: series.programmeId };
      const whole =
        facilitatesGroup(actor, group) ||
        (actor.firmProgrammeId === series.programmeId && (await firmIsActiveMember(this.db.manager, actor, group.id)));
      // Anyone else (a firm that has left) sees only the meetings they attended or still hold a seat at,
      // exactly as GET /meetings/:id would let them.
      if (!whole) where += ` AND (${PERSONAL_ACCESS})`;
    }
    const meetings = await queryMeetings(this.db.manager, actor.userId, where, [seriesId]);
    if (
      series.groupId &&
      meetings.length === 0 &&
      !facilitatesGroup(actor, { id: series.groupId, programmeId: series.programmeId })
    ) {
      throw ApiError.forbidden('Only the group’s current members and facilitators can see this series');
    }
    return { id: series.id, rrule: series.rrule, localStart: series.localStart, timezone: series.timezone, meetings };
  }

  async update(actor: Actor, id: string, dto: UpdateMeetingDto): Promise<MeetingDto> {
    const { scope = 'this', ...changes } = dto;
    if (Object.keys(changes).length === 0) throw ApiError.badRequest('nothing_to_change', 'Send at least one field to change');
    return this.db.transaction(async (em) => {
      const { meeting } = await loadMeeting(em, actor, id, { lock: true, need: 'manage' });
      if (meeting.status === 'cancelled') throw ApiError.conflict('meeting_cancelled', 'A cancelled meeting cannot be changed');
      const targets = [meeting, ...(scope === 'following' ? await this.followingLocked(em, meeting) : [])];
      // A new zone keeps each meeting's local wall-clock start (09:30 stays 09:30 in the new zone):
      // that is what a facilitator who corrects the zone means. A new localStart is read in the new zone.
      const shift = changes.localStart
        ? this.localShift(meeting, changes.localStart, changes.timezone)
        : changes.timezone !== undefined
          ? (m: MeetingEntity) => localToInstant(instantToFloating(m.startsAt, m.timezone), changes.timezone as string)
          : null;
      if (shift) this.checkMovedStarts(meeting, targets, shift, changes.localStart ? 'localStart' : 'timezone');
      for (const target of targets) {
        const next: Partial<MeetingEntity> = {
          ...(changes.title !== undefined && { title: changes.title }),
          ...(changes.agenda !== undefined && { agenda: changes.agenda }),
          ...(changes.durationMinutes !== undefined && { durationMinutes: changes.durationMinutes }),
          ...(changes.mode !== undefined && { mode: changes.mode }),
          ...(changes.venue !== undefined && { venue: changes.venue }),
          ...(changes.onlineLink !== undefined && { onlineLink: changes.onlineLink }),
          ...(changes.timezone !== undefined && { timezone: changes.timezone }),
        };
        if (shift) next.startsAt = shift(target);
        if (changes.capacity !== undefined) await this.bookings.changeCapacity(em, target, changes.capacity);
        const calendarChanged = CALENDAR_FIELDS.some((f) => f in next && !sameValue(next[f], target[f]));
        await em.update(
          MeetingEntity,
          { id: target.id },
          { ...next, icalSequence: target.icalSequence + (calendarChanged ? 1 : 0) },
        );
      }
      return queryMeeting(em, actor.userId, id);
    });
  }

  async cancel(actor: Actor, id: string, dto: CancelMeetingDto): Promise<MeetingDto> {
    return this.db.transaction(async (em) => {
      const { meeting } = await loadMeeting(em, actor, id, { lock: true, need: 'manage' });
      if (meeting.status !== 'scheduled') {
        throw ApiError.conflict('meeting_not_scheduled', `This meeting is already ${meeting.status}`);
      }
      const targets = [meeting, ...(dto.scope === 'following' ? await this.followingLocked(em, meeting) : [])];
      for (const target of targets.filter((t) => t.status === 'scheduled')) {
        await em.update(
          MeetingEntity,
          { id: target.id },
          {
            status: 'cancelled',
            cancelledAt: new Date(),
            cancellationMessage: dto.message,
            icalSequence: target.icalSequence + 1,
          },
        );
      }
      return queryMeeting(em, actor.userId, id);
    });
  }

  private programmeExists(id: string): Promise<boolean> {
    return this.db.manager.existsBy(ProgrammeEntity, { id });
  }

  private list(actor: Actor, where: string, params: unknown[], query: MeetingRangeQueryDto): Promise<MeetingDto[]> {
    const n = params.length + 2;
    return queryMeetings(
      this.db.manager,
      actor.userId,
      `${where} AND ($${n}::timestamptz IS NULL OR m.starts_at >= $${n}) AND ($${n + 1}::timestamptz IS NULL OR m.starts_at < $${n + 1})
       AND ($${n + 2}::text IS NULL OR m.status = $${n + 2})`,
      [...params, query.from ?? null, query.to ?? null, query.status ?? null],
      query.limit,
    );
  }

  /**
   * The edited meeting may move at most a few weeks into the past (to record when it really took
   * place) and five years ahead; later meetings of a series, which keep their spacing, at most
   * five years plus a series' span ahead.
   */
  private checkMovedStarts(
    meeting: MeetingEntity,
    targets: MeetingEntity[],
    shift: (m: MeetingEntity) => Date,
    field: 'localStart' | 'timezone',
  ): void {
    const now = new Date();
    const why = startOutOfRange(shift(meeting), now, 'moved');
    if (why) throw ApiError.badRequest('invalid_local_start', `The new start ${why}`, field);
    const latest = DateTime.fromJSDate(now)
      .plus({ years: MAX_START_YEARS_AHEAD + EXPANSION_WINDOW_YEARS })
      .toMillis();
    if (targets.some((t) => shift(t).getTime() > latest)) {
      throw ApiError.badRequest(
        'invalid_local_start',
        `The change would move a later meeting of the series more than ${MAX_START_YEARS_AHEAD + EXPANSION_WINDOW_YEARS} years ahead`,
        field,
      );
    }
  }

  private async followingLocked(em: EntityManager, meeting: MeetingEntity): Promise<MeetingEntity[]> {
    if (!meeting.seriesId) return [];
    // Locked in start order, the same order every writer uses, so two edits cannot deadlock.
    const rows = await em.find(MeetingEntity, {
      where: { seriesId: meeting.seriesId, startsAt: MoreThanOrEqual(meeting.startsAt) },
      order: { startsAt: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return rows.filter((m) => m.id !== meeting.id && m.status !== 'cancelled');
  }

  /**
   * A new local start for one meeting becomes a rule for the following ones: the same shift in
   * local calendar days, at the new local time of day, each in its own zone (so DST holds).
   */
  private localShift(meeting: MeetingEntity, localStart: string, newZone?: string): (m: MeetingEntity) => Date {
    const target = parseLocalDateTime(localStart);
    if (!target)
      throw ApiError.badRequest(
        'invalid_local_start',
        `localStart is not a real date and time in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
        'localStart',
      );
    const oldLocal = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timezone }).startOf('day');
    const dayShift = Math.round(
      target.startOf('day').diff(DateTime.fromObject(oldLocal.toObject(), { zone: 'utc' }).startOf('day'), 'days').days,
    );
    return (m) => {
      const zone = newZone ?? m.timezone;
      const local = DateTime.fromJSDate(m.startsAt, { zone: m.timezone }).plus({ days: dayShift });
      const wall = DateTime.fromObject(
        { year: local.year, month: local.month, day: local.day, hour: target.hour, minute: target.minute },
        { zone: 'utc' },
      );
      return localToInstant(wall, zone);
    };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
