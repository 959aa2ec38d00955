import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig } from '@roundtable/server-core';
import { Client } from 'pg';

/** The channel the auth-change triggers notify on (migration auth-change-notify). */
export const AUTH_CHANNEL = 'roundtable_auth';
const MAX_ENTRIES = 10_000;

/**
 * Resolved sessions kept in memory for SESSION_CACHE_SECONDS, so a request costs one query
 * instead of two. Correctness does not rest on the TTL: triggers on session, role_assignment and
 * app_user NOTIFY every API process when a user's sessions, roles, status or firm change, and
 * the user's entries are dropped; this process also drops them at once when it revokes a session.
 * While the LISTEN connection is down nothing is cached, so a lost notification cannot leave a
 * revoked session alive.
 */
@Injectable()
export class ActorCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ActorCache.name);
  private readonly entries = new Map<string, { actor: Actor; expires: number }>();
  private listener: Client | null = null;
  private live = false;
  private stopped = false;
  /** A clock that ticks on every eviction; a lookup remembers the tick it began at. */
  private clock = 0;
  /** The tick of each user's latest eviction: a lookup of that user begun earlier may have read what was evicted. */
  private readonly evictedAt = new Map<string, number>();
  /** Lookups begun before this tick are never cached (after the LISTEN connection was lost, or the map pruned). */
  private floor = 0;
  private pinger: NodeJS.Timeout | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (this.config.SESSION_CACHE_SECONDS > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.live = false;
    if (this.pinger) clearInterval(this.pinger);
    await this.listener?.end().catch(() => undefined);
  }

  get(tokenHash: string): Actor | null {
    const entry = this.live ? this.entries.get(tokenHash) : undefined;
    if (!entry) return null;
    if (entry.expires > Date.now()) return entry.actor;
    this.entries.delete(tokenHash);
    return null;
  }

  /** Call before reading the database; pass the result to set(). */
  begin(): number {
    return this.clock;
  }

  set(tokenHash: string, actor: Actor, begun: number): void {
    // The user was evicted while this lookup ran: what it read may already be revoked.
    if (!this.live || begun < this.floor || (this.evictedAt.get(actor.userId) ?? -1) > begun) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tokenHash, { actor, expires: Date.now() + this.config.SESSION_CACHE_SECONDS * 1000 });
  }

  evictUser(userId: string): void {
    this.clock++;
    this.evictedAt.set(userId, this.clock);
    if (this.evictedAt.size > MAX_ENTRIES) {
      this.evictedAt.clear();
      this.floor = this.clock;
    }
    for (const [key, entry] of this.entries) if (entry.actor.userId === userId) this.entries.delete(key);
  }

  evictSession(sessionId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.actor.sessionId === sessionId) {
        this.entries.delete(key);
        this.evictUser(entry.actor.userId);
      }
    }
  }

  get enabled(): boolean {
    return this.live;
  }

  private async listen(): Promise<void> {
    // Keepalive and a periodic ping, so a half-open connection is noticed instead of silently missing NOTIFYs.
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.live = false;
      this.floor = ++this.clock;
      this.entries.clear();
      if (this.pinger) clearInterval(this.pinger);
      this.listener = null;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`Session cache off until the LISTEN connection is back${err ? `: ${err.message}` : ''}`);
      setTimeout(() => void this.listen(), 1000).unref();
    };
    this.listener = client;
    client.on('notification', (msg) => msg.payload && this.evictUser(msg.payload));
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      // Anything looked up while the connection was down may have missed its eviction.
      this.floor = ++this.clock;
      this.live = true;
      this.pinger = setInterval(() => {
        const timeout = setTimeout(() => lost(new Error('LISTEN connection did not answer a ping in 5 s')), 5_000);
        client.query('SELECT 1').then(
          () => clearTimeout(timeout),
          (err: Error) => {
            clearTimeout(timeout);
            lost(err);
          },
        );
      }, 15_000).unref();
    } catch (err) {
      lost(err as Error);
    }
  }
}
