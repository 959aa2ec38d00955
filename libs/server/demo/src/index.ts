export * from './demo-builder';
export * from './demo-data';
export * from './demo-meetings';
export * from './demo-types';
export * from './seed';
