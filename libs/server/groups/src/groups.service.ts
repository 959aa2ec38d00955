import { Injectable } from '@nestjs/common';
import {
  Actor,
  ApiError,
  belongsToProgramme,
  facilitatesGroup,
  likePattern,
  managesProgramme,
  Page,
  pageOf,
} from '@roundtable/server-core';
import { MembershipEntity, PeerGroupEntity, ProgrammeEntity, RoleAssignmentEntity } from '@roundtable/server-data';
import { DataSource, EntityManager } from 'typeorm';
import { CreateGroupDto, GroupDto, GroupFacilitatorDto, GroupQueryDto, UpdateGroupDto } from './dto/group.dto';
import { RosterEntryDto, RosterQueryDto } from './dto/roster.dto';
import { countActiveMembers, findVisibleGroup, isActiveMember, translateConstraint } from './group-access';
import { capacityFitsMembers, fieldsBeyondFacilitator } from './rules';

const nameTaken = () => ApiError.conflict('group_name_taken', 'The programme already has a group with this name');
const belowMembers = () =>
  ApiError.conflict('capacity_below_members', 'Capacity cannot be lower than the number of firms in the group');

@Injectable()
export class GroupsService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, programmeId: string, query: GroupQueryDto): Promise<Page<GroupDto>> {
    await this.findVisibleProgramme(this.db.manager, actor, programmeId);
    const qb = this.db.manager.createQueryBuilder(PeerGroupEntity, 'g').where('g.programmeId = :programmeId', { programmeId });
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    if (query.q) qb.andWhere('g.name ILIKE :q', { q: likePattern(query.q) });
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy(`g.${query.sort}`, direction);
    if (query.sort !== 'name') qb.addOrderBy('g.name', 'ASC');
    const [groups, total] = await qb
      .addOrderBy('g.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(await toGroupDtos(this.db.manager, groups, actor), total, query);
  }

  /**
   * The groups the caller takes part in: those they facilitate, and those their firm is an active member of.
   * Programme managers find theirs through the programme's list.
   */
  async mine(actor: Actor): Promise<GroupDto[]> {
    const qb = this.db.manager
      .createQueryBuilder(PeerGroupEntity, 'g')
      .where('g.id = ANY(:facilitated)', { facilitated: actor.facilitatedGroupIds });
    if (actor.firmId) {
      qb.orWhere(`g.id IN (SELECT ms.group_id FROM membership ms WHERE ms.firm_id = :firmId AND ms.status = 'active')`, {
        firmId: actor.firmId,
      });
    }
    const groups = await qb.orderBy('g.name', 'ASC').addOrderBy('g.id').getMany();
    return toGroupDtos(this.db.manager, groups, actor);
  }

  async get(actor: Actor, id: string): Promise<GroupDto> {
    const group = await findVisibleGroup(this.db.manager, actor, id);
    return (await toGroupDtos(this.db.manager, [group], actor))[0];
  }

  async create(actor: Actor, programmeId: string, dto: CreateGroupDto): Promise<GroupDto> {
    try {
      return await this.db.transaction(async (em) => {
        await this.findVisibleProgramme(em, actor, programmeId);
        if (!managesProgramme(actor, programmeId)) throw ApiError.forbidden('Only the programme’s managers can create groups');
        if (await em.existsBy(PeerGroupEntity, { programmeId, name: dto.name })) throw nameTaken();
        const group = await em.save(
          em.create(PeerGroupEntity, {
            programmeId,
            name: dto.name,
            theme: dto.theme ?? '',
            format: dto.format,
            capacity: dto.capacity,
            status: dto.status ?? 'forming',
            defaultVenue: dto.defaultVenue ?? null,
            defaultMeetingLink: dto.defaultMeetingLink ?? null,
          }),
        );
        return (await toGroupDtos(em, [group], actor))[0];
      });
    } catch (error) {
      translateConstraint(error, { uq_peer_group_programme_name: nameTaken });
    }
  }

