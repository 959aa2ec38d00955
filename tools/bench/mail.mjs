// `npm run bench:mail`: reminders through the real pipeline — outbox rows owed by the booking trigger,
// the relay, BullMQ, the worker (the production build, default settings), nodemailer — to a local
// SMTP server in its own process, against plain nodemailer sending the same emails (composed by the
// same code) to the same server from its own process, in the same run. Then the same with two worker
// processes. Writes the figures to docs/benchmarks.md (BENCH_WRITE=0 to only print them).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import readline from 'node:readline';
import pg from 'pg';
import { resetDatabase } from './database.mjs';

const require = createRequire(import.meta.url);
const DB = process.env.BENCH_MAIL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/roundtable_bench_mail';
const COUNT = Number(process.env.BENCH_MAIL_COUNT ?? 5000);
const WRITE = process.env.BENCH_WRITE !== '0';
/** Time to write the rows before they fall due, so the measured clock starts at the due time. */
const LEAD_MS = 15_000;
const OFFSET_MINUTES = 60;
/** Extra node options for the worker processes (a profiler, say); none when measuring. */
const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];

const sh = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
};

/** The SMTP server process; `ask('count'|'reset')` answers its counters. */
async function startSink() {
  const child = spawn('node', ['tools/bench/smtp-sink.mjs'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const first = await new Promise((resolve) => waiting.push(resolve));
  const ask = (command) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      child.stdin.write(`${command}\n`);
    });
  return { port: first.port, ask, stop: () => child.kill('SIGTERM') };
}

function runPlain(port, concurrency) {
  const r = spawnSync('node', ['tools/bench/plain-mailer.mjs', JSON.stringify({ port, count: COUNT, concurrency })], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error('plain mailer failed');
  return JSON.parse(r.stdout).ms;
}

/**
 * COUNT people with a confirmed seat at meetings starting OFFSET_MINUTES after `dueAt`, in a programme
 * whose one reminder is OFFSET_MINUTES before: the booking trigger owes COUNT reminders, all due at `dueAt`.
 * (The booking confirmations it owes too are set aside: the reminders are what is measured.)
 */
async function oweReminders(client, label, dueAt) {
  const { rows } = await client.query(
    `INSERT INTO programme (name, region, funder, timezone, reminder_offsets_minutes)
     VALUES ($1, 'Bench', 'Bench', 'Europe/London', ARRAY[$2::int]) RETURNING id`,
    [`Mail benchmark ${label}`, OFFSET_MINUTES],
  );
  const programmeId = rows[0].id;
  await client.query(
    `INSERT INTO app_user (email, name, status, timezone)
     SELECT 'mail-' || $1 || '-' || i || '@bench.roundtable.local', 'Bench Person ' || i, 'active', 'Europe/London'
       FROM generate_series(1, $2) i`,
    [label, COUNT],
  );
  const meetings = Math.ceil(COUNT / 1000);
  await client.query(
    `INSERT INTO meeting (programme_id, title, agenda, starts_at, timezone, duration_minutes, mode, venue, capacity, status, ical_uid)
     SELECT $1, 'Benchmark session ' || i, '', $2::timestamptz + make_interval(mins => $3), 'Europe/London', 90, 'in_person',
            'The Bench, Inverness', 1000, 'scheduled', 'mail-bench-' || $4 || '-' || i || '@roundtable.local'
       FROM generate_series(1, $5) i`,
    [programmeId, dueAt.toISOString(), OFFSET_MINUTES, label, meetings],
  );
  await client.query(
    `WITH people AS (
       SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM app_user WHERE email LIKE 'mail-' || $1 || '-%'),
     rooms AS (SELECT id, row_number() OVER (ORDER BY ical_uid) - 1 AS r FROM meeting WHERE programme_id = $2)
     INSERT INTO booking (meeting_id, user_id, status, confirmed_at)
     SELECT rooms.id, people.id, 'confirmed', now() FROM people JOIN rooms ON rooms.r = people.k / 1000`,
    [label, programmeId],
  );
  await client.query(
    `UPDATE notification SET status = 'skipped', skipped_reason = 'benchmark: not measured'
      WHERE kind = 'booking_confirmed' AND status = 'pending'`,
  );
  const { rows: owed } = await client.query(
    `SELECT count(*)::int AS n FROM notification n JOIN meeting m ON m.id = n.meeting_id
      WHERE m.programme_id = $1 AND n.kind = 'reminder' AND n.due_at = $2`,
    [programmeId, dueAt.toISOString()],
  );
  if (owed[0].n !== COUNT) throw new Error(`expected ${COUNT} reminders owed, found ${owed[0].n}`);
  return programmeId;
}

const peakRssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024);
};

