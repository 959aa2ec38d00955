import { DynamicModule, NestApplicationOptions, Type } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { GroupFormat } from '@roundtable/domain';
import { AppConfig } from '@roundtable/server-core';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { testConfig } from './config';
import { Fixtures, fixturesFor, localStartIn, SignedIn, uid } from './fixtures';

export interface HttpTestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: DataSource;
  config: AppConfig;
  fixtures: Fixtures;
  close(): Promise<void>;
}

/** How an app is assembled and configured: the app passes its own root module, adapter and setup. */
export interface HttpAppRecipe {
  module(config: AppConfig): DynamicModule | Type;
  adapter(config: AppConfig): FastifyAdapter;
  options?: NestApplicationOptions;
  configure(app: NestFastifyApplication, config: AppConfig): Promise<unknown>;
}

/** A real application (real PostgreSQL, real Redis) behind supertest, assembled as `recipe` says. */
export async function createHttpTestApp(recipe: HttpAppRecipe, overrides: Record<string, string> = {}): Promise<HttpTestApp> {
  const config = testConfig(overrides);
  const moduleRef = await Test.createTestingModule({ imports: [recipe.module(config)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(recipe.adapter(config), {
    ...recipe.options,
    logger: false,
  });
  await recipe.configure(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    fixtures: fixturesFor(app),
    close: () => app.close(),
  };
}

/** The Set-Cookie header of a response for one cookie, e.g. `rt_session=…; Path=/; HttpOnly; SameSite=Lax`. */
export function setCookie(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const header = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
  return cookies.find((c) => c.startsWith(`${name}=`));
}

/**
 * Schedules a meeting through the API and returns its id: a group meeting with `groupId`, an open
 * event with `programmeId`. A meeting `days` in the past has started (attendance can be taken): the
 * API refuses new meetings in the past, so it is scheduled for tomorrow and then moved back in the
 * database, as history loaded from elsewhere would be.
 */
export async function scheduleMeeting(
  t: Pick<HttpTestApp, 'http' | 'db'>,
  by: SignedIn,
  opts: { groupId?: string; programmeId?: string; days: number; mode?: GroupFormat; capacity?: number; title?: string },
): Promise<string> {
  const path = opts.groupId ? `/api/groups/${opts.groupId}/meetings` : `/api/programmes/${opts.programmeId}/events`;
  const res = await t.http
    .post(path)
    .set(by.auth)
    .send({
      title: opts.title ?? `Session ${uid()}`,
      localStart: localStartIn(Math.max(opts.days, 1)),
      durationMinutes: 120,
      mode: opts.mode,
      // An open event needs a capacity; a group meeting takes the group's.
      capacity: opts.capacity ?? (opts.groupId ? undefined : 30),
    });
  if (res.status !== 201) throw new Error(`Scheduling failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (opts.days < 1) {
    await t.db.query(`UPDATE meeting SET starts_at = starts_at + make_interval(days => $2) WHERE id = $1`, [
      res.body.id,
      opts.days - 1,
    ]);
  }
  return res.body.id as string;
}