  async update(actor: Actor, id: string, dto: UpdateGroupDto): Promise<GroupDto> {
    try {
      return await this.db.transaction(async (em) => {
        // Locked: a membership insert locks the same row (capacity trigger), so the count below stays true until commit.
        const group = await findVisibleGroup(em, actor, id, true);
        if (!managesProgramme(actor, group.programmeId)) {
          if (!actor.facilitatedGroupIds.includes(group.id)) throw ApiError.forbidden('Only the group’s managers can change it');
          const beyond = fieldsBeyondFacilitator(dto);
          if (beyond.length) {
            throw ApiError.forbidden(
              `A facilitator may change only the theme, venue and meeting link, not: ${beyond.join(', ')}`,
            );
          }
        }
        if (dto.name !== undefined && dto.name !== group.name) {
          if (await em.existsBy(PeerGroupEntity, { programmeId: group.programmeId, name: dto.name })) throw nameTaken();
        }
        if (dto.capacity !== undefined && !capacityFitsMembers(dto.capacity, await countActiveMembers(em, group.id))) {
          throw belowMembers();
        }
        for (const [key, value] of Object.entries(dto)) {
          if (value !== undefined) Object.assign(group, { [key]: value });
        }
        const saved = await em.save(group);
        return (await toGroupDtos(em, [saved], actor))[0];
      });
    } catch (error) {
      translateConstraint(error, { uq_peer_group_programme_name: nameTaken, ck_peer_group_capacity_floor: belowMembers });
    }
  }

  /** Makes a staff user a facilitator of the group (idempotent), or stops them facilitating it. */
  async setFacilitator(actor: Actor, groupId: string, userId: string, facilitates: boolean): Promise<GroupDto> {
    return this.db.transaction(async (em) => {
      const group = await findVisibleGroup(em, actor, groupId);
      if (!managesProgramme(actor, group.programmeId)) {
        throw ApiError.forbidden('Only the programme’s managers can assign facilitators');
      }
      // Only the programme's own staff can be given a role here; everyone else (an unknown id, someone of another
      // programme, a person of a firm) gets one answer, so the route tells nothing about other accounts. People
      // new to the programme join through an invitation, which their own mailbox accepts.
      if (!(await isStaffOfProgramme(em, userId, group.programmeId))) throw ApiError.notFound('Staff member of this programme');
      if (facilitates) {
        await em
          .createQueryBuilder()
          .insert()
          .into(RoleAssignmentEntity)
          .values({ userId, role: 'facilitator', programmeId: group.programmeId, groupId, createdById: actor.userId })
          .orIgnore()
          .execute();
      } else {
        await em.delete(RoleAssignmentEntity, { userId, role: 'facilitator', groupId });
      }
      return (await toGroupDtos(em, [group], actor))[0];
    });
  }

  /**
   * The roster: the group's staff see it (and its history); people of a firm currently in the group
   * see who is in it now. Anyone else in the programme is refused (403), though the group itself is visible.
   */
  async roster(actor: Actor, groupId: string, query: RosterQueryDto): Promise<RosterEntryDto[]> {
    const em = this.db.manager;
    const group = await findVisibleGroup(em, actor, groupId);
    if (!facilitatesGroup(actor, group)) {
      const member = actor.firmId !== null && (await isActiveMember(em, group.id, actor.firmId));
      if (!member) throw ApiError.forbidden('Only the group’s facilitators, managers and member firms can see its roster');
      if (query.status !== 'active') throw ApiError.forbidden('Only the group’s facilitators and managers can see past members');
    }
    const qb = em
      .createQueryBuilder(MembershipEntity, 'm')
      .innerJoinAndSelect('m.firm', 'f')
      .where('m.groupId = :groupId', { groupId });
    if (query.status !== 'all') qb.andWhere('m.status = :status', { status: query.status });
    const memberships = await qb.orderBy('m.joinedAt', 'ASC').addOrderBy('m.id').getMany();
    const people = await peopleOfFirms(
      em,
      memberships.map((m) => m.firmId),
    );
    return memberships.map((m) => {
      const firm = m.firm!;
      return {
        membershipId: m.id,
        firm: {
          id: firm.id,
          name: firm.name,
          sicCode: firm.sicCode,
          localAuthorityCode: firm.localAuthorityCode,
          employeeBand: firm.employeeBand,
        },
        people: people.get(firm.id) ?? [],
        status: m.status,
        joinedAt: m.joinedAt,
        endedAt: m.endedAt,
        endReason: m.endReason,
      };
    });
  }

  private async findVisibleProgramme(em: EntityManager, actor: Actor, programmeId: string): Promise<void> {
    if (!belongsToProgramme(actor, programmeId) || !(await em.existsBy(ProgrammeEntity, { id: programmeId }))) {
      throw ApiError.notFound('Programme');
    }
  }
}

/**
 * An account without a firm that manages the programme, facilitates one of its groups or is in its facilitator pool
 * (a facilitator row with the programme and no group): a role row's programme_id is always its own programme's.
 */
