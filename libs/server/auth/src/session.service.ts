import { Inject, Injectable, Optional } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, preparedQuery } from '@roundtable/server-core';
import { SessionEntity } from '@roundtable/server-data';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ActorCache } from './actor-cache.service';
import { hashToken, newToken } from './tokens';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

interface ActorRow {
  session_id: string;
  user_id: string;
  email: string;
  name: string;
  firm_id: string | null;
  firm_programme_id: string | null;
  roles: { role: string; programme_id: string | null; group_id: string | null }[];
}

@Injectable()
export class SessionService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Provided by AuthHttpModule, in the API only. A process without it (the worker) caches nothing, and the
    // API processes still drop what they cached when the auth-change trigger's NOTIFY reaches them.
    @Optional() @Inject(ActorCache) private readonly cache: ActorCache | null = null,
  ) {}

  async issue(
    userId: string,
    meta: { ip?: string; userAgent?: string },
    em: EntityManager = this.db.manager,
  ): Promise<IssuedSession> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3600_000);
    await em.insert(SessionEntity, {
      userId,
      tokenHash: hashToken(token),
      expiresAt,
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
    });
    return { token, expiresAt };
  }

  async revoke(sessionId: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.update(SessionEntity, { id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache?.evictSession(sessionId);
  }

  async revokeAllForUser(userId: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    // Also dropped again when the trigger's notification arrives after commit.
    this.cache?.evictUser(userId);
  }

  /** One round trip: the live session, its active user, their firm's programme and every role. */
  async resolve(token: string): Promise<Actor | null> {
    const tokenHash = hashToken(token);
    if (!this.cache) return this.lookup(tokenHash);
    const cached = this.cache.get(tokenHash);
    if (cached) return cached;
    const begun = this.cache.begin();
    const actor = await this.lookup(tokenHash);
    if (actor) this.cache.set(tokenHash, actor, begun);
    return actor;
  }

  private async lookup(tokenHash: string): Promise<Actor | null> {
    const rows = await preparedQuery<ActorRow>(
      this.db,
      'resolve_session',
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.name, u.firm_id, f.programme_id AS firm_programme_id,
              COALESCE((SELECT json_agg(json_build_object('role', r.role, 'programme_id', r.programme_id, 'group_id', r.group_id))
                          FROM role_assignment r WHERE r.user_id = u.id), '[]') AS roles
         FROM session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN firm f ON f.id = u.firm_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    const ids = (role: string, key: 'programme_id' | 'group_id', roles = row.roles) => [
      ...new Set(roles.filter((r) => r.role === role).map((r) => r[key] as string)),
    ];
    // A facilitator row without a group is a place in the programme's pool: it must never count as a group's
    // facilitator, nor as staff of the programme, until a manager assigns a group.
    const ofGroups = row.roles.filter((r) => r.role !== 'facilitator' || r.group_id !== null);
    const inPool = row.roles.filter((r) => r.role === 'facilitator' && r.group_id === null);
    return {
      userId: row.user_id,
      sessionId: row.session_id,
      email: row.email,
      name: row.name,
      isAdmin: row.roles.some((r) => r.role === 'admin'),
      managedProgrammeIds: ids('programme_manager', 'programme_id'),
      facilitatedGroupIds: ids('facilitator', 'group_id', ofGroups),
      facilitatorProgrammeIds: ids('facilitator', 'programme_id', ofGroups),
      poolProgrammeIds: ids('facilitator', 'programme_id', inPool),
      firmId: row.firm_id,
      firmProgrammeId: row.firm_programme_id,
    };
  }
}
