import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@roundtable/server-core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The worker: a Nest application context (no HTTP server) running the notification relay, the
 * deliveries and the recurring schedules. Several may run at once; nothing is sent twice.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM and SIGINT close the application: the worker finishes the deliveries in hand, then exits with
  // code 0 (process.exit, rather than Nest's default of raising the signal again, also lets the logger flush).
  app.enableShutdownHooks([], { useProcessExit: true });
  await app.init();
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
