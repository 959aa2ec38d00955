import { Injectable } from '@nestjs/common';
import { Actor, ApiError } from '@roundtable/server-core';
import { RoleAssignmentEntity, UserEntity } from '@roundtable/server-data';
import { DataSource, EntityManager } from 'typeorm';
import { ChangePasswordDto, MeDto, UpdateMeDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { IssuedSession, SessionService } from './session.service';

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async login(email: string, password: string, meta: ClientMeta): Promise<IssuedSession & { user: MeDto }> {
    const normalised = email.trim().toLowerCase();
    const reservation = await this.throttle.beforeAttempt(normalised, meta.ip);
    const user = await this.db.manager.findOneBy(UserEntity, { email: normalised });
    const ok = await this.passwords.verify(user?.status === 'active' ? user.passwordHash : null, password);
    if (!user || !ok) {
      // beforeAttempt already counted this attempt as a failure, so a failure needs no further write.
      // One message for unknown email, wrong password and disabled account: no account enumeration.
      throw new ApiError(401, 'invalid_credentials', 'Email or password is incorrect');
    }
    await this.throttle.succeeded(reservation);
    return this.db.transaction(async (em) => {
      const session = await this.sessions.issue(user.id, meta, em);
      return { ...session, user: await this.me(user.id, em) };
    });
  }

  /** Ends this session (and only this one). */
  async logout(actor: Actor): Promise<void> {
    await this.db.transaction((em) => this.sessions.revoke(actor.sessionId, em));
  }

  async changePassword(actor: Actor, dto: ChangePasswordDto, meta: ClientMeta): Promise<IssuedSession & { user: MeDto }> {
    const user = await this.db.manager.findOneByOrFail(UserEntity, { id: actor.userId });
    // The same limits as login: a stolen session must not become a way to guess the password.
    const reservation = await this.throttle.beforeAttempt(user.email, meta.ip);
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      throw ApiError.badRequest('invalid_current_password', 'The current password is incorrect', 'currentPassword');
    }
    await this.throttle.succeeded(reservation);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const session = await this.db.transaction(async (em) => {
      await em.update(UserEntity, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      // Every session ends, on every device; the caller gets a fresh one.
      await this.sessions.revokeAllForUser(user.id, em);
      // A calendar feed URL is a credential too: whoever held a session could have made one.
      await em.query(`DELETE FROM calendar_feed WHERE user_id = $1`, [user.id]);
      return this.sessions.issue(user.id, meta, em);
    });
    return { ...session, user: await this.me(user.id) };
  }

  async me(userId: string, em: EntityManager = this.db.manager): Promise<MeDto> {
    const user = await em.findOneByOrFail(UserEntity, { id: userId });
    const roles = await em.find(RoleAssignmentEntity, { where: { userId }, order: { createdAt: 'ASC' } });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      timezone: user.timezone,
      firmId: user.firmId,
      roles: roles.map((r) => ({ role: r.role, programmeId: r.programmeId, groupId: r.groupId })),
    };
  }

  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<MeDto> {
    return this.db.transaction(async (em) => {
      await em.update(
        UserEntity,
        { id: actor.userId },
        {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(dto.timezone !== undefined && { timezone: dto.timezone }),
        },
      );
      return this.me(actor.userId, em);
    });
  }
}
