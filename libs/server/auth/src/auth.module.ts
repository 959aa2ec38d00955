import { Module } from '@nestjs/common';
import { AccountsAdminService } from './accounts-admin.service';
import { AuthService } from './auth.service';
import { InvitationsService } from './invitations.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';

/**
 * Accounts, sessions, passwords (and their resets), login throttling and invitations as services, with no HTTP: what the
 * worker imports. The API imports AuthHttpModule, which adds the routes, the global guard and the
 * session cache.
 */
@Module({
  providers: [
    AccountsAdminService,
    AuthService,
    InvitationsService,
    LoginThrottleService,
    PasswordResetService,
    PasswordService,
    SessionService,
  ],
  exports: [
    AccountsAdminService,
    AuthService,
    InvitationsService,
    LoginThrottleService,
    PasswordResetService,
    PasswordService,
    SessionService,
  ],
})
export class AuthModule {}
