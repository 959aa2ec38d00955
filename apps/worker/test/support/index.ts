import { DynamicModule, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AuthHttpModule } from '@roundtable/server-auth';
import { AppConfig, createValidationPipe, ErrorFilter, InfrastructureModule } from '@roundtable/server-core';
import { MeetingEntity } from '@roundtable/server-data';
import { MeetingsHttpModule } from '@roundtable/server-meetings';
import { ParticipationHttpModule } from '@roundtable/server-participation';
import {
  createHttpTestApp,
  createTestContext,
  HttpTestApp,
  ProgrammeWorld,
  ReceivedMail,
  SignedIn,
  SmtpSink,
  TestContext,
  uid,
  until,
} from '@roundtable/server-testing';
import ICAL from 'ical.js';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../src/worker.module';

/** A notification row as these tests read it. */
export interface Row {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  user_id: string;
  booking_id: string | null;
  data: Record<string, unknown>;
  due_at: Date;
  sent_at: Date | null;
  skipped_reason: string | null;
  last_error: string | null;
  message_id: string | null;
}

/** The API's routes people use to change meetings, bookings and attendance, with its guard, validation and errors. */
@Module({})
class MailTestApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MailTestApiModule,
      imports: [InfrastructureModule.forRoot(config), AuthHttpModule, MeetingsHttpModule, ParticipationHttpModule],
    };
  }
}

/**
 * The API over the test file's own database: the same feature modules, global AuthGuard, validation pipe and
 * error filter as apps/api (an app cannot import another app, so it is assembled here from the libraries).
 */
export function startApi(databaseUrl: string): Promise<HttpTestApp> {
  return createHttpTestApp(
    {
      module: (config) => MailTestApiModule.forRoot(config),
      adapter: () => new FastifyAdapter(),
      configure: (app) => {
        app.setGlobalPrefix('api');
        app.useGlobalPipes(createValidationPipe());
        app.useGlobalFilters(new ErrorFilter());
        return Promise.resolve();
      },
    },
    { DATABASE_URL: databaseUrl },
  );
}

/** A worker (WorkerModule, as apps/worker runs it) in this process, on its own queue prefix, sending to `sink`. */
export function startWorker(databaseUrl: string, sink: SmtpSink, extra: Record<string, string> = {}): Promise<TestContext> {
  return createTestContext((config) => [WorkerModule.forRoot(config)], {
    DATABASE_URL: databaseUrl,
    SMTP_URL: sink.url,
    QUEUE_PREFIX: `{rt-test-${uid()}}`,
    RELAY_INTERVAL_MS: '200',
    MAIL_FROM: 'Roundtable <roundtable@mail.test>',
    PUBLIC_URL: 'https://roundtable.test',
    ...extra,
  });
}

/** A group meeting written as history loaded from elsewhere would be (any instant, to the second). */
export function saveGroupMeeting(
  db: DataSource,
  world: ProgrammeWorld,
  values: Partial<MeetingEntity> = {},
): Promise<MeetingEntity> {
  return db.manager.save(
    db.manager.create(MeetingEntity, {
      programmeId: world.programme.id,
      groupId: world.group.id,
      title: `Session ${uid()}`,
      agenda: '',
      startsAt: new Date(Date.now() + 7 * 86400_000),
      timezone: 'Europe/London',
      durationMinutes: 60,
      mode: 'online',
      onlineLink: 'https://meet.example/s',
      capacity: 12,
      status: 'scheduled',
      icalUid: `${randomUUID()}@roundtable.test`,
      icalSequence: 0,
      createdById: world.facilitator.user.id,
      ...values,
    }),
  );
}

export const rowsOf = (db: DataSource, meetingId: string, kind?: string): Promise<Row[]> =>
  db.query(`SELECT * FROM notification WHERE meeting_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at, id`, [
    meetingId,
    kind ?? null,
  ]);

/** Waits until `kind` rows for the meeting (and the person) exist and none is pending or queued, and returns them. */
export function settled(db: DataSource, meetingId: string, kind: string, userId?: string, timeoutMs?: number): Promise<Row[]> {
  return until(
    `${kind} to be settled`,
    async () => {
      const rows = (await rowsOf(db, meetingId, kind)).filter((r) => !userId || r.user_id === userId);
      return rows.length > 0 && rows.every((r) => r.status !== 'pending' && r.status !== 'queued') && rows;
    },
    timeoutMs,
  );
}

/** The one message the sink received for a sent row. */
export function mailFor(sink: SmtpSink, row: Row): ReceivedMail {
  expect(row.status).toBe('sent');
  const mails = sink.withMessageId(row.message_id as string);
  expect(mails).toHaveLength(1);
  return mails[0];
}

/** A message's text/calendar MIME parts (their Content-Type lines) and its calendar, parsed by ical.js. */
export function calendarOf(mail: ReceivedMail) {
  const parts = mail.raw.match(/Content-Type: text\/calendar[^\r\n]*/gi) ?? [];
  const ics = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8');
  if (!ics) throw new Error(`no text/calendar part in "${mail.parsed.subject ?? ''}"`);
  const component = new ICAL.Component(ICAL.parse(ics));
  const vevent = component.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { parts, component, vevent, event: new ICAL.Event(vevent) };
}

/** A header of a received message as text (mailparser keeps structured headers as objects). */
export function header(mail: ReceivedMail, name: string): string {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : '';
}

/** Books a seat through the API as `who`, and returns the booking. */
export async function book(api: HttpTestApp, who: SignedIn, meetingId: string): Promise<{ id: string; status: string }> {
  const res = await api.http.post(`/api/meetings/${meetingId}/bookings`).set(who.auth).send({});
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string };
}

/** The worker as its own process, from the TypeScript sources (as `npm start` runs the build), on `databaseUrl`. */
export function spawnWorkerProcess(databaseUrl: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: `${__dirname}/../../../..`,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
