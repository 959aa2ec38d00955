// `npm run bench:api`: the production build of the API, started as `npm start` starts it (no
// settings but the database, port and Redis namespace), against a freshly seeded database, loaded
// from a separate process (tools/bench/load.mjs) over loopback. Measures, in the same run:
//   (a) 200 parallel GET /api/health, each on its own connection;
//   (b) 200 parallel bookings of one 12-seat open event by 200 members of 200 different firms, each
//       signed in through POST /api/auth/login moments before: the time until all are answered,
//       and the ratio b/a;
//   (c) another member's GET /api/me/meetings, back to back while (b) runs: p95;
//   (d) autocannon on GET /api/me/meetings, the API and the bare floor (tools/bench/floor-server.mjs)
//       alternately: the ratio of their requests per second.
// (a)–(c) are repeated in rounds, each with a new event and fresh logins; the median round is
// reported. Writes the figures to docs/benchmarks.md.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import pg from 'pg';
import { resetDatabase } from './database.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3100);
const FLOOR_PORT = PORT + 1;
const DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/roundtable_bench';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ALTERNATIONS = Number(process.env.BENCH_ALTERNATIONS ?? 3);
const WRITE = process.env.BENCH_WRITE !== '0';
const PEOPLE = 200;
const SEATS = 12;
const CONNECTIONS = 50;
const PASSWORD = 'bench-password-1';
const base = `http://127.0.0.1:${PORT}`;
const require = createRequire(import.meta.url);

// The settings npm start leaves at their defaults stay unset here too (NODE_ENV, LOG_LEVEL, pool size,
// session cache, login limits). Only where the API listens and what it connects to differ, and Redis keys
// get their own namespace so the login counters of other processes on this machine do not count.
const SETTINGS = [
  'NODE_ENV',
  'LOG_LEVEL',
  'DATABASE_POOL_SIZE',
  'SESSION_CACHE_SECONDS',
  'TRUST_PROXY',
  'LOGIN_WINDOW_SECONDS',
  'LOGIN_MAX_FAILURES_PER_ACCOUNT',
  'LOGIN_MAX_FAILURES_PER_ADDRESS',
  'LOGIN_ACCOUNT_FAILURE_CEILING',
  'INVITATION_ACCEPT_MAX_FAILURES_PER_ADDRESS',
];
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SETTINGS.includes(k)));
const env = {
  ...cleanEnv,
  DATABASE_URL: DB,
  PORT: String(PORT),
  PUBLIC_URL: base,
  REDIS_KEY_PREFIX: `rt-bench-${PORT}:`,
};

const sh = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
};

async function waitFor(url) {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** One JSON request from this process (set-up only, never measured). */
function call(method, path, { token, body, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path,
        method,
        localAddress,
        agent: false,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode >= 300) return reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          resolve(text ? JSON.parse(text) : null);
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Each member signs in from an address of their own (127.0.0.0/8 is all loopback), as people on their own machines do. */
const addressOf = (i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;

async function loginAll(people) {
  const tokens = new Array(people.length);
  let next = 0;
  // A few at a time, as a real rush of sign-ins arrives over a minute or so; argon2 is meant to be slow.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < people.length) {
        const i = next++;
        const session = await call('POST', '/api/auth/login', {
          body: { email: people[i], password: PASSWORD },
          localAddress: addressOf(i),
        });
        tokens[i] = session.token;
      }
    }),
  );
  return tokens;
}

