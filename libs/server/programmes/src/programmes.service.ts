import { Injectable } from '@nestjs/common';
import { isValidCompletionRule, isValidReminderOffsets } from '@roundtable/domain';
import {
  Actor,
  ApiError,
  belongsToProgramme,
  likePattern,
  managesProgramme,
  Page,
  pageOf,
  visibleProgrammeIds,
} from '@roundtable/server-core';
import { ProgrammeEntity } from '@roundtable/server-data';
import { DataSource } from 'typeorm';
import { ProgrammeOverviewDto } from './dto/programme-overview.dto';
import { ProgrammePeopleQueryDto, ProgrammePersonDto, ProgrammeRole } from './dto/programme-person.dto';
import { CreateProgrammeDto, ProgrammeDto, ProgrammeQueryDto, UpdateProgrammeDto } from './dto/programme.dto';

/** How far ahead the overview counts upcoming sessions. */
const UPCOMING_DAYS = 30;

/**
 * Everyone holding a role in programme $1, one row per role held: its managers, the facilitators
 * of its groups (with the group) and of its pool (without one), and the people of its firms.
 */
const ROLES_HELD = `
  SELECT r.user_id, r.role, r.group_id FROM role_assignment r
   WHERE r.programme_id = $1 AND r.role IN ('programme_manager', 'facilitator')
  UNION ALL
  SELECT u.id, 'member', NULL FROM firm f JOIN app_user u ON u.firm_id = f.id WHERE f.programme_id = $1`;

