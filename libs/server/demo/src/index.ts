export * from './demo-builder';
export * from './demo-data';
export * from './seed';