/** Runs one task in the load-generator process. */
function inLoader(task) {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['tools/bench/load.mjs', JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(Buffer.concat(chunks).toString())) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

async function seed() {
  const { hash } = require('@node-rs/argon2');
  const { ARGON2_OPTIONS } = require('../../dist/libs/server/auth/src/password.service.js');
  const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS);
  const client = new pg.Client({ connectionString: DB });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM programme ORDER BY created_at LIMIT 1`);
    const programmeId = rows[0].id;
    // 200 firms of one person each, in the demo programme: open events are bookable by any firm of it.
    const { rows: people } = await client.query(
      `WITH f AS (
         INSERT INTO firm (programme_id, name, sic_code, employee_band, local_authority_code, postcode)
         SELECT $1, 'Benchmark Firm ' || i || ' Ltd', '62012', '5-9', 'S12000036', 'EH1 1AA' FROM generate_series(1, $2) i
         RETURNING id, name)
       INSERT INTO app_user (email, name, status, firm_id, password_hash, password_changed_at)
       SELECT 'bench-' || row_number() OVER (ORDER BY f.id) || '@bench.roundtable.local', 'Bench Person', 'active', f.id, $3, now()
         FROM f
       RETURNING email`,
      [programmeId, PEOPLE, passwordHash],
    );
    return { programmeId, people: people.map((p) => p.email).sort() };
  } finally {
    await client.end();
  }
}

async function round(programmeId, people, pm, prober, label) {
  const start = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
  const event = await call('POST', `/api/programmes/${programmeId}/events`, {
    token: pm,
    body: { title: `Benchmark open event ${label}`, localStart: `${start}T18:00`, durationMinutes: 90, capacity: SEATS },
  });
  const tokens = await loginAll(people);
  const health = await inLoader({
    kind: 'burst',
    base,
    requests: tokens.map(() => ({ method: 'GET', path: '/api/health' })),
  });
  const bookings = await inLoader({
    kind: 'burst',
    base,
    requests: tokens.map((token) => ({ method: 'POST', path: `/api/meetings/${event.id}/bookings`, token, body: {} })),
    probe: { path: '/api/me/meetings', token: prober },
  });
  const ok = bookings.answers.filter((a) => a.status === 201);
  const confirmed = ok.filter((a) => a.body.status === 'confirmed').length;
  const positions = ok
    .filter((a) => a.body.status === 'waitlisted')
    .map((a) => a.body.position)
    .sort((x, y) => x - y);
  const statuses = {};
  for (const a of bookings.answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  return {
    healthMs: health.totalMs,
    healthErrors: health.answers.filter((a) => a.status !== 200).length,
    bookingMs: bookings.totalMs,
    bookingP50: bookings.p50,
    bookingP95: bookings.p95,
    ratio: Math.round((bookings.totalMs / health.totalMs) * 100) / 100,
    confirmed,
    waitlisted: positions.length,
    gapFree: positions.every((p, i) => p === i + 1),
    fiveXX: bookings.answers.filter((a) => a.status >= 500 || a.status === 0).length,
    statuses,
    probe: bookings.probe,
  };
}

async function readPath(member) {
  const cannon = (port) =>
    inLoader({
      kind: 'autocannon',
      url: `http://127.0.0.1:${port}/api/me/meetings`,
      token: member,
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
  // Warm-up (JIT, pool connections, prepared statements), not reported.
  await cannon(PORT);
  await cannon(FLOOR_PORT);
  const app = [];
  const floor = [];
  for (let i = 0; i < ALTERNATIONS; i++) {
    app.push(await cannon(PORT));
    floor.push(await cannon(FLOOR_PORT));
  }
  const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
  return {
    app,
    floor,
    appRps: Math.round(sum(app, 'requests') / (ALTERNATIONS * SECONDS)),
    floorRps: Math.round(sum(floor, 'requests') / (ALTERNATIONS * SECONDS)),
    ratio: Math.round((sum(app, 'requests') / sum(floor, 'requests')) * 100) / 100,
  };
}

const median = (xs, key) => [...xs].sort((a, b) => a[key] - b[key])[Math.floor(xs.length / 2)];

