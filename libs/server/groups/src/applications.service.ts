import { Injectable } from '@nestjs/common';
import { findCompetitors } from '@roundtable/domain';
import { Actor, ApiError, facilitatesGroup, likePattern, Page, pageOf } from '@roundtable/server-core';
import { ApplicationEntity, FirmEntity, MembershipEntity, PeerGroupEntity } from '@roundtable/server-data';
import { DataSource, EntityManager, FindOptionsRelations, SelectQueryBuilder } from 'typeorm';
import { ApplicationDto, ApplicationQueryDto, CreateApplicationDto } from './dto/application.dto';
import {
  activeMemberProfiles,
  competitorProfile,
  countActiveMembers,
  findVisibleGroup,
  isActiveMember,
  translateConstraint,
} from './group-access';

/** How the caller stands towards an application: its group's reviewers, or the applicant firm's own people. */
type Viewer = 'reviewer' | 'applicant';

const RELATIONS: FindOptionsRelations<ApplicationEntity> = { firm: true, applicant: true, decidedBy: true, group: true };

const pendingExists = () =>
  ApiError.conflict('application_pending', 'Your firm already has an application to this group waiting for a decision');
const alreadyMember = () => ApiError.conflict('already_member', 'The firm is already a member of this group');
const groupFull = () => ApiError.conflict('group_full', 'The group is full; the application stays pending');
const groupClosed = () => ApiError.conflict('group_closed', 'The group is closed and takes no new members');
const notPending = () => ApiError.conflict('application_not_pending', 'The application has already been decided or withdrawn');

@Injectable()
export class ApplicationsService {
  constructor(private readonly db: DataSource) {}

  async apply(actor: Actor, groupId: string, dto: CreateApplicationDto): Promise<ApplicationDto> {
    try {
      return await this.db.transaction(async (em) => {
        const group = await findVisibleGroup(em, actor, groupId);
        if (!actor.firmId || actor.firmProgrammeId !== group.programmeId) {
          throw ApiError.forbidden('Only people of a firm in this programme can apply to its groups');
        }
        if (group.status === 'closed') throw groupClosed();
        if (await isActiveMember(em, group.id, actor.firmId)) throw alreadyMember();
        if (await em.existsBy(ApplicationEntity, { groupId, firmId: actor.firmId, status: 'pending' })) throw pendingExists();
        const firm = await em.findOneByOrFail(FirmEntity, { id: actor.firmId });
        const members = (await activeMemberProfiles(em, [group.id])).get(group.id) ?? [];
        const conflicting = findCompetitors(competitorProfile(firm), members);
        const saved = await em.save(
          em.create(ApplicationEntity, {
            groupId,
            firmId: firm.id,
            applicantId: actor.userId,
            answers: dto.answers,
            status: 'pending',
            competitorConflict: conflicting.length > 0,
            conflictingFirmIds: conflicting,
          }),
        );
        return this.reload(em, saved.id, 'applicant');
      });
    } catch (error) {
      // Two submissions racing past the check above meet the partial unique index.
      translateConstraint(error, { uq_application_pending: pendingExists });
    }
  }

  async listForGroup(actor: Actor, groupId: string, query: ApplicationQueryDto): Promise<Page<ApplicationDto>> {
    const em = this.db.manager;
    const group = await findVisibleGroup(em, actor, groupId);
    if (!facilitatesGroup(actor, group)) {
      throw ApiError.forbidden('Only the group’s facilitators and the programme’s managers can review its applications');
    }
    const qb = this.query(em).where('a.groupId = :groupId', { groupId });
    if (query.q) qb.andWhere('f.name ILIKE :q', { q: likePattern(query.q) });
    return this.page(em, qb, query, 'reviewer');
  }

  async listMine(actor: Actor, query: ApplicationQueryDto): Promise<Page<ApplicationDto>> {
    if (!actor.firmId) return pageOf([], 0, query);
    const em = this.db.manager;
    const qb = this.query(em).where('a.firmId = :firmId', { firmId: actor.firmId });
    if (query.q) qb.andWhere('g.name ILIKE :q', { q: likePattern(query.q) });
    return this.page(em, qb, query, 'applicant');
  }

  async get(actor: Actor, id: string): Promise<ApplicationDto> {
    const em = this.db.manager;
    const application = await em.findOne(ApplicationEntity, { where: { id }, relations: RELATIONS });
    const viewer = application ? viewerOf(actor, application, application.group!) : null;
    if (!application || !viewer) throw ApiError.notFound('Application');
    return (await toApplicationDtos(em, [application], viewer))[0];
  }

