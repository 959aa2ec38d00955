export * from './enums';
export * from './rules';
export * from './local-time';
export * from './recurrence';
export * from './time-zones';
export * from './feedback';
export * from './notification-preferences';
export * from './sic-sections';
