import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, ApiError, IS_PUBLIC } from '@roundtable/server-core';
import type { Request } from 'express';
import { SessionService } from './session.service';
import { SESSION_COOKIE } from './tokens';

export function tokenFrom(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
  return cookies?.[SESSION_COOKIE] ?? null;
}

/** Global: every route needs a live session unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const token = tokenFrom(req);
    const actor = token ? await this.sessions.resolve(token) : null;
    if (!actor) throw new ApiError(401, 'unauthenticated', 'Sign in to continue: the session is missing, expired or ended');
    req.actor = actor;
    return true;
  }
}
