export * from './scale-progress';
export * from './scale-structure';
export * from './seed-scale';
