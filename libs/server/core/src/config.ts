import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/** Every setting the server reads, with a working local default. Documented in .env.example. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Where browsers reach the server: the base of the links it hands out, the one origin whose
   * cookie-authenticated writes are accepted, and https here makes the session cookie Secure.
   * Unset, it is http://localhost:${PORT}.
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//i.test(v), 'must be an http:// or https:// URL')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/roundtable'),
  /** Where `seed:scale` writes the national data set (created and migrated if missing). */
  SCALE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/roundtable_scale'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('rt:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Which proxies to believe about the client's address: `false`, a hop count (1 = the one proxy in
   * front), or a comma list of addresses/subnets (`loopback`, `10.0.0.0/8`). Never "trust all": the
   * left-most X-Forwarded-For is whatever the client wrote, and the per-IP login limit keys on it.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => v !== 'true', 'trusting every proxy lets clients choose their own IP: give a hop count or the proxy addresses')
    .refine(
      (v) => /^(false|\d+)$/.test(v) || trustList(v).every(isProxyAddress),
      'must be false, a hop count, or a comma list of IP addresses, subnets (10.0.0.0/8) or loopback/linklocal/uniquelocal',
    )
    .transform((v): false | number | string[] =>
      v === 'false' || v === '0' ? false : /^\d+$/.test(v) ? Number(v) : trustList(v),
    ),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24 * 7),
  LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .default(15 * 60),
  /** Failed logins on one account from one client address (an IPv6 /64) before that pair is refused. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  /** Failed logins on one account from every address together; each time it is reached the lock doubles. */
  LOGIN_ACCOUNT_FAILURE_CEILING: z.coerce.number().int().min(1).default(100),
  /** Failed logins from one client address (an IPv6 /64), whatever the account; successes are not counted. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  /** Invalid invitation tokens (and wrong passwords of an existing account) from one address per login window. */
  INVITATION_ACCEPT_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  INVITATION_MAX_PENDING_PER_INVITER: z.coerce.number().int().min(1).default(50),
  INVITATION_MAX_PENDING_PER_FIRM: z.coerce.number().int().min(1).default(20),
  /** Password reset requests from one client address (an IPv6 /64) per login window, whatever the email. */
  PASSWORD_RESET_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
  /** Password reset requests for one email per login window, from every address together, known or not. */
  PASSWORD_RESET_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(3),
  /** Invalid password reset links tried from one address per login window. */
  PASSWORD_RESET_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /**
   * How long a booking may wait for its meeting: first for a turn among the meeting's bookings in this process,
   * then for the meeting's row lock (PostgreSQL lock_timeout and statement_timeout); past it, 503 busy.
   */
  BOOKING_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * The web app's production build (index.html and its assets), served at / by the API. Relative paths
   * are read from the working directory. When it holds no index.html, / points at the API's docs.
   */
  WEB_DIR: z.string().min(1).default('dist/apps/web'),
  /**
   * Where the worker sends mail: smtp://host:port (STARTTLS when the server offers it) or smtps://
   * (TLS from the start), with user:password in the URL when the server wants them. The default is
   * the local inbox `npm start` runs (maildev).
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  /** The From of every email: an address, or `Name <address>`. Its domain also names the Message-IDs. */
  MAIL_FROM: z
    .string()
    .regex(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.?[^\s@<>]*>?$/, 'must be an email address, or Name <address>')
    .default('Roundtable <roundtable@localhost>'),
  /**
   * BullMQ's key prefix in Redis (never ioredis' keyPrefix, which BullMQ cannot use). Braces make it a
   * hash tag, so every key of a queue lands in one slot of a Redis Cluster.
   */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[^\s]+$/, 'must not contain spaces')
    .default('{rt}'),
  /** Deliveries one worker process runs at once (each holds a database connection while its SMTP exchange lasts). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** On SIGTERM a worker finishes the deliveries in hand for at most this long, then stops. */
  WORKER_SHUTDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  /** How often the worker moves due notifications to the queue. */
  RELAY_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  /** How often the worker recomputes the metrics slices that changes have marked (docs/metrics.md). */
  METRICS_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  /** When the worker reconciles every metrics summary against the base tables: a cron pattern, in UTC. */
  METRICS_RECONCILE_CRON: z.string().min(9).default('17 3 * * *'),
  /**
   * The key that signs one-click unsubscribe links (HMAC-SHA256; calendar feed URLs are random tokens
   * stored as a hash, not signed). Required in production; elsewhere a fixed development key is used,
   * so links stay valid across restarts. Changing it breaks every unsubscribe link already sent.
   */
  SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * DKIM signing by the worker (all three, or none when the SMTP provider signs). The domain whose DNS
   * publishes the public key at `<DKIM_SELECTOR>._domainkey.<DKIM_DOMAIN>`: MAIL_FROM's domain or a
   * parent of it, so DMARC aligns.
   */
  DKIM_DOMAIN: z
    .string()
    .transform((v) => v.trim().toLowerCase().replace(/\.$/, ''))
    .refine(
      (v) => /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v),
      'must be a domain name (example.org)',
    )
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?)*$/i,
      'must be a DNS label (roundtable2027)',
    )
    .optional(),
  /** The RSA private key in PEM; newlines may be written as `\n` (one line, as an environment file needs). */
  DKIM_PRIVATE_KEY: z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n').trim())
    .optional(),
});

