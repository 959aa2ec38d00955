import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  ApiError,
  belongsToProgramme,
  isProgrammeStaff,
  likePattern,
  managesProgramme,
  Page,
  pageOf,
} from '@roundtable/server-core';
import {
  FirmEntity,
  InvitationEntity,
  owe,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { Brackets, DataSource, EntityManager, IsNull } from 'typeorm';
import { AcceptInvitationDto, CreateInvitationDto, InvitationDto, InvitationQueryDto } from './dto/invitation.dto';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { IssuedSession, SessionService } from './session.service';
import { hashToken, newToken } from './tokens';

interface Grant {
  role: InvitationEntity['role'];
  programmeId: string;
  groupId: string | null;
  firmId: string | null;
}

/** At most one email per invitation in this many seconds, however often it is resent. */
export const RESEND_INTERVAL_SECONDS = 60;

/**
 * An invitation has no working link until its email is sent and the worker mints one: until then (and after a
 * renewal revives an expired one) it holds the hash of a token nobody has.
 */
const unsentLink = () => hashToken(newToken());

type Authority = Pick<Actor, 'isAdmin' | 'managedProgrammeIds' | 'facilitatorProgrammeIds' | 'firmId'>;

/**
 * Who may grant what: a programme's managers (and admins) anything in it; its facilitators and a firm's own people
 * a place in a firm. Checked when an invitation is sent, and again when it is accepted.
 */
function mayGrant(who: Authority, grant: Grant): boolean {
  if (grant.role !== 'member') return managesProgramme(who, grant.programmeId);
  return isProgrammeStaff(who, grant.programmeId) || (grant.firmId !== null && who.firmId === grant.firmId);
}

/**
 * An invitation is a grant waiting for its person; no account exists until the link is followed. Inviting
 * answers the same whether or not the email has an account anywhere, so it tells the inviter nothing about
 * other people; the mailbox owner learns the rest when they follow the link.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Who may invite: admins anyone; a programme's managers anyone into their programme; its facilitators and a
   * firm's own people may invite people of a firm (mayGrant). Every new invitation is emailed: it owes an
   * `account_invitation` in this transaction, and the worker mints the link when it sends it (nobody else ever
   * holds it). Inviting the same email into the same grant again renews the pending invitation instead of adding
   * one: from admins and managers with a new expiry, a new email and themselves as its inviter, counted against
   * their quota like a new invitation; from anyone else it answers the pending invitation unchanged.
   */
  async invite(actor: Actor, dto: CreateInvitationDto): Promise<InvitationDto> {
    const email = dto.email.trim().toLowerCase();
    return this.db.transaction(async (em) => {
      const scope = await this.authorise(em, actor, dto);
      const grant: Grant = {
        role: dto.role,
        programmeId: scope.programmeId,
        groupId: dto.role === 'facilitator' ? (dto.groupId ?? null) : null,
        firmId: dto.role === 'member' ? (dto.firmId ?? null) : null,
      };
      if (!mayGrant(actor, grant)) {
        // Another firm is not even visible to a firm's own people.
        if (grant.role === 'member') throw ApiError.notFound('Firm');
        throw ApiError.forbidden(
          grant.role === 'facilitator'
            ? 'Only the programme’s managers can assign facilitators'
            : 'Only the programme’s managers can invite managers',
        );
      }
      const mayRenew = managesProgramme(actor, scope.programmeId);
      await this.lockQuotas(em, actor.userId, grant.firmId);
      const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3600_000);
      let invitation = await this.findPending(em, email, grant);
      if (invitation && !mayRenew) return this.toDto(invitation);
      // Every write below makes an invitation live under the actor's name, so each is counted, under the locks above.
      await this.checkQuotas(em, { inviterId: actor.userId, byActor: true }, grant, invitation?.id);
      if (!invitation) {
        // Insert-or-ignore, then lock: a concurrent invitation of the same email into the same grant waits on
        // the unique index and then renews the row the other one made.
        const unsent = unsentLink();
        await em
          .createQueryBuilder()
          .insert()
          .into(InvitationEntity)
          .values({
            email,
            name: dto.name.trim(),
            timezone: dto.timezone ?? scope.timezone,
            ...grant,
            tokenHash: unsent,
            invitedById: actor.userId,
            expiresAt,
          })
          .orIgnore()
          .execute();
        invitation = await this.findPending(em, email, grant);
        if (!invitation) throw new Error('The pending invitation vanished after its insert');
        if (invitation.tokenHash === unsent) {
          await this.oweEmail(em, invitation.id, true);
          return this.toDto(invitation);
        }
        if (!mayRenew) return this.toDto(invitation);
      }
      // The renewer answers for it from now on (see accept). A link still live keeps working until a new email
      // replaces it; one that had expired is not revived, and a new email is owed at once.
      const expired = invitation.expiresAt <= new Date();
      await em.update(
        InvitationEntity,
        { id: invitation.id },
        {
          expiresAt,
          invitedById: actor.userId,
          name: dto.name.trim(),
          timezone: dto.timezone ?? invitation.timezone,
          ...(expired && { tokenHash: unsentLink() }),
        },
      );
      await this.oweEmail(em, invitation.id, expired);
      return this.toDto(await em.findOneByOrFail(InvitationEntity, { id: invitation.id }));
    });
  }

  /**
   * Emails a pending invitation again, with a new link that replaces the last (the worker mints it when it sends):
   * its inviter, or the programme's staff who may withdraw it. The inviter stays whoever sent it. At most one email
   * per invitation a minute (429 with Retry-After); past that, while an earlier one is still waiting to go out
   * (the SMTP server refusing for now), nothing more is owed: that one mints its link when it is sent. Reviving an
   * expired invitation takes its place in the inviter's and the firm's quotas again, as a renewal does.
   */
  async resend(actor: Actor, invitationId: string): Promise<InvitationDto> {
    return this.db.transaction(async (em) => {
      const seen = await em.findOneBy(InvitationEntity, { id: invitationId });
      if (!seen || !this.maySee(actor, seen)) throw ApiError.notFound('Invitation');
      if (!this.mayManage(actor, seen) && seen.invitedById !== actor.userId) {
        throw ApiError.forbidden('Only whoever sent this invitation and the programme’s staff can send it again');
      }
      // The quota locks before the row, in invite's order, so the two never wait on each other in a cycle.
      await this.lockQuotas(em, seen.invitedById, seen.firmId);
      const invitation = await em.findOne(InvitationEntity, { where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) throw ApiError.notFound('Invitation');
      if (invitation.acceptedAt) throw ApiError.conflict('invitation_accepted', 'This invitation has already been accepted');
      if (invitation.withdrawnAt) throw ApiError.conflict('invitation_withdrawn', 'This invitation has been withdrawn');
      if (invitation.invitedById !== seen.invitedById) {
        throw ApiError.conflict('concurrent_update', 'The invitation was renewed at the same time; try again');
      }
      const { wait, waiting } = await this.lastEmail(em, invitation.id);
      if (wait > 0) {
        throw ApiError.tooManyRequests(
          'invitation_resend_too_soon',
          `This invitation was emailed less than a minute ago; it can be sent again in ${wait} second${wait === 1 ? '' : 's'}`,
          wait,
        );
      }
      if (waiting) return this.toDto(invitation);
      const now = new Date();
      const expired = invitation.expiresAt <= now;
      if (expired) {
        await this.checkQuotas(
          em,
          { inviterId: invitation.invitedById, byActor: invitation.invitedById === actor.userId },
          invitation,
          invitation.id,
        );
      }
      await em.update(
        InvitationEntity,
        { id: invitation.id },
        {
          expiresAt: new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * 3600_000),
          ...(expired && { tokenHash: unsentLink() }),
        },
      );
      await this.oweEmail(em, invitation.id, true);
      return this.toDto(await em.findOneByOrFail(InvitationEntity, { id: invitation.id }));
    });
  }

  /**
   * Pending invitations the actor could have made: staff see their programmes', a firm's people their firm's. Narrowed
   * to one programme, it answers as the programme's other routes do: 404 outside the actor's programmes; inside, only
   * what they could see anyway (a firm's people their firm's, possibly none).
   */
  async list(actor: Actor, query: InvitationQueryDto): Promise<Page<InvitationDto>> {
    const em = this.db.manager;
    if (query.programmeId !== undefined) {
      const known =
        belongsToProgramme(actor, query.programmeId) && (await em.existsBy(ProgrammeEntity, { id: query.programmeId }));
      if (!known) throw ApiError.notFound('Programme');
    }
    const qb = em.createQueryBuilder(InvitationEntity, 'i').where('i.acceptedAt IS NULL AND i.withdrawnAt IS NULL');
    if (query.programmeId !== undefined) qb.andWhere('i.programmeId = :programmeId', { programmeId: query.programmeId });
    if (!actor.isAdmin) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('i.programmeId = ANY(:managed)', { managed: actor.managedProgrammeIds });
          w.orWhere(`i.role = 'member' AND i.programmeId = ANY(:facilitated)`, { facilitated: actor.facilitatorProgrammeIds });
          if (actor.firmId) w.orWhere(`i.role = 'member' AND i.firmId = :firmId`, { firmId: actor.firmId });
        }),
      );
    }
    if (query.q) qb.andWhere('(i.name ILIKE :q OR i.email ILIKE :q)', { q: likePattern(query.q) });
    const [rows, total] = await qb
      .orderBy('i.createdAt', query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('i.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(
      rows.map((r) => this.toDto(r)),
      total,
      query,
    );
  }

  /** Staff withdraw a pending invitation: the programme's managers any, its facilitators those into a firm. */
  async withdraw(actor: Actor, invitationId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const invitation = await em.findOne(InvitationEntity, { where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
      if (!invitation || !this.maySee(actor, invitation)) throw ApiError.notFound('Invitation');
      if (!this.mayManage(actor, invitation)) throw ApiError.forbidden('Only the programme’s staff can withdraw an invitation');
      if (invitation.acceptedAt) throw ApiError.conflict('invitation_accepted', 'This invitation has already been accepted');
      if (invitation.withdrawnAt) return;
      await em.update(InvitationEntity, { id: invitation.id }, { withdrawnAt: new Date() });
    });
  }

  /**
   * Follows a link. Nothing costly happens before the address's throttle and the token lookup: an unknown token
   * costs one indexed query, and only a live one leads to argon2. A new email gets an account with this password;
   * an email that has an account by now gets the grant, but only with that account's own password: the link
   * proves the mailbox, not that whoever holds it may change the account's password.
   */
  async accept(dto: AcceptInvitationDto, meta: { ip: string; userAgent?: string }): Promise<IssuedSession & { userId: string }> {
    const reservation = await this.throttle.beforeInvitationAccept(meta.ip);
    const tokenHash = hashToken(dto.token);
    const [found] = await this.db.manager.find(InvitationEntity, {
      where: { tokenHash, acceptedAt: IsNull(), withdrawnAt: IsNull() },
    });
    if (!found || found.expiresAt <= new Date()) throw this.invalidInvitation();
    // A live link is not a guess: its slot goes back now, whatever happens next.
    await this.throttle.succeeded(reservation);
    const existing = await this.db.manager.findOneBy(UserEntity, { email: found.email });
    if (existing?.status === 'disabled') throw ApiError.badRequest('invitation_invalid', 'This account is disabled', 'token');
    let passwordHash: string | null = null;
    if (existing?.status === 'active') {
      const login = await this.throttle.beforeAttempt(existing.email, meta.ip);
      if (!(await this.passwords.verify(existing.passwordHash, dto.password))) {
        throw new ApiError(401, 'invalid_credentials', 'This email already has an account: enter its password to accept');
      }
      // The right password is no failure, even if the grant is then refused.
      await this.throttle.succeeded(login);
    } else {
      passwordHash = await this.passwords.hash(dto.password);
    }
    const result = await this.db.transaction(async (em) => {
      // Locked, so two clicks on one link cannot both succeed; always the invitations first, then the account.
      const rows = await em.find(InvitationEntity, {
        where: { tokenHash },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const now = new Date();
      const live = rows.filter((r) => !r.acceptedAt && !r.withdrawnAt && r.expiresAt > now);
      if (!live.length) throw this.invalidInvitation();
      for (const invitation of live) await this.checkInviter(em, invitation);
      const user = await this.accountFor(em, live[0], passwordHash);
      for (const invitation of live) await this.grant(em, user, invitation);
      await em.update(
        InvitationEntity,
        live.map((r) => r.id),
        { acceptedAt: now, userId: user.id },
      );
      const session = await this.sessions.issue(user.id, meta, em);
      return { ...session, userId: user.id };
    });
    return result;
  }

  /**
   * The grant must still be one its inviter (who sent or last renewed the link) may make, as when it was sent: an
   * inviter who has since lost the role, left the firm, been deactivated or deleted can no longer hand it out. The
   * invitation stays pending: staff withdraw it, or a manager renews it and answers for it from then on. The
   * inviter's account and roles are locked (shared) until commit: a change made at the same time either waits for
   * this acceptance or is seen by it.
   */
  private async checkInviter(em: EntityManager, invitation: InvitationEntity): Promise<void> {
    const inviter = invitation.invitedById
      ? await em.findOne(UserEntity, { where: { id: invitation.invitedById }, lock: { mode: 'pessimistic_read' } })
      : null;
    if (inviter?.status === 'active') {
      const roles = await em.find(RoleAssignmentEntity, { where: { userId: inviter.id }, lock: { mode: 'pessimistic_read' } });
      // A pool facilitator (no group) is not staff of the programme, as in the session's actor.
      const scopes = (role: RoleAssignmentEntity['role']) =>
        roles.filter((r) => r.role === role && (role !== 'facilitator' || r.groupId !== null)).map((r) => r.programmeId ?? '');
      const authority: Authority = {
        isAdmin: roles.some((r) => r.role === 'admin'),
        managedProgrammeIds: scopes('programme_manager'),
        facilitatorProgrammeIds: scopes('facilitator'),
        firmId: inviter.firmId,
      };
      if (mayGrant(authority, invitation)) return;
    }
    throw ApiError.conflict(
      'inviter_no_longer_authorised',
      'Whoever sent this invitation may no longer grant it (their role or firm has changed); ask the programme team to invite you again',
    );
  }

  /** The account the invitation goes to, locked: a new one, a pending one of the old model, or the active one checked before. */
  private async accountFor(em: EntityManager, invitation: InvitationEntity, passwordHash: string | null): Promise<UserEntity> {
    const changed = () =>
      ApiError.conflict('concurrent_update', 'The account changed while the invitation was being accepted; try again');
    if (passwordHash === null) {
      const user = await em.findOne(UserEntity, { where: { email: invitation.email }, lock: { mode: 'pessimistic_write' } });
      if (user?.status !== 'active') throw changed();
      return user;
    }
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({
        email: invitation.email,
        name: invitation.name,
        timezone: invitation.timezone,
        status: 'active',
        passwordHash,
        passwordChangedAt: new Date(),
      })
      .orIgnore()
      .execute();
    const user = await em.findOneOrFail(UserEntity, { where: { email: invitation.email }, lock: { mode: 'pessimistic_write' } });
    if (inserted.identifiers.some((id) => id?.id)) return user;
    // An account of the old model, made up front and never activated: the link finishes it.
    if (user.status !== 'invited') throw changed();
    await em.update(UserEntity, { id: user.id }, { passwordHash, status: 'active', passwordChangedAt: new Date() });
    return { ...user, passwordHash, status: 'active' };
  }

  private async grant(em: EntityManager, user: UserEntity, invitation: InvitationEntity): Promise<void> {
    if (invitation.role === 'member') {
      if (user.firmId === invitation.firmId) return;
      const staff = await em.existsBy(RoleAssignmentEntity, { userId: user.id });
      if (user.firmId || staff) {
        throw ApiError.conflict(
          'invitation_not_applicable',
          'This account already belongs to another firm or to programme staff, so it cannot join this firm; ask the programme team',
        );
      }
      await em.update(UserEntity, { id: user.id }, { firmId: invitation.firmId });
      user.firmId = invitation.firmId;
      return;
    }
    if (user.firmId) {
      throw ApiError.conflict('account_is_firm_member', 'This account belongs to a firm: staff roles go to staff accounts');
    }
    await em
      .createQueryBuilder()
      .insert()
      .into(RoleAssignmentEntity)
      .values({
        userId: user.id,
        role: invitation.role,
        programmeId: invitation.programmeId,
        groupId: invitation.groupId,
        createdById: invitation.invitedById,
      })
      .orIgnore()
      .execute();
  }

  private findPending(em: EntityManager, email: string, grant: Grant): Promise<InvitationEntity | null> {
    const scope =
      grant.role === 'programme_manager'
        ? { programmeId: grant.programmeId }
        : grant.role === 'facilitator'
          ? grant.groupId
            ? { groupId: grant.groupId }
            : { programmeId: grant.programmeId, groupId: IsNull() }
          : { firmId: grant.firmId ?? undefined };
    return em.findOne(InvitationEntity, {
      where: { email, role: grant.role, ...scope, acceptedAt: IsNull(), withdrawnAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The quotas are counted and written under these locks, so invitations sent at once cannot all fit in the last
   * free place. Always the inviter's lock first, then the firm's: no two transactions wait in a cycle.
   */
  private async lockQuotas(em: EntityManager, inviterId: string | null, firmId: string | null): Promise<void> {
    if (inviterId) {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('invitation:inviter:' || $1, 0))`, [inviterId]);
    }
    if (firmId) await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('invitation:firm:' || $1, 0))`, [firmId]);
  }

  /**
   * Owes the invitation's email. Unless `replacing` (its link has just been replaced, or it has none yet), nothing
   * is owed when an email was owed less than RESEND_INTERVAL_SECONDS ago or is still waiting to go out: the link
   * sent then still works, and a waiting one mints its link and reads the invitation only when it is sent.
   */
  private async oweEmail(em: EntityManager, invitationId: string, replacing = false): Promise<void> {
    if (!replacing) {
      const { wait, waiting } = await this.lastEmail(em, invitationId);
      if (wait > 0 || waiting) return;
    }
    await owe(em, {
      kind: 'account_invitation',
      invitationId,
      dedupeKey: `account_invitation:${invitationId}:${Date.now()}`,
    });
  }

  /** Seconds until the invitation may be emailed again (0: now), and whether an email is still waiting to go out. */
  private async lastEmail(em: EntityManager, invitationId: string): Promise<{ wait: number; waiting: boolean }> {
    const [row] = (await em.query(
      `SELECT ceil(extract(epoch FROM max(created_at) + make_interval(secs => $2) - clock_timestamp()))::int AS wait,
              bool_or(status IN ('pending', 'queued')) AS waiting
         FROM notification WHERE invitation_id = $1 AND kind = 'account_invitation'`,
      [invitationId, RESEND_INTERVAL_SECONDS],
    )) as { wait: number | null; waiting: boolean | null }[];
    return { wait: Math.max(0, row.wait ?? 0), waiting: row.waiting === true };
  }

  /**
   * Pending invitations are capped per inviter and per firm: one person cannot make the system send without end.
   * `renewing` is the pending invitation about to be renewed: it is counted as the new one, whoever sent it before
   * and whether or not it had expired. An inviter whose account is gone has no quota left to count.
   */
  private async checkQuotas(
    em: EntityManager,
    inviter: { inviterId: string | null; byActor: boolean },
    grant: Pick<Grant, 'firmId'>,
    renewing?: string,
  ): Promise<void> {
    const pending = (column: 'invited_by_id' | 'firm_id', id: string): Promise<number> =>
      em
        .query(
          `SELECT count(*)::int AS n FROM invitation
            WHERE ${column} = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > now()
              AND id IS DISTINCT FROM $2`,
          [id, renewing ?? null],
        )
        .then((rows: { n: number }[]) => rows[0].n);
    const perInviter = this.config.INVITATION_MAX_PENDING_PER_INVITER;
    if (inviter.inviterId && (await pending('invited_by_id', inviter.inviterId)) >= perInviter) {
      throw ApiError.conflict(
        'invitation_quota_reached',
        `${inviter.byActor ? 'You have' : 'Whoever sent it has'} ${perInviter} pending invitations, the most one person may ` +
          'have (INVITATION_MAX_PENDING_PER_INVITER); withdraw some or wait for them to be accepted',
      );
    }
    const perFirm = this.config.INVITATION_MAX_PENDING_PER_FIRM;
    if (grant.firmId && (await pending('firm_id', grant.firmId)) >= perFirm) {
      throw ApiError.conflict(
        'invitation_quota_reached',
        `This firm has ${perFirm} pending invitations, the most a firm may have (INVITATION_MAX_PENDING_PER_FIRM); ` +
          'withdraw some or wait for them to be accepted',
      );
    }
  }

  /** The programme's staff who may withdraw or resend it: its managers any, its facilitators those into a firm. */
  private mayManage(actor: Actor, invitation: InvitationEntity): boolean {
    return (
      managesProgramme(actor, invitation.programmeId) ||
      (invitation.role === 'member' && actor.facilitatorProgrammeIds.includes(invitation.programmeId))
    );
  }

  private maySee(actor: Actor, invitation: InvitationEntity): boolean {
    if (managesProgramme(actor, invitation.programmeId)) return true;
    if (invitation.role !== 'member') return false;
    return actor.facilitatorProgrammeIds.includes(invitation.programmeId) || actor.firmId === invitation.firmId;
  }

  private toDto(r: InvitationEntity): InvitationDto {
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      programmeId: r.programmeId,
      groupId: r.groupId,
      firmId: r.firmId,
      status: r.expiresAt > new Date() ? 'pending' : 'expired',
      expiresAt: r.expiresAt,
      createdAt: r.createdAt,
    };
  }

  private invalidInvitation(): ApiError {
    return ApiError.badRequest('invitation_invalid', 'This invitation link is invalid, already used or expired', 'token');
  }

  private async authorise(
    em: EntityManager,
    actor: Actor,
    dto: CreateInvitationDto,
  ): Promise<{ programmeId: string; timezone: string }> {
    if (dto.role === 'programme_manager') {
      const programme = await em.findOneBy(ProgrammeEntity, { id: dto.programmeId });
      if (!programme || !belongsToProgramme(actor, programme.id)) throw ApiError.notFound('Programme');
      return { programmeId: programme.id, timezone: programme.timezone };
    }
    if (dto.role === 'facilitator' && dto.groupId === undefined) {
      // Recruiting into the programme's pool: the programme is named instead of a group.
      const programme = await em.findOneBy(ProgrammeEntity, { id: dto.programmeId });
      if (!programme || !belongsToProgramme(actor, programme.id)) throw ApiError.notFound('Programme');
      return { programmeId: programme.id, timezone: programme.timezone };
    }
    if (dto.role === 'facilitator') {
      const group = await em.findOne(PeerGroupEntity, { where: { id: dto.groupId }, relations: { programme: true } });
      if (!group || !belongsToProgramme(actor, group.programmeId)) throw ApiError.notFound('Peer group');
      return { programmeId: group.programmeId, timezone: group.programme?.timezone ?? 'Europe/London' };
    }
    const firm = await em.findOne(FirmEntity, { where: { id: dto.firmId }, relations: { programme: true } });
    if (!firm) throw ApiError.notFound('Firm');
    return { programmeId: firm.programmeId, timezone: firm.programme?.timezone ?? 'Europe/London' };
  }
}
