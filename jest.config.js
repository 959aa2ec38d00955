// One Jest run for every server project: unit specs (*.spec.ts) and integration specs
// (*.int-spec.ts) against the real PostgreSQL and Redis on this machine.
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8'));

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  // Unit specs, integration specs, and the browser tests of the web app (apps/web/e2e: the built product in Chromium).
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false, $schema: undefined }],
    // Jest's CommonJS runtime cannot load ESM-only packages (Node 20.19+ and 22 require() them
    // natively): `cookie`, which @fastify/cookie loads with import(), and @fastify/static's
    // `content-disposition` are compiled to CommonJS for the tests, with @fastify/cookie itself.
    '^.+\\.js$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' } }],
  },
  // A file is left alone unless its innermost node_modules folder holds one of these.
  transformIgnorePatterns: ['/node_modules/(?!.*/node_modules/)(?!@fastify/cookie/|cookie/dist/|content-disposition/dist/)'],
  moduleNameMapper,
  globalSetup: '<rootDir>/libs/server/testing/src/global-setup.ts',
  setupFiles: ['<rootDir>/libs/server/testing/src/test-env.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