async function runPipeline(client, sink, label, workers) {
  await sink.ask('reset');
  const dueAt = new Date(Date.now() + LEAD_MS);
  const programmeId = await oweReminders(client, label, dueAt);
  const env = {
    ...process.env,
    DATABASE_URL: DB,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    QUEUE_PREFIX: `{rt-bench-mail-${process.pid}}`,
    LOG_LEVEL: 'warn',
  };
  for (const key of ['NODE_ENV', 'WORKER_CONCURRENCY', 'RELAY_INTERVAL_MS', 'DATABASE_POOL_SIZE']) delete env[key];
  const children = Array.from({ length: workers }, () =>
    spawn('node', [...nodeArgs, 'dist/apps/worker/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  try {
    const started = Date.now();
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE n.status = 'sent')::int AS sent,
                count(*) FILTER (WHERE n.status NOT IN ('sent', 'pending', 'queued'))::int AS other
           FROM notification n JOIN meeting m ON m.id = n.meeting_id WHERE m.programme_id = $1 AND n.kind = 'reminder'`,
        [programmeId],
      );
      if (rows[0].other > 0) throw new Error(`${rows[0].other} reminders were not sent (skipped or failed)`);
      if (rows[0].sent === COUNT) break;
      if (Date.now() - started > LEAD_MS + 600_000) throw new Error(`only ${rows[0].sent} of ${COUNT} sent in time`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const memory = children.map((c) => peakRssMb(c.pid));
    const { rows } = await client.query(
      `SELECT extract(epoch FROM max(n.sent_at) - $2::timestamptz) * 1000 AS elapsed_ms,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.sent_at - n.due_at)) * 1000 AS p50_ms,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM n.sent_at - n.due_at)) * 1000 AS p95_ms
         FROM notification n JOIN meeting m ON m.id = n.meeting_id WHERE m.programme_id = $1 AND n.kind = 'reminder'`,
      [programmeId, dueAt.toISOString()],
    );
    const received = (await sink.ask('count')).count;
    if (received !== COUNT) throw new Error(`the SMTP server received ${received} messages for ${COUNT} reminders`);
    const r = rows[0];
    return {
      workers,
      elapsedMs: Math.round(r.elapsed_ms),
      perSecond: Math.round((COUNT / r.elapsed_ms) * 1000),
      p50Ms: Math.round(r.p50_ms),
      p95Ms: Math.round(r.p95_ms),
      peakRssMb: memory,
    };
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise((resolve) => {
            c.once('exit', resolve);
            c.kill('SIGTERM');
          }),
      ),
    );
  }
}

async function main() {
  sh('bash', ['tools/ensure-services.sh']);
  if (process.env.BENCH_SKIP_BUILD !== '1') sh('npm', ['run', '--silent', 'build']);
  await resetDatabase(DB, { create: true });
  sh('node', ['dist/apps/api/src/cli.js', 'migrate'], { DATABASE_URL: DB });
  const { loadConfig } = require('../../dist/libs/server/core/src/index.js');
  const concurrency = loadConfig({}).WORKER_CONCURRENCY;
  const sink = await startSink();
  const client = new pg.Client({ connectionString: DB });
  await client.connect();
  try {
    runPlain(sink.port, concurrency); // warm-up, not reported
    await sink.ask('reset');
    const plainMs = runPlain(sink.port, concurrency);
    const plain = { elapsedMs: plainMs, perSecond: Math.round((COUNT / plainMs) * 1000) };
    console.log(`plain nodemailer: ${COUNT} in ${plainMs} ms (${plain.perSecond}/s)`);
    const one = await runPipeline(client, sink, 'one', 1);
    console.log(`pipeline, 1 worker: ${JSON.stringify(one)}`);
    const two = await runPipeline(client, sink, 'two', 2);
    console.log(`pipeline, 2 workers: ${JSON.stringify(two)}`);
    const report = {
      date: new Date().toISOString(),
      concurrency,
      plain,
      one,
      two,
      ratio: Math.round((one.perSecond / plain.perSecond) * 100) / 100,
      secondWorker: Math.round(((two.perSecond - one.perSecond) / one.perSecond) * 100) / 100,
    };
    console.log(JSON.stringify(report, null, 2));
    if (WRITE) writeReport(report);
  } finally {
    await client.end();
    sink.stop();
  }
}

function writeReport(r) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL and Redis on the same machine`;
  const row = (name, x) =>
    `| ${name} | ${x.elapsedMs} | ${x.perSecond} | ${x.p50Ms ?? '–'} / ${x.p95Ms ?? '–'} | ${x.peakRssMb ? x.peakRssMb.join(', ') : '–'} |`;
  const section = `## Mail (\`npm run bench:mail\`)

Last run: ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${machine}.

${COUNT} reminders fall due at one moment: owed by the booking trigger for ${COUNT} confirmed seats, relayed from the
outbox into BullMQ, delivered by the worker (the production build, \`node dist/apps/worker/src/main.js\`, default
settings: ${r.concurrency} deliveries at a time, the relay every second) through nodemailer to a local SMTP server in its
own process (\`tools/bench/smtp-sink.mjs\`, which only counts). Against it, in the same run: plain nodemailer in its
own process (\`tools/bench/plain-mailer.mjs\`) sending the same ${COUNT} emails, composed by the same code, over a pool of
the same ${r.concurrency} connections. Times from the due moment until the last message was accepted; latency is each
reminder's time from due to accepted by the SMTP server.

| sender | ms for ${COUNT} | per second | due → sent p50 / p95 (ms) | worker peak RSS (MB) |
|---|---|---|---|---|
${row('plain nodemailer', r.plain)}
${row('pipeline, 1 worker', r.one)}
${row('pipeline, 2 workers', r.two)}

The pipeline delivers **${r.ratio}×** the rate of plain nodemailer (goal ≥ 0.5×); the p95 from due to delivered is
**${r.one.p95Ms} ms** with one worker (goal < 5 s); a second worker process adds **${r.secondWorker}×** the first's
throughput (goal ≥ 0.6×).
`;
  const file = 'docs/benchmarks.md';
  let doc = readFileSync(file, 'utf8');
  const marker = /## Mail \(`npm run bench:mail`\)[\s\S]*?(?=\n## |$)/;
  doc = marker.test(doc) ? doc.replace(marker, section) : `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(file, doc);
  spawnSync('npx', ['prettier', '--write', file], { stdio: 'ignore' });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
