import { Injectable } from '@nestjs/common';
import {
  EARLIEST_YEAR,
  expandRecurrence,
  LATEST_YEAR,
  localToInstant,
  MAX_LIVE_OPEN_SERIES_PER_PROGRAMME,
  MAX_LIVE_SERIES_PER_GROUP,
  Occurrence,
  parseLocalDateTime,
  RecurrenceError,
  startOutOfRange,
} from '@roundtable/domain';
import { Actor, ApiError, belongsToProgramme, facilitatesGroup, isProgrammeStaff } from '@roundtable/server-core';
import { MeetingEntity, MeetingSeriesEntity, PeerGroupEntity, ProgrammeEntity } from '@roundtable/server-data';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CreateMeetingDto, CreateSeriesDto, MeetingDto, MeetingFieldsDto, SeriesDto } from './dto/meeting.dto';
import { SeriesPreviewDto } from './dto/series-preview.dto';
import { queryMeetings } from './meeting-query';

interface Scope {
  programme: ProgrammeEntity;
  group: PeerGroupEntity | null;
}

/** Scheduling: one-off meetings and recurring series, for a group or as programme-wide open events. */
@Injectable()
export class SchedulingService {
  constructor(private readonly db: DataSource) {}

  async createGroupMeeting(actor: Actor, groupId: string, dto: CreateMeetingDto): Promise<MeetingDto> {
    return this.db.transaction(async (em) => {
      const scope = await this.groupScope(em, actor, groupId);
      const id = await this.insertMeeting(em, actor, scope, dto, this.startOf(dto, scope), null);
      return (await queryMeetings(em, actor.userId, 'm.id = $2', [id]))[0];
    });
  }

  async createOpenEvent(actor: Actor, programmeId: string, dto: CreateMeetingDto): Promise<MeetingDto> {
    return this.db.transaction(async (em) => {
      const scope = await this.programmeScope(em, actor, programmeId, dto);
      const id = await this.insertMeeting(em, actor, scope, dto, this.startOf(dto, scope), null);
      return (await queryMeetings(em, actor.userId, 'm.id = $2', [id]))[0];
    });
  }

  async createGroupSeries(actor: Actor, groupId: string, dto: CreateSeriesDto): Promise<SeriesDto> {
    return this.db.transaction(async (em) => this.insertSeries(em, actor, await this.groupScope(em, actor, groupId), dto));
  }

  async createOpenSeries(actor: Actor, programmeId: string, dto: CreateSeriesDto): Promise<SeriesDto> {
    return this.db.transaction(async (em) =>
      this.insertSeries(em, actor, await this.programmeScope(em, actor, programmeId, dto), dto),
    );
  }

  /**
   * What creating this group series would schedule, without saving: the same checks and the same
   * expansion as `createGroupSeries`, so the preview and the saved meetings cannot disagree.
   */
  async previewGroupSeries(actor: Actor, groupId: string, dto: CreateSeriesDto): Promise<SeriesPreviewDto> {
    const scope = await this.groupScope(this.db.manager, actor, groupId);
    const { timezone, occurrences } = this.expandSeries(dto, scope);
    // A preview the save would refuse is no preview: the same quota, counted without taking the lock.
    await this.checkSeriesQuota(this.db.manager, scope, false);
    return {
      rrule: this.storedRule(dto.rrule),
      localStart: dto.localStart,
      timezone,
      occurrences: occurrences.map((o) => ({ startsAt: o.startsAt.toISOString(), localStart: o.localStart })),
    };
  }

  private expandSeries(dto: CreateSeriesDto, scope: Scope): { timezone: string; occurrences: Occurrence[] } {
    const timezone = dto.timezone ?? scope.programme.timezone;
    if (!parseLocalDateTime(dto.localStart)) throw this.badLocalStart();
    let occurrences: Occurrence[];
    try {
      occurrences = expandRecurrence(dto.rrule, dto.localStart, timezone);
    } catch (err) {
      // Whatever the rule library throws is a fault in the rule the caller sent.
      throw ApiError.badRequest(
        'invalid_rrule',
        err instanceof RecurrenceError ? err.message : 'rrule cannot be expanded',
        'rrule',
      );
    }
    const tooEarlyOrLate = startOutOfRange(occurrences[0].startsAt, new Date(), 'new');
    if (tooEarlyOrLate) {
      throw ApiError.badRequest(
        'invalid_local_start',
        `The series' first meeting (${occurrences[0].localStart}) ${tooEarlyOrLate}`,
        'localStart',
      );
    }
    return { timezone, occurrences };
  }

  private storedRule(rrule: string): string {
    return rrule.trim().replace(/^RRULE:/i, '');
  }

  private async insertSeries(em: EntityManager, actor: Actor, scope: Scope, dto: CreateSeriesDto): Promise<SeriesDto> {
    const { timezone, occurrences } = this.expandSeries(dto, scope);
    await this.checkSeriesQuota(em, scope);
    const defaults = this.defaults(dto, scope);
    const series = await em.save(
      em.create(MeetingSeriesEntity, {
        programmeId: scope.programme.id,
        groupId: scope.group?.id ?? null,
        rrule: this.storedRule(dto.rrule),
        localStart: dto.localStart,
        timezone,
        title: dto.title,
        agenda: dto.agenda ?? '',
        durationMinutes: dto.durationMinutes,
        createdById: actor.userId,
        ...defaults,
      }),
    );
    for (const occurrence of occurrences) {
      await this.insertMeeting(em, actor, scope, dto, occurrence.startsAt, series.id);
    }
    const meetings = await queryMeetings(em, actor.userId, 'm.series_id = $2', [series.id]);
    return { id: series.id, rrule: series.rrule, localStart: series.localStart, timezone, meetings };
  }

