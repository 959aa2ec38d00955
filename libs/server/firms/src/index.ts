export * from './firms.module';
