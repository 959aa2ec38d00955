import { AppConfig, loadConfig } from '@roundtable/server-core';
import { randomUUID } from 'node:crypto';

/** The configuration of a test app or context: the environment test-env.ts set, then `overrides`. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    ...process.env,
    // Each app gets its own Redis key space, so throttle counters never leak between test files.
    REDIS_KEY_PREFIX: `rt-test:${randomUUID()}:`,
    DATABASE_POOL_SIZE: '10',
    // Off by default in tests: a role change made by one request and used by the very next one
    // must not depend on when the NOTIFY arrives. session-cache.int-spec.ts tests the cache itself.
    SESSION_CACHE_SECONDS: '0',
    ...overrides,
  });
}