export type AppConfig = Omit<z.infer<typeof configSchema>, 'PUBLIC_URL' | 'SIGNING_SECRET'> & {
  PUBLIC_URL: string;
  SIGNING_SECRET: string;
  /** Not a setting: the session cookie is Secure exactly when PUBLIC_URL is https. */
  SESSION_COOKIE_SECURE: boolean;
};

/** Settings that are no longer read, and what replaced them: a leftover would silently mean something else. */
const REMOVED: Record<string, string> = {
  SESSION_COOKIE_SECURE: 'is no longer read: the session cookie is Secure exactly when PUBLIC_URL is https://; remove it',
};

function trustList(v: string): string[] {
  return v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const DKIM_SETTINGS = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY'] as const;

/**
 * DKIM is all three settings or none; the key is an RSA private key (nodemailer signs rsa-sha256 only)
 * of at least 1024 bits; and the signing domain is MAIL_FROM's or a parent of it, since a signature of
 * another domain does not align for DMARC and so does not count for Gmail's and Yahoo's sender rules.
 */
function dkimProblems(data: z.infer<typeof configSchema>): string[] {
  const given = DKIM_SETTINGS.filter((key) => data[key] !== undefined);
  if (given.length === 0) return [];
  if (given.length < DKIM_SETTINGS.length) {
    const missing = DKIM_SETTINGS.filter((key) => data[key] === undefined);
    return missing.map(
      (key) => `${key}: required when ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} set (DKIM needs all three)`,
    );
  }
  const problems: string[] = [];
  try {
    const key = createPrivateKey(data.DKIM_PRIVATE_KEY as string);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (key.asymmetricKeyType !== 'rsa') problems.push(`DKIM_PRIVATE_KEY: must be an RSA key (this is ${key.asymmetricKeyType})`);
    else if (bits < 1024) problems.push(`DKIM_PRIVATE_KEY: an RSA key of at least 1024 bits (2048 advised); this has ${bits}`);
  } catch {
    problems.push('DKIM_PRIVATE_KEY: not a private key in PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)');
  }
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(data.MAIL_FROM)?.[1]?.toLowerCase() ?? '';
  const domain = data.DKIM_DOMAIN as string;
  if (fromDomain !== domain && !fromDomain.endsWith(`.${domain}`)) {
    problems.push(
      `DKIM_DOMAIN: ${domain} does not align with MAIL_FROM's domain ${fromDomain} (use that domain or a parent of it)`,
    );
  }
  return problems;
}

/** Development and tests only: production refuses to start without its own SIGNING_SECRET. */
const DEVELOPMENT_SIGNING_SECRET = 'roundtable-development-signing-secret-not-for-production';

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

/** The only place that reads the environment: the process refuses to start on a bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const removed = Object.keys(REMOVED).filter((key) => env[key] !== undefined && env[key] !== '');
  if (removed.length) {
    throw new ConfigError(`Invalid configuration:\n${removed.map((key) => `  ${key}: ${REMOVED[key]}`).join('\n')}`);
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.SIGNING_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  SIGNING_SECRET: required in production (32 or more random characters: openssl rand -hex 32)',
    );
  }
  const dkim = dkimProblems(parsed.data);
  if (dkim.length) throw new ConfigError(`Invalid configuration:\n${dkim.map((line) => `  ${line}`).join('\n')}`);
  const publicUrl = parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`;
  return {
    ...parsed.data,
    PUBLIC_URL: publicUrl,
    SESSION_COOKIE_SECURE: publicUrl.toLowerCase().startsWith('https://'),
    SIGNING_SECRET: parsed.data.SIGNING_SECRET ?? DEVELOPMENT_SIGNING_SECRET,
  };
}
