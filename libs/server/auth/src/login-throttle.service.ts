import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ApiError, REDIS } from '@roundtable/server-core';
import Redis from 'ioredis';
import { clientAddressKey } from './client-address';

/** Slots an attempt holds until it is known to have failed; a success or a refusal gives them back. */
export interface Reservation {
  /** Counters to give one back to on success. */
  release: string[];
  /** Counters a success clears altogether. */
  clear: string[];
  /** The account-and-address pair a success marks as known (see beforeAttempt). */
  remember?: string;
}

interface Limit {
  key: string;
  max: number;
}

// Give back one slot of each counter, never below zero (a counter may have expired or been cleared meanwhile).
const GIVE_BACK = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0`;

const DAY_SECONDS = 86_400;
/** How long an address an account signed in from stays known to it. */
const KNOWN_ADDRESS_SECONDS = 30 * DAY_SECONDS;

/**
 * Failure limits kept in Redis, so every API process enforces one shared limit. Only failures count:
 * a venue full of people signing in from one address is not an attack, a run of wrong passwords is.
 *
 * - per account and client address (LOGIN_MAX_FAILURES_PER_ACCOUNT): guessing one person's password from
 *   one place. Someone who knows a facilitator's email can lock out only their own address, not the owner.
 * - per client address (LOGIN_MAX_FAILURES_PER_ADDRESS): spraying many accounts from one place.
 * - per account, every address together (LOGIN_ACCOUNT_FAILURE_CEILING): guessing from many places. Each
 *   time it is reached the account is locked for the window, then twice that, … up to a day. An address the
 *   account signed in from in the last 30 days is exempt from this ceiling and its lock (it still has the two
 *   limits above), so an attacker spreading guesses over many addresses cannot keep the owner out of their
 *   usual places.
 *
 * An IPv6 client counts as its /64 (clientAddressKey).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Takes a slot in each counter before the password is checked, and refuses once a limit is passed.
   * Counting first (not after a failure) is what holds the limits against many guesses sent at once: each
   * takes a numbered slot and only the first few are checked. The caller gives the slots back on success
   * (succeeded); a refused attempt gives its own back at once, so only checked, failed attempts are counted.
   */
  async beforeAttempt(email: string, ip: string): Promise<Reservation> {
    const account = email.trim().toLowerCase();
    const address = clientAddressKey(ip);
    const lockKey = `login:account-lock:${account}`;
    const knownKey = `login:known:${account}:${address}`;
    const [[, known], [, locked]] = (await this.redis.multi().exists(knownKey).ttl(lockKey).exec()) as [
      [null, number],
      [null, number],
    ];
    if (!known && locked > 0) throw this.tooMany('too_many_login_attempts', locked);
    const held = await this.reserve(
      [
        { key: `login:address:${address}`, max: this.config.LOGIN_MAX_FAILURES_PER_ADDRESS },
        { key: `login:account-address:${account}:${address}`, max: this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
      ],
      'too_many_login_attempts',
    );
    if (known) return { release: held, clear: [held[1]], remember: knownKey };
    const accountKey = `login:account:${account}`;
    const everywhere = await this.count(accountKey);
    if (everywhere.count > this.config.LOGIN_ACCOUNT_FAILURE_CEILING) {
      await this.giveBack(held);
      throw this.tooMany('too_many_login_attempts', await this.lockAccount(account, lockKey, accountKey));
    }
    return { release: [...held, accountKey], clear: [held[1]], remember: knownKey };
  }

  /**
   * Invitation links guessed from one address: every accept takes a slot before the token is looked up,
   * and only a valid token (and, for an existing account, its right password) gives it back.
   */
  async beforeInvitationAccept(ip: string): Promise<Reservation> {
    const key = `invitation-accept:address:${clientAddressKey(ip)}`;
    const held = await this.reserve(
      [{ key, max: this.config.INVITATION_ACCEPT_MAX_FAILURES_PER_ADDRESS }],
      'too_many_invitation_attempts',
    );
    return { release: held, clear: [] };
  }

  async succeeded(reservation: Reservation): Promise<void> {
    await this.giveBack(reservation.release.filter((k) => !reservation.clear.includes(k)));
    if (reservation.clear.length) await this.redis.del(...reservation.clear);
    if (reservation.remember) await this.redis.set(reservation.remember, '1', 'EX', KNOWN_ADDRESS_SECONDS);
  }

  /** Takes a slot in each counter in order; past a limit, gives back every slot taken and refuses. */
  private async reserve(limits: Limit[], code: string): Promise<string[]> {
    const held: string[] = [];
    for (const limit of limits) {
      const { count, ttl } = await this.count(limit.key);
      held.push(limit.key);
      if (count > limit.max) {
        await this.giveBack(held);
        throw this.tooMany(code, ttl);
      }
    }
    return held;
  }

  /**
   * The first attempt past the ceiling locks the account for the window times 2^(locks in the last day − 1),
   * at most a day, and starts a new count for afterwards. Attempts racing it find the lock already set.
   */
  private async lockAccount(account: string, lockKey: string, accountKey: string): Promise<number> {
    const window = this.config.LOGIN_WINDOW_SECONDS;
    if ((await this.redis.set(lockKey, '1', 'EX', window, 'NX')) !== 'OK') return Math.max(1, await this.redis.ttl(lockKey));
    const strikesKey = `login:account-locks:${account}`;
    const [[, strikes]] = (await this.redis.multi().incr(strikesKey).expire(strikesKey, DAY_SECONDS, 'NX').exec()) as [
      [null, number],
      unknown,
    ];
    const seconds = Math.min(DAY_SECONDS, window * 2 ** Math.min(strikes - 1, 16));
    await this.redis.multi().expire(lockKey, seconds).del(accountKey).exec();
    return seconds;
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

  private async giveBack(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.eval(GIVE_BACK, keys.length, ...keys);
  }

  private tooMany(code: string, ttlSeconds: number): ApiError {
    const retryAfterSeconds = ttlSeconds > 0 ? ttlSeconds : this.config.LOGIN_WINDOW_SECONDS;
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    const what = code === 'too_many_login_attempts' ? 'login attempts' : 'invitation links tried';
    return ApiError.tooManyRequests(
      code,
      `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      retryAfterSeconds,
    );
  }
}
