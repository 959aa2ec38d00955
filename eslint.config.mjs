import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// Layers, from the outside in. A project's `type:` tag says its layer; each layer may depend only on the
// layers listed for it (docs/architecture.md has the picture).
const LAYERS = {
  'type:app': ['type:feature', 'type:infrastructure', 'type:data', 'type:domain', 'type:seed'],
  'type:seed': ['type:seed', 'type:feature', 'type:infrastructure', 'type:data', 'type:domain'],
  'type:feature': ['type:feature', 'type:infrastructure', 'type:data', 'type:domain'],
  'type:infrastructure': ['type:infrastructure', 'type:data', 'type:domain'],
  'type:data': ['type:data', 'type:domain'],
  'type:domain': ['type:domain'],
  'type:testing': ['type:testing', 'type:seed', 'type:feature', 'type:infrastructure', 'type:data', 'type:domain'],
};

// The rule judges a file by the project it sits in, so a spec is judged as its project. Test files get the
// same layers plus `type:testing`; code that ships never reaches the fixtures.
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', 'apps/*/test/**/*.ts'];

const boundaries = (forTests, allow = []) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: [
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
      ...Object.entries(LAYERS).map(([sourceTag, allowed]) => ({
        sourceTag,
        onlyDependOnLibsWithTags: forTests ? [...new Set([...allowed, 'type:testing'])] : allowed,
      })),
    ],
  },
];

export default [
  { ignores: ['**/node_modules', '**/dist', '**/.nx', 'coverage', 'tmp', 'libs/api-client/src/generated'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  { files: TEST_FILES, rules: { '@nx/enforce-module-boundaries': boundaries(true) } },
  // The web app's browser tests start the whole product: they use the server's test support (a database of
  // their own, the SMTP sink), and nothing else of the server.
  {
    files: ['apps/web/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true, ['@roundtable/server-testing']) },
  },
  {
    // Type-aware rules, on TypeScript only: one program from tsconfig.json. The promise rules matter most:
    // an unawaited promise in a queue processor loses mail silently, and an async callback handed to an
    // event emitter or a timer turns a rejection into an unhandled one.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/unbound-method': 'error',
      '@typescript-eslint/restrict-template-expressions': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
    },
  },
  {
    // The web app: the rules of hooks, and the router's redirect() and notFound() are thrown by design.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'package', package: '@tanstack/router-core', name: ['Redirect', 'NotFoundError'] }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
