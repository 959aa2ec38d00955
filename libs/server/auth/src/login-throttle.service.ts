import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ApiError, REDIS } from '@roundtable/server-core';
import Redis from 'ioredis';

/**
 * Login limits kept in Redis, so every API process enforces one shared limit: failures per
 * account (guessing one person's password) and attempts per IP (spraying many accounts).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the attempt against the IP and refuses when either limit is already reached. */
  async beforeAttempt(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_WINDOW_SECONDS;
    const [[, ipCount], [, failures], [, accountTtl]] = (await this.redis
      .multi()
      .incr(this.ipKey(ip))
      .get(this.accountKey(email))
      .ttl(this.accountKey(email))
      .exec()) as [[null, number], [null, string | null], [null, number]];
    if (ipCount === 1) await this.redis.expire(this.ipKey(ip), window);
    if (ipCount > this.config.LOGIN_MAX_ATTEMPTS_PER_IP) {
      const ttl = await this.redis.ttl(this.ipKey(ip));
      throw this.tooMany(ttl > 0 ? ttl : window);
    }
    if (Number(failures ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
      throw this.tooMany(accountTtl > 0 ? accountTtl : window);
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.accountKey(email);
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, this.config.LOGIN_WINDOW_SECONDS);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }

  private accountKey(email: string): string {
    return `login:account:${email.toLowerCase()}`;
  }

  private ipKey(ip: string): string {
    return `login:ip:${ip}`;
  }

  private tooMany(retryAfterSeconds: number): ApiError {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      'too_many_login_attempts',
      `Too many login attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