async function main() {
  sh('bash', ['tools/ensure-services.sh']);
  if (process.env.BENCH_SKIP_BUILD !== '1') sh('npm', ['run', '--silent', 'build']);
  await resetDatabase(DB);
  sh('node', ['dist/apps/api/src/cli.js', 'bootstrap']);
  const redisClean = spawnSync('redis-cli', ['--scan', '--pattern', `${env.REDIS_KEY_PREFIX}*`], { encoding: 'utf8' });
  const stale = (redisClean.stdout ?? '').split('\n').filter(Boolean);
  if (stale.length) spawnSync('redis-cli', ['del', ...stale]);
  // As npm start runs it; its log lines (pretty-printed by default) go to /dev/null instead of a terminal.
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const api = spawn('node', [...nodeArgs, 'dist/apps/api/src/main.js'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const floorServer = spawn('node', ['tools/bench/floor-server.mjs', String(FLOOR_PORT)], { stdio: 'inherit', env });
  try {
    await waitFor(`${base}/api/health`);
    await waitFor(`http://127.0.0.1:${FLOOR_PORT}/api/me/meetings`);
    const { programmeId, people } = await seed();
    const pm = (
      await call('POST', '/api/auth/login', { body: { email: 'pm@demo.roundtable.local', password: 'roundtable-demo' } })
    ).token;
    const member = (
      await call('POST', '/api/auth/login', { body: { email: 'member@demo.roundtable.local', password: 'roundtable-demo' } })
    ).token;
    const upcoming = await call('GET', '/api/me/meetings', { token: member });
    if (!Array.isArray(upcoming) || upcoming.length === 0) throw new Error('the demo member has no upcoming meetings to list');
    const fromFloor = await fetch(`http://127.0.0.1:${FLOOR_PORT}/api/me/meetings`, {
      headers: { authorization: `Bearer ${member}` },
    }).then((r) => r.json());
    if (JSON.stringify(fromFloor) !== JSON.stringify(upcoming))
      throw new Error('the floor server does not answer as the API does');

    // Round 0 warms up (JIT, pool connections, prepared statements) and is not reported.
    await round(programmeId, people, pm, member, 'warm-up');
    const rounds = [];
    for (let i = 1; i <= ROUNDS; i++) {
      const r = await round(programmeId, people, pm, member, String(i));
      console.log(
        `round ${i}: health ${r.healthMs} ms, bookings ${r.bookingMs} ms (${r.ratio}×), ${r.confirmed}/${r.waitlisted}, ` +
          `me/meetings p95 ${r.probe.p95} ms over ${r.probe.count}, statuses ${JSON.stringify(r.statuses)}`,
      );
      rounds.push(r);
    }
    const read = await readPath(member);
    console.log(`read path: app ${read.appRps} req/s, floor ${read.floorRps} req/s, ${read.ratio}×`);
    const health = await inLoader({ kind: 'autocannon', url: `${base}/api/health`, connections: CONNECTIONS, seconds: SECONDS });

    const report = {
      date: new Date().toISOString(),
      upcomingCount: upcoming.length,
      rounds,
      burst: median(rounds, 'ratio'),
      probeP95: median(
        rounds.map((r) => r.probe),
        'p95',
      ).p95,
      read,
      health,
    };
    console.log(JSON.stringify({ ...report, rounds: undefined }, null, 2));
    if (WRITE) writeReport(report);
  } finally {
    floorServer.kill('SIGTERM');
    api.kill('SIGTERM');
    await new Promise((resolve) => api.on('exit', resolve));
  }
}

function writeReport(r) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL and Redis on the same machine`;
  const b = r.burst;
  const roundRow = (x, i) =>
    `| ${i + 1} | ${x.healthMs} | ${x.bookingMs} | ${x.ratio}× | ${x.bookingP50} / ${x.bookingP95} | ${x.confirmed} / ${x.waitlisted} | ${x.gapFree ? 'yes' : 'NO'} | ${x.fiveXX} | ${x.probe.p95} (${x.probe.count}) |`;
  const cannonRow = (name, x) => `| ${name} | ${x.rps} | ${x.p50} | ${x.p95} | ${x.p99} | ${x.requests} | ${x.non2xx} |`;
  const section = `## API (\`npm run bench:api\`)

Last run: ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${machine}.

The production build (\`npm run build\`, \`node dist/apps/api/src/main.js\`) started as \`npm start\` starts it: no
settings but the database, the port and a Redis key namespace of its own, so NODE_ENV=development and LOG_LEVEL=info
(one pretty-printed line per request, here to /dev/null), a pool of 20 connections, the 10 s session cache and the
production login limits. The load comes from a separate process (\`tools/bench/load.mjs\`) over loopback.

Rush of bookings: ${PEOPLE} members of ${PEOPLE} different firms, each signed in through \`POST /api/auth/login\` (each
from a loopback address of their own) just before, book one ${SEATS}-seat open event at once, each request on a new
connection; just before, ${PEOPLE} parallel \`GET /api/health\` the same way. Meanwhile the demo member requests
\`GET /api/me/meetings\` back to back (${r.upcomingCount} meetings). ${ROUNDS} rounds after a warm-up round, each
with a new event and fresh logins; times in ms until the last answer.

| round | (a) 200 × health | (b) 200 × booking | b/a | booking p50 / p95 | confirmed / waitlisted | gap-free | 5xx | (c) me/meetings p95 (requests) |
|---|---|---|---|---|---|---|---|---|
${r.rounds.map(roundRow).join('\n')}

Median round: the burst is answered in **${b.bookingMs} ms**, **${b.ratio}×** the health rush (goal ≤ 3×); the member's
\`GET /api/me/meetings\` p95 while it runs (median over rounds) is **${r.probeP95} ms** (goal < 50 ms).

Read path: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run after a warm-up of each, alternating ${ALTERNATIONS} times
between the API and the floor (\`tools/bench/floor-server.mjs\`: node:http and a pg pool of the same size running
the API's own cached session lookup and prepared statement, nothing else).

| server | req/s per run | p95 per run (ms) |
|---|---|---|
| API | ${r.read.app.map((x) => x.rps).join(', ')} | ${r.read.app.map((x) => x.p95).join(', ')} |
| floor | ${r.read.floor.map((x) => x.rps).join(', ')} | ${r.read.floor.map((x) => x.p95).join(', ')} |

The API serves **${r.read.ratio}×** the requests per second of the floor (${r.read.appRps} against ${r.read.floorRps}; goal ≥ 0.8).

| route (autocannon, ${CONNECTIONS} connections, ${SECONDS} s) | req/s | p50 | p95 | p99 | requests | non-2xx |
|---|---|---|---|---|---|---|
${cannonRow('GET /api/health (PostgreSQL + Redis ping)', r.health)}
`;
  const file = 'docs/benchmarks.md';
  let doc;
  try {
    doc = readFileSync(file, 'utf8');
  } catch {
    doc = '# Benchmarks\n\nFigures from the `npm run bench:*` scripts, with the machine and the date of the run.\n\n';
  }
  const marker = /## API \(`npm run bench:api`\)[\s\S]*?(?=\n## |$)/;
  doc = marker.test(doc) ? doc.replace(marker, section) : `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(file, doc);
  spawnSync('npx', ['prettier', '--write', file], { stdio: 'ignore' });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
