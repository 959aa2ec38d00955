export * from './compose';
export * from './compose-input';
export * from './format';
export * from './ical';
export * from './message';
export * from './unsubscribe';
export { vtimezoneComponent } from './vtimezone';
