export * from './delivery';
export * from './notification-worker.service';
export * from './notifications.module';
export * from './prepare';
export * from './relay';
export * from './schedules';
export * from './smtp';