async function isStaffOfProgramme(em: EntityManager, userId: string, programmeId: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM app_user u
      WHERE u.id = $1 AND u.firm_id IS NULL
        AND EXISTS (SELECT 1 FROM role_assignment r
                     WHERE r.user_id = u.id AND r.programme_id = $2 AND r.role IN ('programme_manager', 'facilitator'))`,
    [userId, programmeId],
  );
  return rows.length > 0;
}

async function peopleOfFirms(em: EntityManager, firmIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const byFirm = new Map<string, { id: string; name: string }[]>();
  if (!firmIds.length) return byFirm;
  const rows: { id: string; name: string; firm_id: string }[] = await em.query(
    `SELECT id, name, firm_id FROM app_user WHERE firm_id = ANY($1) AND status <> 'disabled' ORDER BY name, id`,
    [[...new Set(firmIds)]],
  );
  for (const r of rows) byFirm.set(r.firm_id, [...(byFirm.get(r.firm_id) ?? []), { id: r.id, name: r.name }]);
  return byFirm;
}

/** Group DTOs with their active member counts and facilitators, in two queries for the whole page. */
/**
 * Groups as their viewer may see them. The default meeting link opens the group's online
 * sessions, so only the group's facilitators, the programme's managers and people of current
 * member firms get it; everyone else in the programme sees null.
 */
export async function toGroupDtos(em: EntityManager, groups: PeerGroupEntity[], actor: Actor): Promise<GroupDto[]> {
  const ids = groups.map((g) => g.id);
  const memberOf = new Set<string>();
  if (ids.length && actor.firmId) {
    const rows: { group_id: string }[] = await em.query(
      `SELECT group_id FROM membership WHERE firm_id = $1 AND status = 'active' AND group_id = ANY($2)`,
      [actor.firmId, ids],
    );
    for (const r of rows) memberOf.add(r.group_id);
  }
  const counts = new Map<string, number>();
  const nextMeetings = new Map<string, { id: string; startsAt: string }>();
  const facilitators = new Map<string, GroupFacilitatorDto[]>();
  if (ids.length) {
    // The next session of each group reads ix_meeting_group_start from now on, one group at a time.
    const countRows: { group_id: string; n: number; next_id: string | null; next_starts_at: Date | null }[] = await em.query(
      `SELECT g.id AS group_id,
              (SELECT count(*)::int FROM membership ms WHERE ms.group_id = g.id AND ms.status = 'active') AS n,
              nm.id AS next_id, nm.starts_at AS next_starts_at
         FROM unnest($1::uuid[]) AS g(id)
         LEFT JOIN LATERAL (
           SELECT m.id, m.starts_at FROM meeting m
            WHERE m.group_id = g.id AND m.starts_at > now() AND m.status = 'scheduled'
            ORDER BY m.starts_at, m.id LIMIT 1) nm ON true`,
      [ids],
    );
    for (const r of countRows) {
      counts.set(r.group_id, r.n);
      if (r.next_id && r.next_starts_at) {
        nextMeetings.set(r.group_id, { id: r.next_id, startsAt: new Date(r.next_starts_at).toISOString() });
      }
    }
    const staffRows: { group_id: string; user_id: string; name: string }[] = await em.query(
      `SELECT r.group_id, u.id AS user_id, u.name
         FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.role = 'facilitator' AND r.group_id = ANY($1)
        ORDER BY u.name, u.id`,
      [ids],
    );
    for (const r of staffRows) {
      facilitators.set(r.group_id, [...(facilitators.get(r.group_id) ?? []), { userId: r.user_id, name: r.name }]);
    }
  }
  return groups.map((g) => {
    // Those who may open the group's meetings get the link and the next session's id; everyone else its start only.
    const inside = facilitatesGroup(actor, g) || memberOf.has(g.id);
    const next = nextMeetings.get(g.id);
    return {
      id: g.id,
      programmeId: g.programmeId,
      name: g.name,
      theme: g.theme,
      format: g.format,
      capacity: g.capacity,
      status: g.status,
      defaultVenue: g.defaultVenue,
      defaultMeetingLink: inside ? g.defaultMeetingLink : null,
      activeMemberCount: counts.get(g.id) ?? 0,
      facilitators: facilitators.get(g.id) ?? [],
      nextMeetingStartsAt: next?.startsAt ?? null,
      nextMeetingId: inside ? (next?.id ?? null) : null,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
    };
  });
}
