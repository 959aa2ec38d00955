import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ApiError, REDIS } from '@roundtable/server-core';
import Redis from 'ioredis';
import { clientAddressKey } from './client-address';

/** Slots an attempt holds until it is known to have failed; a success gives them back. */
export interface Reservation {
  /** Counters to give one back to on success. */
  release: string[];
  /** Counters a success clears altogether. */
  clear: string[];
  /** The account-and-address pair a success marks as known (see beforeAttempt). */
  remember?: string;
}

// A Lua script runs in Redis as one step: checking the limits and taking a slot in each counter cannot be split by
// another attempt, so guesses sent at once cannot all pass the check before any of them is counted, nor slip in
// between an account's lock and the reset of its count. `full` answers the seconds until the first full counter
// (KEYS[i], at most ARGV[i + 1] slots) frees up, or 0; `take` takes a slot in each, in a window-long counter.
const SLOT_FUNCTIONS = `
local function full(first, last, window)
  for i = first, last do
    if tonumber(redis.call('GET', KEYS[i]) or '0') >= tonumber(ARGV[i + 1]) then
      local ttl = redis.call('TTL', KEYS[i])
      if ttl < 1 then ttl = window end
      return ttl
    end
  end
  return 0
end
local function take(first, last, window)
  for i = first, last do
    redis.call('INCR', KEYS[i])
    redis.call('EXPIRE', KEYS[i], window, 'NX')
  end
end
`;

// KEYS: the counters. ARGV: the window, then each counter's limit.
const TAKE_SLOTS = `${SLOT_FUNCTIONS}
local window = tonumber(ARGV[1])
local wait = full(1, #KEYS, window)
if wait > 0 then return wait end
take(1, #KEYS, window)
return 0`;

// KEYS: per address, per account and address, per account (every address), the account's lock, its locks in the
// last day, the account-and-address pair known from a sign-in. ARGV: the window, the three limits, a day.
// An address the account signed in from skips the lock and the account-wide count. The first attempt past the
// ceiling locks the account for the window times 2^(locks in the last day - 1), at most a day, and starts a new
// count for afterwards. Answers {seconds to wait, 0}, or {0, 1 when the address is known} once the slots are taken.
const LOGIN_ATTEMPT = `${SLOT_FUNCTIONS}
local window = tonumber(ARGV[1])
local known = redis.call('EXISTS', KEYS[6]) == 1
if not known then
  local locked = redis.call('TTL', KEYS[4])
  if locked > 0 then return {locked, 0} end
end
local last = known and 2 or 3
local wait = full(1, 2, window)
if wait > 0 then return {wait, 0} end
if not known and tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[4]) then
  local strikes = redis.call('INCR', KEYS[5])
  redis.call('EXPIRE', KEYS[5], ARGV[5], 'NX')
  local seconds = math.min(tonumber(ARGV[5]), window * 2 ^ math.min(strikes - 1, 16))
  redis.call('SET', KEYS[4], '1', 'EX', seconds)
  redis.call('DEL', KEYS[3])
  return {seconds, 0}
end
take(1, last, window)
return {0, known and 1 or 0}`;

