import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppConfig } from '@roundtable/server-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppModule } from './app.module';
import { APP_OPTIONS, buildOpenApi, createAdapter } from './configure';

/** The document as committed: two-space JSON with a final newline, so a regenerated copy compares byte for byte. */
export const serialiseOpenApi = (document: OpenAPIObject): string => `${JSON.stringify(document, null, 2)}\n`;

/**
 * Writes the OpenAPI document from the application's modules in preview mode: nothing is instantiated, so
 * neither the database nor Redis is needed (the `openapi` test checks it equals the running API's).
 */
export async function writeOpenApi(config: AppConfig, file: string): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createAdapter(config), {
    ...APP_OPTIONS,
    preview: true,
    logger: ['error'],
  });
  try {
    app.setGlobalPrefix('api');
    const { document } = buildOpenApi(app);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serialiseOpenApi(document));
  } finally {
    await app.close();
  }
}
