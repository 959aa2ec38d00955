// The baseline of `npm run bench:mail`, in its own process: the same reminder emails, composed by the
// same code (libs/server/mail, from the build), sent with plain nodemailer over a pool of the same
// size as the worker's, as fast as it goes. argv[2]: {"port", "count", "concurrency"}. Prints {"ms"}.
import { createRequire } from 'node:module';
import nodemailer from 'nodemailer';

const require = createRequire(import.meta.url);
const { composeEmail, toNodemailerMessage } = require('../../dist/libs/server/mail/src/index.js');
const { port, count, concurrency } = JSON.parse(process.argv[2]);

const transport = nodemailer.createTransport({ pool: true, maxConnections: concurrency, host: '127.0.0.1', port, secure: false });
const startsAt = new Date(Date.now() + 3600_000);

function message(i) {
  const now = new Date();
  const composed = composeEmail({
    kind: 'reminder',
    recipient: { name: `Bench Person ${i}`, email: `bench-${i}@bench.roundtable.local`, timezone: 'Europe/London' },
    appUrl: 'http://localhost:3000',
    now,
    offsetMinutes: 60,
    unsubscribeUrl: `http://localhost:3000/api/unsubscribe/bench-${i}`,
    openCommitments: [],
    meeting: {
      icalUid: `bench-${i}@roundtable.local`,
      icalSequence: 0,
      title: 'Benchmark session',
      agenda: null,
      startsAt,
      durationMinutes: 90,
      timezone: 'Europe/London',
      mode: 'in_person',
      venue: 'The Bench, Inverness',
      onlineLink: null,
      url: 'http://localhost:3000/meetings/bench',
      groupName: 'Benchmark group',
    },
  });
  return toNodemailerMessage(composed, {
    from: 'Roundtable <roundtable@localhost>',
    to: { name: `Bench Person ${i}`, address: `bench-${i}@bench.roundtable.local` },
    messageId: `<plain-${i}@localhost>`,
    sentAt: now,
  });
}

const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail(message(i));
    }
  }),
);
const ms = performance.now() - t0;
transport.close();
console.log(JSON.stringify({ ms: Math.round(ms) }));
