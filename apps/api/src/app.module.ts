import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
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
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            // One line per request with what an operator needs; headers (and so credentials) stay out.
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            // Request lines are logged at info: below that level, skip the per-request work entirely.
            autoLogging:
              config.NODE_ENV !== 'test' && ['info', 'debug', 'trace'].includes(config.LOG_LEVEL)
                ? // Fastify runs Nest middleware through @fastify/middie, which strips the matched path from
                  // req.url while the middleware runs; originalUrl keeps the whole path.
                  { ignore: (req) => ((req as { originalUrl?: string }).originalUrl ?? req.url) === '/api/health' }
                : false,
            transport: config.NODE_ENV === 'development' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
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
