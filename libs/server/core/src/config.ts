import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting the server reads, with a working local default. Documented in .env.example. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/roundtable'),
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
  SESSION_COOKIE_SECURE: bool.default(false),
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
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(50),
});

export type AppConfig = z.infer<typeof configSchema>;

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
  return parsed.data;
}
