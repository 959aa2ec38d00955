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

  /**
   * Counts the attempt against the IP and the account before the password is checked, and refuses
   * once either limit is passed. Counting first (not after a failure) is what holds the account limit
   * against many guesses sent at once: each one takes a numbered slot, and only the first few are checked.
   * A successful login gives the account's slots back (recordSuccess).
   */
  async beforeAttempt(email: string, ip: string): Promise<void> {
    const address = await this.count(this.ipKey(ip));
    if (address.count > this.config.LOGIN_MAX_ATTEMPTS_PER_IP) throw this.tooMany(address.ttl);
    const account = await this.count(this.accountKey(email));
    if (account.count > this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) throw this.tooMany(account.ttl);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }

  /** Increments a window counter; the expiry is set in the same transaction, so no counter can outlive its window. */
  private async count(key: string): Promise<{ count: number; ttl: number }> {
    const [[, count], , [, ttl]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, this.config.LOGIN_WINDOW_SECONDS, 'NX')
      .ttl(key)
      .exec()) as [[null, number], [null, number], [null, number]];
    return { count, ttl };
  }

  private accountKey(email: string): string {
    return `login:account:${email.toLowerCase()}`;
  }

  private ipKey(ip: string): string {
    return `login:ip:${ip}`;
  }

  private tooMany(ttlSeconds: number): ApiError {
    const retryAfterSeconds = ttlSeconds > 0 ? ttlSeconds : this.config.LOGIN_WINDOW_SECONDS;
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      'too_many_login_attempts',
      `Too many login attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
