import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsAdminController } from './accounts-admin.controller';
import { ActorCache } from './actor-cache.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthModule } from './auth.module';
import { InvitationsController } from './invitations.controller';

/**
 * The API's side of auth: the login, me, invitation and admins' account routes, the global AuthGuard (every route needs a
 * session unless @Public()), and the session cache with its LISTEN connection. Global so that the one
 * SessionService (in AuthModule) finds the cache and evicts from it at once when it revokes a session.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [AuthController, InvitationsController, AccountsAdminController],
  providers: [ActorCache, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ActorCache],
})
export class AuthHttpModule {}
