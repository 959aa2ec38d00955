import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config';
import { ConfigModule } from './config.module';
import { appDataSourceOptions } from './database';
import { LoggerOptions, loggerParams } from './logger';
import { RedisModule } from './redis.module';

export interface InfrastructureOptions {
  /** Connections in the TypeORM pool; DATABASE_POOL_SIZE when not given. */
  poolSize?: number;
  logger?: LoggerOptions;
}

/**
 * What every process stands on, wired once for the API and the worker alike: the validated config
 * (`APP_CONFIG`), the pino logger (nestjs-pino's `Logger`/`PinoLogger`), TypeORM's `DataSource` with every
 * entity and migration, and the Redis client (`REDIS`). All global, so feature modules inject them without
 * importing anything. Nothing here is HTTP: no controller, guard, middleware or hook.
 */
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, options: InfrastructureOptions = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, options.logger)),
        TypeOrmModule.forRoot(appDataSourceOptions(config.DATABASE_URL, options.poolSize ?? config.DATABASE_POOL_SIZE)),
        RedisModule,
      ],
    };
  }
}