@Injectable()
export class ProgrammesService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, query: ProgrammeQueryDto): Promise<Page<ProgrammeDto>> {
    const ids = visibleProgrammeIds(actor);
    const qb = this.db.manager.createQueryBuilder(ProgrammeEntity, 'p');
    if (ids) qb.andWhere('p.id = ANY(:ids)', { ids });
    if (query.q) qb.andWhere('p.name ILIKE :q', { q: likePattern(query.q) });
    const [items, total] = await qb
      .orderBy(`p.${query.sort}`, query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('p.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(items.map(toDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<ProgrammeDto> {
    return toDto(await this.findVisible(actor, id));
  }

  async create(actor: Actor, dto: CreateProgrammeDto): Promise<ProgrammeDto> {
    if (!actor.isAdmin) throw ApiError.forbidden('Only an administrator can create programmes');
    const values = {
      reminderOffsetsMinutes: [1440, 60],
      completionMinAttended: 6,
      completionOfSessions: 9,
      confidentialityText: '',
      ...dto,
    };
    validateRules(values);
    return this.db.transaction(async (em) => toDto(await em.save(em.create(ProgrammeEntity, values))));
  }

  async update(actor: Actor, id: string, dto: UpdateProgrammeDto): Promise<ProgrammeDto> {
    return this.db.transaction(async (em) => {
      const programme = await em.findOne(ProgrammeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!programme || !belongsToProgramme(actor, id)) throw ApiError.notFound('Programme');
      if (!managesProgramme(actor, id)) throw ApiError.forbidden('Only the programme’s managers can change it');
      Object.assign(programme, dto);
      validateRules(programme);
      return toDto(await em.save(programme));
    });
  }

  /** Counts for the programme's managers: its groups by status, firms, facilitators and the sessions of the next 30 days. */
  async overview(actor: Actor, id: string): Promise<ProgrammeOverviewDto> {
    await this.findManaged(actor, id, 'Only the programme’s managers can see its overview');
    const [row]: OverviewRow[] = await this.db.query(
      `SELECT g.forming, g.active, g.closed, g.total,
              (SELECT count(*)::int FROM firm f WHERE f.programme_id = $1) AS firms,
              (SELECT count(DISTINCT ms.firm_id)::int FROM peer_group pg
                 JOIN membership ms ON ms.group_id = pg.id AND ms.status = 'active'
                WHERE pg.programme_id = $1) AS firms_in_groups,
              (SELECT count(DISTINCT r.user_id)::int FROM role_assignment r
                WHERE r.programme_id = $1 AND r.role = 'facilitator') AS facilitators,
              u.group_sessions, u.open_events, w.until
         FROM (SELECT count(*) FILTER (WHERE pg.status = 'forming')::int AS forming,
                      count(*) FILTER (WHERE pg.status = 'active')::int AS active,
                      count(*) FILTER (WHERE pg.status = 'closed')::int AS closed,
                      count(*)::int AS total
                 FROM peer_group pg WHERE pg.programme_id = $1) g
        CROSS JOIN (SELECT now() + make_interval(days => $2) AS until) w
        CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE m.group_id IS NOT NULL)::int AS group_sessions,
                 count(*) FILTER (WHERE m.group_id IS NULL)::int AS open_events
            FROM meeting m
           WHERE m.programme_id = $1 AND m.starts_at >= now() AND m.starts_at < w.until AND m.status = 'scheduled') u`,
      [id, UPCOMING_DAYS],
    );
    return {
      programmeId: id,
      groups: { forming: row.forming, active: row.active, closed: row.closed, total: row.total },
      firms: row.firms,
      firmsInGroups: row.firms_in_groups,
      facilitators: row.facilitators,
      upcomingGroupSessions: row.group_sessions,
      upcomingOpenEvents: row.open_events,
      upcomingUntil: new Date(row.until).toISOString(),
    };
  }

  /** The programme's people, a page at a time by name, each with every role they hold in it. */
  async people(actor: Actor, id: string, query: ProgrammePeopleQueryDto): Promise<Page<ProgrammePersonDto>> {
    await this.findManaged(actor, id, 'Only the programme’s managers can list its people');
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const from = `FROM (SELECT h.user_id, array_agg(DISTINCT h.role ORDER BY h.role) AS roles,
                               COALESCE(array_agg(DISTINCT h.group_id) FILTER (WHERE h.group_id IS NOT NULL), '{}') AS group_ids
                          FROM (${ROLES_HELD}) h
                         GROUP BY h.user_id
                        HAVING $2::text IS NULL OR bool_or(h.role = $2::text)) p
                  JOIN app_user u ON u.id = p.user_id
                  LEFT JOIN firm f ON f.id = u.firm_id
                 WHERE $3::text IS NULL OR u.name ILIKE $3::text OR u.email ILIKE $3::text`;
    const params = [id, query.role ?? null, query.q ? likePattern(query.q) : null];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT u.id, u.name, u.email, u.status, p.roles, u.firm_id, f.name AS firm_name, p.group_ids ${from}
          ORDER BY u.name ${direction}, u.id ${direction}
          LIMIT $4 OFFSET $5`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ) as Promise<PersonRow[]>,
      this.db.query(`SELECT count(*)::int AS total ${from}`, params) as Promise<{ total: number }[]>,
    ]);
    const items = rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      status: r.status,
      roles: r.roles,
      firmId: r.firm_id,
      firmName: r.firm_name,
      facilitatedGroupIds: r.group_ids,
    }));
    return pageOf(items, total, query);
  }

  /** A programme the actor manages: 404 outside their programmes, 403 for its other participants. */
  private async findManaged(actor: Actor, id: string, refusal: string): Promise<ProgrammeEntity> {
    const programme = await this.findVisible(actor, id);
    if (!managesProgramme(actor, id)) throw ApiError.forbidden(refusal);
    return programme;
  }

  /** Its participants see it; so does its facilitator pool, which sees nothing inside it until given a group. */
  async findVisible(actor: Actor, id: string): Promise<ProgrammeEntity> {
    const programme = await this.db.manager.findOneBy(ProgrammeEntity, { id });
    if (!programme || !(belongsToProgramme(actor, id) || actor.poolProgrammeIds.includes(id))) {
      throw ApiError.notFound('Programme');
    }
    return programme;
  }
}

interface OverviewRow {
  forming: number;
  active: number;
  closed: number;
  total: number;
  firms: number;
  firms_in_groups: number;
  facilitators: number;
  group_sessions: number;
  open_events: number;
  until: Date;
}

interface PersonRow {
  id: string;
  name: string;
  email: string;
  status: ProgrammePersonDto['status'];
  roles: ProgrammeRole[];
  firm_id: string | null;
  firm_name: string | null;
  group_ids: string[];
}

function validateRules(p: {
  reminderOffsetsMinutes: number[];
  completionMinAttended: number;
  completionOfSessions: number;
}): void {
  if (!isValidReminderOffsets(p.reminderOffsetsMinutes)) {
    throw ApiError.badRequest('invalid_reminder_offsets', 'Reminder offsets must be distinct', 'reminderOffsetsMinutes');
  }
  if (!isValidCompletionRule({ minAttended: p.completionMinAttended, ofSessions: p.completionOfSessions })) {
    throw ApiError.badRequest(
      'invalid_completion_rule',
      'completionMinAttended must be between 1 and completionOfSessions',
      'completionMinAttended',
    );
  }
}

export function toDto(p: ProgrammeEntity): ProgrammeDto {
  return {
    id: p.id,
    name: p.name,
    region: p.region,
    funder: p.funder,
    timezone: p.timezone,
    confidentialityText: p.confidentialityText,
    reminderOffsetsMinutes: p.reminderOffsetsMinutes,
    completionMinAttended: p.completionMinAttended,
    completionOfSessions: p.completionOfSessions,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
