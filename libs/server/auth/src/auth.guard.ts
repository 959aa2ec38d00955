import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, ApiError, IS_PUBLIC } from '@roundtable/server-core';
import type { FastifyRequest } from 'fastify';
import { SessionService } from './session.service';
import { SESSION_COOKIE } from './tokens';

export function tokenFrom(req: FastifyRequest): string | null {
  // The scheme is case-insensitive (RFC 9110 11.1): `bearer`, `Bearer` and `BEARER` are one scheme.
  const bearer = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  // Parsed by @fastify/cookie; undefined when the plugin is not registered (an app of the tests).
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
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
    const req = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const token = tokenFrom(req);
    const actor = token ? await this.sessions.resolve(token) : null;
    if (!actor) throw new ApiError(401, 'unauthenticated', 'Sign in to continue: the session is missing, expired or ended');
    req.actor = actor;
    return true;
  }
}
