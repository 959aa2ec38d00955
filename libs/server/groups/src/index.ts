export * from './groups.module';
