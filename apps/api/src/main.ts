import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@roundtable/server-core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp, createAdapter } from './configure';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createAdapter(config), {
    ...APP_OPTIONS,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await configureApp(app, config);
  // Every interface, as Node's own default: IPv6 and IPv4 on '::', IPv4 alone where the host has no IPv6.
  await app.listen(config.PORT, '::').catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EAFNOSUPPORT') throw err;
    await app.listen(config.PORT, '0.0.0.0');
  });
  app.get(Logger).log(`Roundtable API on ${config.PUBLIC_URL}/api (docs at ${config.PUBLIC_URL}/api/docs)`);
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
