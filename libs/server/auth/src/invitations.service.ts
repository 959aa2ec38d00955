import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  ApiError,
  belongsToProgramme,
  isProgrammeStaff,
  managesProgramme,
} from '@roundtable/server-core';
import {
  FirmEntity,
  InvitationEntity,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AcceptInvitationDto, CreateInvitationDto, InvitationResultDto } from './dto/invitation.dto';
import { PasswordService } from './password.service';
import { IssuedSession, SessionService } from './session.service';
import { hashToken, newToken } from './tokens';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates (or finds) the account, grants the role, and issues a single-use set-password
   * link. Who may invite: admins anyone; a programme's managers anyone into their programme;
   * facilitators and a firm's own people may invite people of a firm.
   */
  async invite(actor: Actor, dto: CreateInvitationDto): Promise<InvitationResultDto> {
    const email = dto.email.trim().toLowerCase();
    return this.db.transaction(async (em) => {
      const scope = await this.authorise(em, actor, dto);
      // Insert-or-ignore, then lock: two invitations of a new person at once wait for each other on the
      // unique email index instead of one failing with a conflict.
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ email, name: dto.name, timezone: dto.timezone ?? scope.timezone, status: 'invited' })
        .orIgnore()
        .execute();
      const created = inserted.identifiers.some((id) => id?.id);
      const user = await em.findOneOrFail(UserEntity, { where: { email }, lock: { mode: 'pessimistic_write' } });
      // The link sets the password of the whole account, so it goes only to an inviter who could have granted
      // everything the account already holds; anyone else would be handed someone else's pending roles.
      const mayIssueLink = created || (await this.coversExistingGrants(em, actor, user));
      if (dto.role === 'member') {
        if (user.firmId !== dto.firmId) {
          // Only a new account, or a pending one whose every grant the inviter could have made, joins the
          // firm: an existing account (staff, or someone elsewhere) is never pulled into a firm by an invite.
          const mayJoin =
            !user.firmId && (created || (user.status === 'invited' && mayIssueLink && !(await this.hasRoles(em, user.id))));
          if (!mayJoin) throw this.existingAccountRefused();
          await em.update(UserEntity, { id: user.id }, { firmId: dto.firmId });
        }
      } else {
        if (user.firmId) {
          throw ApiError.conflict('account_is_firm_member', 'This person belongs to a firm: staff roles go to staff accounts');
        }
        await em
          .createQueryBuilder()
          .insert()
          .into(RoleAssignmentEntity)
          .values({
            userId: user.id,
            role: dto.role,
            programmeId: scope.programmeId,
            groupId: dto.role === 'facilitator' ? dto.groupId : null,
            createdById: actor.userId,
          })
          .orIgnore()
          .execute();
      }
      if (user.status === 'active' || !mayIssueLink) {
        return { userId: user.id, email, existingAccount: true, setPasswordUrl: null, expiresAt: null };
      }
      const { token, expiresAt } = await this.issueInvitation(em, user.id, actor.userId);
      const setPasswordUrl = `${this.config.PUBLIC_URL}/set-password?token=${encodeURIComponent(token)}`;
      return { userId: user.id, email, existingAccount: false, setPasswordUrl, expiresAt };
    });
  }

  async accept(dto: AcceptInvitationDto, meta: { ip?: string; userAgent?: string }): Promise<IssuedSession & { userId: string }> {
    const passwordHash = await this.passwords.hash(dto.password);
    return this.db.transaction(async (em) => {
      const tokenHash = hashToken(dto.token);
      const found = await em.findOneBy(InvitationEntity, { tokenHash });
      if (!found) throw this.invalidInvitation();
      // The user row first, then the invitation: the order invite() takes them in, so the two cannot deadlock.
      // Locked, so two clicks on one link cannot both succeed.
      const user = await em.findOneOrFail(UserEntity, { where: { id: found.userId }, lock: { mode: 'pessimistic_write' } });
      const invitation = await em.findOneOrFail(InvitationEntity, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
      if (invitation.usedAt || invitation.expiresAt <= new Date()) throw this.invalidInvitation();
      if (user.status === 'disabled') throw ApiError.badRequest('invitation_invalid', 'This account is disabled', 'token');
      await em.update(InvitationEntity, { id: invitation.id }, { usedAt: new Date() });
      await em.update(UserEntity, { id: user.id }, { passwordHash, status: 'active', passwordChangedAt: new Date() });
      await this.sessions.revokeAllForUser(user.id, em);
      const session = await this.sessions.issue(user.id, meta, em);
      return { ...session, userId: user.id };
    });
  }

  private invalidInvitation(): ApiError {
    return ApiError.badRequest('invitation_invalid', 'This invitation link is invalid, already used or expired', 'token');
  }

  private async issueInvitation(em: EntityManager, userId: string, invitedById: string) {
    const now = new Date();
    // A new link supersedes any earlier unused one.
    await em.update(InvitationEntity, { userId, usedAt: IsNull(), expiresAt: MoreThan(now) }, { expiresAt: now });
    const token = newToken();
    const expiresAt = new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * 3600_000);
    await em.insert(InvitationEntity, { userId, tokenHash: hashToken(token), invitedById, expiresAt });
    return { token, expiresAt };
  }

  private async hasRoles(em: EntityManager, userId: string): Promise<boolean> {
    return (await em.countBy(RoleAssignmentEntity, { userId })) > 0;
  }

  /** One answer for every existing account that cannot be added, so nothing is learned about it. */
  private existingAccountRefused(): ApiError {
    return ApiError.conflict(
      'existing_account',
      'This email belongs to an existing account that cannot be added to this firm; ask the programme team',
    );
  }

  /** Whether the actor could have granted every role and the firm the existing account already holds. */
  private async coversExistingGrants(em: EntityManager, actor: Actor, user: UserEntity): Promise<boolean> {
    if (actor.isAdmin) return true;
    const roles = await em.findBy(RoleAssignmentEntity, { userId: user.id });
    if (roles.some((r) => r.role === 'admin' || !r.programmeId || !managesProgramme(actor, r.programmeId))) return false;
    if (!user.firmId) return true;
    const firm = await em.findOneBy(FirmEntity, { id: user.firmId });
    return !!firm && (actor.firmId === firm.id || isProgrammeStaff(actor, firm.programmeId));
  }

  private async authorise(
    em: EntityManager,
    actor: Actor,
    dto: CreateInvitationDto,
  ): Promise<{ programmeId: string; timezone: string }> {
    if (dto.role === 'programme_manager') {
      const programme = await em.findOneBy(ProgrammeEntity, { id: dto.programmeId });
      if (!programme || !belongsToProgramme(actor, programme.id)) throw ApiError.notFound('Programme');
      if (!managesProgramme(actor, programme.id)) throw ApiError.forbidden('Only the programme’s managers can invite managers');
      return { programmeId: programme.id, timezone: programme.timezone };
    }
    if (dto.role === 'facilitator') {
      const group = await em.findOne(PeerGroupEntity, { where: { id: dto.groupId }, relations: { programme: true } });
      if (!group || !belongsToProgramme(actor, group.programmeId)) throw ApiError.notFound('Peer group');
      if (!managesProgramme(actor, group.programmeId))
        throw ApiError.forbidden('Only the programme’s managers can assign facilitators');
      return { programmeId: group.programmeId, timezone: group.programme?.timezone ?? 'Europe/London' };
    }
    const firm = await em.findOne(FirmEntity, { where: { id: dto.firmId }, relations: { programme: true } });
    const ownFirm = firm && actor.firmId === firm.id;
    if (!firm || (!ownFirm && !isProgrammeStaff(actor, firm.programmeId))) throw ApiError.notFound('Firm');
    return { programmeId: firm.programmeId, timezone: firm.programme?.timezone ?? 'Europe/London' };
  }
}
