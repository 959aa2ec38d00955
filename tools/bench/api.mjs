// `npm run bench:api`: a production build of the API against a freshly seeded database, loaded
// with autocannon from this process over loopback. Measures (a) a member's upcoming meetings,
// (b) the bare health route, in the same run, and (c) a burst of 200 parallel bookings for a
// 12-seat open event. Writes the figures to docs/benchmarks.md.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const PORT = Number(process.env.BENCH_PORT ?? 3100);
const DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/roundtable_bench';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const base = `http://127.0.0.1:${PORT}`;

const sh = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
};

async function resetDatabase() {
  const admin = new URL(DB);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
}

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('API did not come up');
}

async function login(email) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'roundtable-demo' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

const round = (ms) => Math.round(ms * 10) / 10;

function load(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = {};
    const instance = autocannon(
      { url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, headers },
      (err, result) => {
        if (err) return reject(err);
        times.sort((x, y) => x - y);
        const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
        resolve({
          path,
          requests: result.requests.total,
          rps: Math.round(result.requests.average),
          p50: round(pct(50)),
          p95: round(pct(95)),
          p99: round(pct(99)),
          non2xx: result.non2xx,
          errors: result.errors,
          statuses,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

/** 200 people of one firm, with sessions issued directly (hashing 200 passwords is not what we measure). */
async function burstMembers(client, programmeId, n) {
  const { rows } = await client.query(
    `INSERT INTO firm (programme_id, name, sic_code, employee_band, local_authority_code, postcode)
     VALUES ($1, 'Benchmark Collective Ltd', '62012', '50-249', 'S12000036', 'EH1 1AA') RETURNING id`,
    [programmeId],
  );
  const tokens = [];
  for (let i = 0; i < n; i++) {
    const user = await client.query(
      `INSERT INTO app_user (email, name, status, firm_id) VALUES ($1, $2, 'active', $3) RETURNING id`,
      [`bench-${i}-${randomBytes(3).toString('hex')}@bench.roundtable.local`, `Bench Person ${i}`, rows[0].id],
    );
    const token = randomBytes(32).toString('base64url');
    await client.query(`INSERT INTO session (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
      user.rows[0].id,
      createHash('sha256').update(token).digest('hex'),
    ]);
    tokens.push(token);
  }
  return tokens;
}

async function burst(pmToken, programmeId, tokens) {
  const start = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
  const created = await fetch(`${base}/api/programmes/${programmeId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${pmToken}` },
    body: JSON.stringify({ title: 'Benchmark open event', localStart: `${start}T18:00`, durationMinutes: 90, capacity: 12 }),
  });
  if (!created.ok) throw new Error(`create event: ${created.status} ${await created.text()}`);
  const meeting = await created.json();
  const t0 = performance.now();
  const results = await Promise.all(
    tokens.map((token) =>
      fetch(`${base}/api/meetings/${meeting.id}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ),
  );
  const totalMs = Math.round(performance.now() - t0);
  const confirmed = results.filter((r) => r.body.status === 'confirmed').length;
  const positions = results
    .filter((r) => r.body.status === 'waitlisted')
    .map((r) => r.body.position)
    .sort((a, b) => a - b);
  const gapFree = positions.every((p, i) => p === i + 1);
  const fiveXX = results.filter((r) => r.status >= 500).length;
  return { totalMs, confirmed, waitlisted: positions.length, gapFree, fiveXX };
}

async function main() {
  sh('bash', ['tools/ensure-services.sh']);
  sh('npm', ['run', '--silent', 'build']);
  await resetDatabase();
  const env = { DATABASE_URL: DB, NODE_ENV: 'production', PORT: String(PORT), LOG_LEVEL: 'warn', PUBLIC_URL: base };
  sh('node', ['dist/apps/api/src/cli.js', 'bootstrap'], env);
  const api = spawn('node', ['dist/apps/api/src/main.js'], { stdio: 'inherit', env: { ...process.env, ...env } });
  try {
    await waitForHealth();
    const member = await login('member@demo.roundtable.local');
    const pm = await login('pm@demo.roundtable.local');
    const upcoming = await fetch(`${base}/api/me/meetings`, { headers: { authorization: `Bearer ${member}` } }).then((r) =>
      r.json(),
    );
    if (!Array.isArray(upcoming) || upcoming.length === 0) throw new Error('the demo member has no upcoming meetings to list');

    // Warm-up runs (JIT, connection pools, prepared statements), not reported.
    await load('/api/health');
    await load('/api/me/meetings', { authorization: `Bearer ${member}` });
    const health = await load('/api/health');
    const meetings = await load('/api/me/meetings', { authorization: `Bearer ${member}` });

    const client = new pg.Client({ connectionString: DB });
    await client.connect();
    const { rows } = await client.query(`SELECT id FROM programme ORDER BY created_at LIMIT 1`);
    const tokens = await burstMembers(client, rows[0].id, 200);
    await client.end();
    const b = await burst(pm, rows[0].id, tokens);

    const report = { date: new Date().toISOString(), upcomingCount: upcoming.length, health, meetings, burst: b };
    console.log(JSON.stringify(report, null, 2));
    writeReport(report);
  } finally {
    api.kill('SIGTERM');
  }
}

function writeReport(r) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL and Redis on the same machine`;
  const ratio = (r.meetings.rps / r.health.rps).toFixed(2);
  const row = (name, x) => `| ${name} | ${x.rps} | ${x.p50} | ${x.p95} | ${x.p99} | ${x.requests} | ${x.non2xx} |`;
  const section = `## API (\`npm run bench:api\`)

Last run: ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${machine}.

Production build (\`npm run build\`, NODE_ENV=production, LOG_LEVEL=warn so request logs do not dominate), one API
process with the default settings (among them SESSION_CACHE_SECONDS=10: a resolved session is served from memory and
dropped at once on any change, see docs/architecture.md), the demo seed. autocannon in the same process as the script, ${CONNECTIONS} connections, ${DURATION} s per route
after a warm-up; latencies in ms measured per response. The login throttle is the production one; no other rate
limit applies to these routes.

| route | req/s | p50 | p95 | p99 | requests | non-2xx |
|---|---|---|---|---|---|---|
${row('(b) GET /api/health (PostgreSQL + Redis ping)', r.health)}
${row(`(a) GET /api/me/meetings (demo member, ${r.upcomingCount} meetings)`, r.meetings)}

(a) runs at **${ratio}×** the requests per second of (b) (goal ≥ 0.5) with p95 **${r.meetings.p95} ms** (goal < 50 ms).

(c) 200 parallel booking requests from 200 different members for a 12-seat open event: answered in
**${r.burst.totalMs} ms** in total (goal < 2 s): ${r.burst.confirmed} confirmed, ${r.burst.waitlisted} waitlisted,
positions gap-free: ${r.burst.gapFree ? 'yes' : 'NO'}, 5xx: ${r.burst.fiveXX}.
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
