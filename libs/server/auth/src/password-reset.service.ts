import { Injectable } from '@nestjs/common';
import { ApiError } from '@roundtable/server-core';
import { owe, PasswordResetEntity, UserEntity } from '@roundtable/server-data';
import { DataSource, IsNull } from 'typeorm';
import { ClientMeta } from './auth.service';
import { ConfirmPasswordResetDto } from './dto/password-reset.dto';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { IssuedSession, SessionService } from './session.service';
import { hashToken } from './tokens';

/** How long an emailed reset link works, from when the email is sent. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

export const PASSWORD_RESET_REQUESTED =
  'If this email belongs to an active account, a link to reset its password is on its way. It works once, for an hour.';

/**
 * Forgotten passwords. Asking answers the same whatever the email (unknown, disabled or active), and only an
 * active account is owed an email; the link in it is minted by the worker when it sends, so it exists in that
 * email and nowhere else. Following it sets the password once and ends every session of the account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /**
   * Each request's link works until it is used or expires, or another link of the account is used: a
   * request made by someone else (anyone may ask for any email) never closes the link the owner is about
   * to follow. How many can be open at once is bounded by the per-email limit.
   */
  async request(email: string, meta: ClientMeta): Promise<void> {
    const normalised = email.trim().toLowerCase();
    await this.throttle.beforePasswordResetRequest(normalised, meta.ip);
    await this.db.transaction(async (em) => {
      const user = await em.findOne(UserEntity, { where: { email: normalised }, lock: { mode: 'for_no_key_update' } });
      if (user?.status !== 'active') return;
      const { identifiers } = await em.insert(PasswordResetEntity, { userId: user.id });
      const passwordResetId = (identifiers[0] as { id: string }).id;
      await owe(em, {
        kind: 'password_reset',
        userId: user.id,
        data: { passwordResetId },
        dedupeKey: `password_reset:${passwordResetId}`,
      });
    });
  }

  /**
   * Follows a link. Nothing costly happens before the address's throttle and the token lookup (one indexed
   * query): only a live link leads to argon2. The account's sessions all end and the caller gets a fresh one,
   * as when the password is changed; every other open link of the account stops working.
   */
  async confirm(dto: ConfirmPasswordResetDto, meta: ClientMeta): Promise<IssuedSession & { userId: string }> {
    const reservation = await this.throttle.beforePasswordResetConfirm(meta.ip);
    const tokenHash = hashToken(dto.token);
    const found = await this.db.manager.findOneBy(PasswordResetEntity, { tokenHash, usedAt: IsNull() });
    if (!found?.expiresAt || found.expiresAt <= new Date()) throw invalidLink();
    // A live link is not a guess: its slot goes back.
    await this.throttle.succeeded(reservation);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    return this.db.transaction(async (em) => {
      // The account first, then the link, as a request locks them: two clicks on one link cannot both succeed.
      const user = await em.findOne(UserEntity, { where: { id: found.userId }, lock: { mode: 'for_no_key_update' } });
      const reset = await em.findOne(PasswordResetEntity, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      if (!reset || reset.usedAt || !reset.expiresAt || reset.expiresAt <= now || user?.status !== 'active') {
        throw invalidLink();
      }
      await em.update(UserEntity, { id: user.id }, { passwordHash, passwordChangedAt: now });
      await em.update(PasswordResetEntity, { userId: user.id, usedAt: IsNull() }, { usedAt: now });
      await this.sessions.revokeAllForUser(user.id, em);
      // A calendar feed URL is a credential too: whoever held a session could have made one.
      await em.query(`DELETE FROM calendar_feed WHERE user_id = $1`, [user.id]);
      const session = await this.sessions.issue(user.id, meta, em);
      return { ...session, userId: user.id };
    });
  }
}

function invalidLink(): ApiError {
  return ApiError.badRequest('password_reset_invalid', 'This password reset link is invalid, already used or expired', 'token');
}
