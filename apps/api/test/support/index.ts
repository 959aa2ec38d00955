export * from './app';
export * from './with-worker';
