// Test support shared by every test suite: never imported by code that ships (enforced by the type:testing tag).
export * from './config';
export * from './context';
export * from './database';
export * from './fixtures';
export * from './http';
export * from './test-env';
export * from './smtp-sink';
export * from './eventually';
export * from './metrics';
