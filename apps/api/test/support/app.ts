import { createHttpTestApp, HttpTestApp } from '@roundtable/server-testing';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp, createAdapter } from '../../src/configure';

export type TestApp = HttpTestApp;

/** The real API (real PostgreSQL, real Redis) behind supertest, assembled and configured as main.ts does. */
export function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return createHttpTestApp(
    {
      module: (config) => AppModule.forRoot(config),
      // The adapter main.ts uses, with the same options.
      adapter: createAdapter,
      options: APP_OPTIONS,
      // Every answer of every test must be one its route declares: an undeclared error fails loudly.
      configure: (app, config) => configureApp(app, config, { declaredErrorsOnly: true }),
    },
    overrides,
  );
}
