import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, InfrastructureModule } from '@roundtable/server-core';
import { MetricsWorkerModule } from '@roundtable/server-metrics';
import { NotificationWorkerModule } from '@roundtable/server-notifications';

/** The worker process: the same infrastructure as the API (config, logger, database, Redis), no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      // Each delivery holds a connection while its SMTP exchange lasts; the relay, schedules and metrics need a few more.
      imports: [
        InfrastructureModule.forRoot(config, { poolSize: config.WORKER_CONCURRENCY + 4 }),
        NotificationWorkerModule,
        MetricsWorkerModule,
      ],
    };
  }
}
