import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** How the sink answers a message: take it, refuse it for now (4xx), or refuse it for good (5xx). */
export type SinkMode = 'accept' | 'temporary' | 'permanent';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  /** The SMTP envelope's recipients. */
  to: string[];
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  mode: SinkMode;
  /** Resolves when at least `count` messages have arrived; fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Messages whose Message-ID is `messageId`. */
  withMessageId(messageId: string): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process (smtp-server), parsing what arrives with mailparser. Set
 * `mode` to answer 451 or 550 to every message; `delayMs` holds each message after its data before
 * answering (a client that dies meanwhile has still delivered it), `delayBeforeDataMs` holds the sender
 * before it may send the data (a client that dies meanwhile has delivered nothing).
 */
export async function startSmtpSink(options: { delayMs?: number; delayBeforeDataMs?: number } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sink = {} as SmtpSink;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!options.delayBeforeDataMs) return callback();
      setTimeout(() => callback(), options.delayBeforeDataMs);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const answer = async () => {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          if (sink.mode === 'temporary') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          if (sink.mode === 'permanent') return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({ raw, parsed: await simpleParser(raw), to: session.envelope.rcptTo.map((r) => r.address) });
          for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
          callback(null);
        };
        void answer();
      });
    },
  });
  // A client that dies mid-conversation (a killed worker) resets its connection: not the sink's failure.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  Object.assign(sink, {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    mode: 'accept' as SinkMode,
    waitFor(count: number, timeoutMs = 15_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} messages within ${timeoutMs} ms, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    withMessageId(messageId: string) {
      return received.filter((m) => m.parsed.messageId === messageId);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return sink;
}