// Give back one slot of each counter, never below zero (a counter may have expired or been cleared meanwhile).
const GIVE_BACK = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0`;

/** What each 429 says there were too many of. */
const TOO_MANY: Record<string, string> = {
  too_many_login_attempts: 'login attempts',
  too_many_invitation_attempts: 'invitation links tried',
  too_many_password_reset_requests: 'password reset requests',
  too_many_password_reset_attempts: 'password reset links tried',
};

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
 * The same counters, by their own settings, limit invalid invitation and password reset links per address, and
 * password reset requests per address and per email.
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
   * Counting first (not after a failure) is what holds the limits against many guesses sent at once: the
   * check and the count are one atomic step (LOGIN_ATTEMPT), so only the first few are checked. The caller
   * gives the slots back on success (succeeded); a refused attempt takes none, so only checked, failed
   * attempts are counted.
   */
  async beforeAttempt(email: string, ip: string): Promise<Reservation> {
    const account = email.trim().toLowerCase();
    const address = clientAddressKey(ip);
    const addressKey = `login:address:${address}`;
    const pairKey = `login:account-address:${account}:${address}`;
    const accountKey = `login:account:${account}`;
    const knownKey = `login:known:${account}:${address}`;
    const keys = [addressKey, pairKey, accountKey, `login:account-lock:${account}`, `login:account-locks:${account}`, knownKey];
    const [wait, known] = (await this.redis.eval(
      LOGIN_ATTEMPT,
      keys.length,
      ...keys,
      this.config.LOGIN_WINDOW_SECONDS,
      this.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      this.config.LOGIN_ACCOUNT_FAILURE_CEILING,
      DAY_SECONDS,
    )) as [number, number];
    if (wait > 0) throw this.tooMany('too_many_login_attempts', wait);
    // An address the account is known from takes no slot in the account-wide count.
    return { release: known ? [addressKey, pairKey] : [addressKey, pairKey, accountKey], clear: [pairKey], remember: knownKey };
  }

  /**
   * Invitation links guessed from one address: every accept takes a slot before the token is looked up,
   * and only a valid token (and, for an existing account, its right password) gives it back.
   */
  async beforeInvitationAccept(ip: string): Promise<Reservation> {
    const key = `invitation-accept:address:${clientAddressKey(ip)}`;
    const wait = (await this.redis.eval(
      TAKE_SLOTS,
      1,
      key,
      this.config.LOGIN_WINDOW_SECONDS,
      this.config.INVITATION_ACCEPT_MAX_FAILURES_PER_ADDRESS,
    )) as number;
    if (wait > 0) throw this.tooMany('too_many_invitation_attempts', wait);
    return { release: [key], clear: [] };
  }

  /**
   * Password reset requests: every request takes a slot per client address and per email (known or not, so the
   * answer is the same for both), and none is given back: asking sends mail, and asking again is not a failure.
   */
  async beforePasswordResetRequest(email: string, ip: string): Promise<void> {
    const keys = [`password-reset:address:${clientAddressKey(ip)}`, `password-reset:email:${email.trim().toLowerCase()}`];
    const wait = (await this.redis.eval(
      TAKE_SLOTS,
      keys.length,
      ...keys,
      this.config.LOGIN_WINDOW_SECONDS,
      this.config.PASSWORD_RESET_MAX_PER_ADDRESS,
      this.config.PASSWORD_RESET_MAX_PER_EMAIL,
    )) as number;
    if (wait > 0) throw this.tooMany('too_many_password_reset_requests', wait);
  }

  /** Password reset links guessed from one address, as beforeInvitationAccept: only a live link gives its slot back. */
  async beforePasswordResetConfirm(ip: string): Promise<Reservation> {
    const key = `password-reset-confirm:address:${clientAddressKey(ip)}`;
    const wait = (await this.redis.eval(
      TAKE_SLOTS,
      1,
      key,
      this.config.LOGIN_WINDOW_SECONDS,
      this.config.PASSWORD_RESET_MAX_FAILURES_PER_ADDRESS,
    )) as number;
    if (wait > 0) throw this.tooMany('too_many_password_reset_attempts', wait);
    return { release: [key], clear: [] };
  }

  async succeeded(reservation: Reservation): Promise<void> {
    await this.giveBack(reservation.release.filter((k) => !reservation.clear.includes(k)));
    if (reservation.clear.length) await this.redis.del(...reservation.clear);
    if (reservation.remember) await this.redis.set(reservation.remember, '1', 'EX', KNOWN_ADDRESS_SECONDS);
  }

  private async giveBack(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.eval(GIVE_BACK, keys.length, ...keys);
  }

  private tooMany(code: string, ttlSeconds: number): ApiError {
    const retryAfterSeconds = ttlSeconds > 0 ? ttlSeconds : this.config.LOGIN_WINDOW_SECONDS;
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    const what = TOO_MANY[code] ?? 'attempts';
    return ApiError.tooManyRequests(
      code,
      `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      retryAfterSeconds,
    );
  }
}
