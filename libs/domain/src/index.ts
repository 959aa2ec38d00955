export * from './enums';
export * from './rules';