  private async insertMeeting(
    em: EntityManager,
    actor: Actor,
    scope: Scope,
    dto: MeetingFieldsDto,
    startsAt: Date,
    seriesId: string | null,
  ): Promise<string> {
    const id = randomUUID();
    await em.insert(MeetingEntity, {
      id,
      programmeId: scope.programme.id,
      groupId: scope.group?.id ?? null,
      seriesId,
      recurrenceId: seriesId ? startsAt : null,
      title: dto.title,
      agenda: dto.agenda ?? '',
      startsAt,
      timezone: dto.timezone ?? scope.programme.timezone,
      durationMinutes: dto.durationMinutes,
      icalUid: `${id}@roundtable`,
      createdById: actor.userId,
      ...this.defaults(dto, scope),
    });
    return id;
  }

  private defaults(dto: MeetingFieldsDto, scope: Scope) {
    const capacity = dto.capacity ?? scope.group?.capacity;
    if (!capacity) throw ApiError.badRequest('capacity_required', 'An open event needs a capacity', 'capacity');
    return {
      mode: dto.mode ?? scope.group?.format ?? 'in_person',
      venue: dto.venue ?? scope.group?.defaultVenue ?? null,
      onlineLink: dto.onlineLink ?? scope.group?.defaultMeetingLink ?? null,
      capacity,
    };
  }

  private startOf(dto: MeetingFieldsDto, scope: Scope): Date {
    const local = parseLocalDateTime(dto.localStart);
    if (!local) throw this.badLocalStart();
    const startsAt = localToInstant(local, dto.timezone ?? scope.programme.timezone);
    const why = startOutOfRange(startsAt, new Date(), 'new');
    if (why) throw ApiError.badRequest('invalid_local_start', `localStart ${why}`, 'localStart');
    return startsAt;
  }

  private badLocalStart(): ApiError {
    return ApiError.badRequest(
      'invalid_local_start',
      `localStart is not a real date and time (hours 00–23) in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
      'localStart',
    );
  }

  /**
   * A live series (one with a meeting still to come) multiplies into up to 60 meetings, so a group
   * (or a programme, for open events) may hold only so many. The group or programme row is locked
   * first, so two requests racing for the last place are counted one after the other.
   */
  private async checkSeriesQuota(em: EntityManager, scope: Scope, lock = true): Promise<void> {
    const [owner, limit, where] = scope.group
      ? ['peer_group', MAX_LIVE_SERIES_PER_GROUP, 's.group_id = $1']
      : ['programme', MAX_LIVE_OPEN_SERIES_PER_PROGRAMME, 's.programme_id = $1 AND s.group_id IS NULL'];
    const ownerId = scope.group?.id ?? scope.programme.id;
    if (lock) await em.query(`SELECT 1 FROM ${owner} WHERE id = $1 FOR NO KEY UPDATE`, [ownerId]);
    const [{ live }] = await em.query(
      `SELECT count(*)::int AS live FROM meeting_series s
        WHERE ${where}
          AND EXISTS (SELECT 1 FROM meeting m WHERE m.series_id = s.id AND m.status = 'scheduled' AND m.starts_at > now())`,
      [ownerId],
    );
    if (live >= limit) {
      throw ApiError.conflict(
        'series_limit_reached',
        scope.group
          ? `A group may have at most ${limit} live series (with meetings still to come); cancel or finish one first`
          : `A programme may have at most ${limit} live series of open events (with meetings still to come); cancel or finish one first`,
      );
    }
  }

  private async groupScope(em: EntityManager, actor: Actor, groupId: string): Promise<Scope> {
    const group = await em.findOne(PeerGroupEntity, { where: { id: groupId }, relations: { programme: true } });
    if (!group || !belongsToProgramme(actor, group.programmeId)) throw ApiError.notFound('Peer group');
    if (!facilitatesGroup(actor, group)) {
      throw ApiError.forbidden('Only the group’s facilitators and the programme’s managers schedule its meetings');
    }
    if (group.status === 'closed') throw ApiError.conflict('group_closed', 'This group is closed');
    return { programme: group.programme as ProgrammeEntity, group };
  }

  private async programmeScope(em: EntityManager, actor: Actor, programmeId: string, dto: MeetingFieldsDto): Promise<Scope> {
    const programme = await em.findOneBy(ProgrammeEntity, { id: programmeId });
    if (!programme || !belongsToProgramme(actor, programmeId)) throw ApiError.notFound('Programme');
    if (!isProgrammeStaff(actor, programmeId)) {
      throw ApiError.forbidden('Only the programme’s managers and facilitators schedule open events');
    }
    if (!dto.capacity) throw ApiError.badRequest('capacity_required', 'An open event needs a capacity', 'capacity');
    return { programme, group: null };
  }
}
