import { InfrastructureModule } from '@roundtable/server-core';
import { NotificationWorkerModule } from '@roundtable/server-notifications';
import {
  createTestContext,
  ReceivedMail,
  separateTestDatabase,
  SmtpSink,
  startSmtpSink,
  TEST_DATABASE_URL,
  TestContext,
  uid,
} from '@roundtable/server-testing';
import { createTestApp, TestApp } from './app';

export interface ApiWithWorker {
  api: TestApp;
  /** Every message the worker has delivered. */
  sink: SmtpSink;
  /** The `n`th message (from 1) to `address`, once it has arrived. */
  mailTo: (address: string, n?: number, timeoutMs?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}

/**
 * The real API and the real notification worker (relay, BullMQ, delivery) sending to an SMTP server in this
 * process. They share a database of their own, `name`: a worker's relay takes every due row of its database.
 */
export async function startApiWithWorker(name: string, overrides: Record<string, string> = {}): Promise<ApiWithWorker> {
  const database = await separateTestDatabase(TEST_DATABASE_URL, name);
  let sink: SmtpSink | undefined;
  let api: TestApp | undefined;
  let worker: TestContext | undefined;
  const close = async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await database.drop();
  };
  try {
    sink = await startSmtpSink();
    const shared = { DATABASE_URL: database.url, ...overrides };
    api = await createTestApp(shared);
    worker = await createTestContext(
      (config) => [InfrastructureModule.forRoot(config, { poolSize: 6 }), NotificationWorkerModule],
      {
        ...shared,
        SMTP_URL: sink.url,
        QUEUE_PREFIX: `{rt-test-${uid()}}`,
        RELAY_INTERVAL_MS: '200',
        MAIL_FROM: 'Roundtable <roundtable@mail.test>',
      },
    );
  } catch (error) {
    await close();
    throw error;
  }
  const received = sink;
  const mailTo = async (address: string, n = 1, timeoutMs = 15_000): Promise<ReceivedMail> => {
    const started = Date.now();
    for (;;) {
      const mails = received.received.filter((m) => m.to.includes(address));
      if (mails.length >= n) return mails[n - 1];
      if (Date.now() - started > timeoutMs) throw new Error(`expected ${n} messages to ${address}, got ${mails.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { api, sink, mailTo, close };
}