  /**
   * Approval locks the group row before counting its members, so parallel approvals queue on
   * that row and the last seat goes to exactly one of them; the capacity trigger is the backstop.
   * Lock order everywhere: group row, then application row.
   */
  async decide(actor: Actor, id: string, decision: 'approved' | 'rejected', note?: string): Promise<ApplicationDto> {
    try {
      return await this.db.transaction(async (em) => {
        const found = await em.findOneBy(ApplicationEntity, { id });
        const unlocked = found ? await em.findOneBy(PeerGroupEntity, { id: found.groupId }) : null;
        const viewer = found && unlocked ? viewerOf(actor, found, unlocked) : null;
        if (!found || !unlocked || !viewer) throw ApiError.notFound('Application');
        if (viewer !== 'reviewer') {
          throw ApiError.forbidden('Only the group’s facilitators and the programme’s managers can decide applications');
        }
        const group =
          decision === 'approved'
            ? await em.findOneOrFail(PeerGroupEntity, { where: { id: found.groupId }, lock: { mode: 'pessimistic_write' } })
            : unlocked;
        const application = await em.findOneOrFail(ApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (application.status !== 'pending') throw notPending();
        const firm = await em.findOneByOrFail(FirmEntity, { id: application.firmId });
        const members = (await activeMemberProfiles(em, [group.id])).get(group.id) ?? [];
        // Recorded as the reviewer saw it at the moment of the decision.
        const conflicting = findCompetitors(competitorProfile(firm), members);
        if (decision === 'approved') {
          if (group.status === 'closed') throw groupClosed();
          if (await isActiveMember(em, group.id, firm.id)) throw alreadyMember();
          if ((await countActiveMembers(em, group.id)) >= group.capacity) throw groupFull();
          await em.insert(MembershipEntity, {
            groupId: group.id,
            firmId: firm.id,
            applicationId: application.id,
            status: 'active',
          });
        }
        await em.update(
          ApplicationEntity,
          { id },
          {
            status: decision,
            decidedById: actor.userId,
            decidedAt: new Date(),
            decisionNote: note ?? null,
            competitorConflict: conflicting.length > 0,
            conflictingFirmIds: conflicting,
          },
        );
        return this.reload(em, id, 'reviewer');
      });
    } catch (error) {
      translateConstraint(error, { ck_membership_capacity: groupFull, uq_membership_active: alreadyMember });
    }
  }

  async withdraw(actor: Actor, id: string): Promise<ApplicationDto> {
    return this.db.transaction(async (em) => {
      const found = await em.findOne(ApplicationEntity, { where: { id }, relations: { group: true } });
      const viewer = found ? viewerOf(actor, found, found.group!) : null;
      if (!found || !viewer) throw ApiError.notFound('Application');
      if (actor.firmId !== found.firmId)
        throw ApiError.forbidden('Only the applicant firm’s people can withdraw its application');
      const application = await em.findOneOrFail(ApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (application.status !== 'pending') throw notPending();
      await em.update(ApplicationEntity, { id }, { status: 'withdrawn', decidedById: actor.userId, decidedAt: new Date() });
      return this.reload(em, id, 'applicant');
    });
  }

  private query(em: EntityManager): SelectQueryBuilder<ApplicationEntity> {
    return em
      .createQueryBuilder(ApplicationEntity, 'a')
      .innerJoinAndSelect('a.firm', 'f')
      .innerJoinAndSelect('a.applicant', 'u')
      .innerJoinAndSelect('a.group', 'g')
      .leftJoinAndSelect('a.decidedBy', 'd');
  }

  private async page(
    em: EntityManager,
    qb: SelectQueryBuilder<ApplicationEntity>,
    query: ApplicationQueryDto,
    viewer: Viewer,
  ): Promise<Page<ApplicationDto>> {
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    // Every join is to-one, so plain OFFSET/LIMIT pages correctly.
    const [items, total] = await qb
      .orderBy(`a.${query.sort}`, query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('a.id')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    return pageOf(await toApplicationDtos(em, items, viewer), total, query);
  }

  private async reload(em: EntityManager, id: string, viewer: Viewer): Promise<ApplicationDto> {
    const application = await em.findOneOrFail(ApplicationEntity, { where: { id }, relations: RELATIONS });
    return (await toApplicationDtos(em, [application], viewer))[0];
  }
}

/** Reviewers are the group's facilitators and the programme's managers; the applicant firm's people see their own. */
function viewerOf(actor: Actor, application: ApplicationEntity, group: PeerGroupEntity): Viewer | null {
  if (facilitatesGroup(actor, group)) return 'reviewer';
  if (actor.firmId !== null && actor.firmId === application.firmId) return 'applicant';
  return null;
}

/**
 * Pending applications are screened against the group's members as they are now, so the reviewer
 * sees a competitor who joined after the firm applied; decided ones show what the reviewer saw.
 */
async function toApplicationDtos(
  em: EntityManager,
  applications: ApplicationEntity[],
  viewer: Viewer,
): Promise<ApplicationDto[]> {
  const conflicts = new Map<string, string[]>(applications.map((a) => [a.id, a.conflictingFirmIds]));
  const names = new Map<string, string>();
  if (viewer === 'reviewer') {
    const pending = applications.filter((a) => a.status === 'pending');
    const members = await activeMemberProfiles(em, [...new Set(pending.map((a) => a.groupId))]);
    for (const a of pending) conflicts.set(a.id, findCompetitors(competitorProfile(a.firm!), members.get(a.groupId) ?? []));
    const ids = [...new Set([...conflicts.values()].flat())];
    if (ids.length) {
      const rows: { id: string; name: string }[] = await em.query(`SELECT id, name FROM firm WHERE id = ANY($1)`, [ids]);
      for (const r of rows) names.set(r.id, r.name);
    }
  }
  return applications.map((a) => {
    const firm = a.firm!;
    const conflicting = (conflicts.get(a.id) ?? []).filter((id) => names.has(id));
    return {
      id: a.id,
      groupId: a.groupId,
      groupName: a.group!.name,
      firm: {
        id: firm.id,
        name: firm.name,
        sicCode: firm.sicCode,
        localAuthorityCode: firm.localAuthorityCode,
        employeeBand: firm.employeeBand,
      },
      applicant: { id: a.applicant!.id, name: a.applicant!.name },
      answers: a.answers,
      status: a.status,
      competitorConflict: viewer === 'reviewer' ? (conflicts.get(a.id) ?? []).length > 0 : null,
      conflictingFirms: viewer === 'reviewer' ? conflicting.map((id) => ({ id, name: names.get(id)! })) : null,
      decidedBy: a.decidedBy ? { id: a.decidedBy.id, name: a.decidedBy.name } : null,
      decidedAt: a.decidedAt,
      decisionNote: a.decisionNote,
      createdAt: a.createdAt,
    };
  });
}
