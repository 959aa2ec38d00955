export * from './enums';
export * from './rules';
export * from './recurrence';
export * from './feedback';
