import { Module } from '@nestjs/common';
import { AuthService } from './auth.service';
import { InvitationsService } from './invitations.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';

/**
 * Accounts, sessions, passwords, login throttling and invitations as services, with no HTTP: what the
 * worker imports. The API imports AuthHttpModule, which adds the routes, the global guard and the
 * session cache.
 */
@Module({
  providers: [AuthService, InvitationsService, LoginThrottleService, PasswordService, SessionService],
  exports: [AuthService, InvitationsService, LoginThrottleService, PasswordService, SessionService],
})
export class AuthModule {}
