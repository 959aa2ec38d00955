import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@roundtable/server-auth';
import { AppConfig, ConfigModule, HealthController, RedisModule } from '@roundtable/server-core';
import { FirmsModule } from '@roundtable/server-firms';
import { GroupsModule } from '@roundtable/server-groups';
import { MeetingsModule } from '@roundtable/server-meetings';
import { ParticipationModule } from '@roundtable/server-participation';
import { ProgrammesModule } from '@roundtable/server-programmes';
import { LoggerModule } from 'nestjs-pino';
import { appDataSourceOptions } from './database';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // No per-request middleware: the request line is written by configureApp's onResponse hook, which
          // costs a fraction of pino-http run through @fastify/middie (measured in docs/benchmarks.md).
          forRoutes: [],
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Pretty lines for a person watching a terminal in development; JSON lines otherwise (a file, a
            // pipe, a log collector), written straight to stdout without pino-pretty's worker thread.
            transport:
              config.NODE_ENV === 'development' && process.stdout.isTTY
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
          },
        }),
        TypeOrmModule.forRoot(appDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE)),
        RedisModule,
        AuthModule,
        ProgrammesModule,
        FirmsModule,
        GroupsModule,
        MeetingsModule,
        ParticipationModule,
      ],
      controllers: [HealthController],
    };
  }
}
