import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ActorCache } from './actor-cache.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';

@Module({
  controllers: [AuthController, InvitationsController],
  providers: [
    ActorCache,
    AuthService,
    InvitationsService,
    LoginThrottleService,
    PasswordService,
    SessionService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PasswordService, SessionService, ActorCache],
})
export class AuthModule {}
