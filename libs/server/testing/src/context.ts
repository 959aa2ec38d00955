import { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { testConfig } from './config';
import { Fixtures, fixturesFor } from './fixtures';

export interface TestContext {
  app: INestApplicationContext;
  db: DataSource;
  config: AppConfig;
  fixtures: Fixtures;
  close(): Promise<void>;
}

/**
 * A Nest application context without HTTP (as the worker runs) over the real PostgreSQL and Redis:
 * `modules` gets the test configuration and returns what to import, e.g.
 * `(config) => [InfrastructureModule.forRoot(config), MeetingsModule]` or `(config) => [WorkerModule.forRoot(config)]`.
 */
export async function createTestContext(
  modules: (config: AppConfig) => NonNullable<ModuleMetadata['imports']>,
  overrides: Record<string, string> = {},
): Promise<TestContext> {
  const config = testConfig(overrides);
  const moduleRef = await Test.createTestingModule({ imports: modules(config) }).compile();
  const app = await moduleRef.init();
  return { app, db: app.get(DataSource), config, fixtures: fixturesFor(app), close: () => app.close() };
}
