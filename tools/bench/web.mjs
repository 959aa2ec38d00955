// `npm run bench:web`: the web app as people get it. The production build (`npm run build`), started as
// `npm start` starts it (its own database seeded with the demo programme, the API serving the built app,
// the worker sending to a local SMTP sink), measured with Debian's Chromium on this machine:
//   (a) the bundle: the initial JavaScript (what index.html loads before anything else: the entry and the
//       chunks it preloads) and every lazy chunk, gzip as the API serves them (tools/compress-web.mjs, level 9);
//   (b) the time until a signed-in member's "My sessions" shows its meetings, cold (a new browser profile)
//       and warm (a reload), phone and desktop;
//   (c) the time from a click on "Book" until the page shows the new state;
//   (d) Lighthouse 12 (pinned in package.json) on the sign-in page, "My sessions" and the facilitator's
//       session page, phone and desktop: the category scores.
// Real sign-ins through POST /api/auth/login. Writes its figures to the "## Web" section of docs/benchmarks.md.
// The functions handed to page.evaluate and addInitScript run in the browser:
/* global window, document, requestAnimationFrame, MutationObserver */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { resetDatabase } from './database.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/roundtable_bench_web';
const WEB_DIR = process.env.WEB_OUT_DIR ?? 'dist/apps/web';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WRITE = process.env.BENCH_WRITE !== '0';
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== '0';
const DEMO = {
  password: 'roundtable-demo',
  member: 'member@demo.roundtable.local',
  facilitator: 'facilitator1@demo.roundtable.local',
};
const base = `http://localhost:${PORT}`;
const AIMS = { initialKb: 150, sessionsMs: 1000, bookingMs: 100, performance: 95, accessibility: 100 };

// What the bench waits for on pages other people build; each is a role or a data-testid they keep.
const SELECTORS = {
  // "My sessions" has shown its meetings: each meeting is an <article> (MeetingCard) in <main>, and no
  // loading status is left in <main>.
  meeting: 'main article',
  loading: 'main [role="status"]',
  // Each meeting's booking controls (BookingButton).
  booking: '[data-testid="booking"]',
};

const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NODE_ENV', 'LOG_LEVEL'].includes(k))),
  DATABASE_URL: DB,
  PORT: String(PORT),
  PUBLIC_URL: base,
  WEB_DIR,
  REDIS_KEY_PREFIX: `rt-bench-web-${PORT}:`,
  QUEUE_PREFIX: `{rt-bench-web-${PORT}}`,
};

const sh = (cmd, args, extra = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extra } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** kB of 1000 bytes, one decimal. */
const kb = (bytes) => Math.round(bytes / 100) / 10;

// ---------------------------------------------------------------------------------------------- (a)

function bundle() {
  const html = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const size = (file) => {
    const body = readFileSync(join(WEB_DIR, file));
    return {
      file,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const all = readdirSync(join(WEB_DIR, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => size(`assets/${f}`));
  const first = all.filter((c) => initial.includes(c.file));
  const lazy = all.filter((c) => !initial.includes(c.file)).sort((a, b) => b.gzip - a.gzip);
  const css = readdirSync(join(WEB_DIR, 'assets'))
    .filter((f) => f.endsWith('.css'))
    .map((f) => size(`assets/${f}`));
  const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
  return {
    initial: first,
    initialGzip: sum(first, 'gzip'),
    initialBrotli: sum(first, 'brotli'),
    initialRaw: sum(first, 'raw'),
    lazy,
    lazyGzip: sum(lazy, 'gzip'),
    cssGzip: sum(css, 'gzip'),
  };
}

// ---------------------------------------------------------------------------------------------- stack

async function waitFor(url) {
  for (let i = 0; i < 240; i++) {
    const up = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function login(email) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO.password }),
  });
  if (!res.ok) throw new Error(`signing in ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

async function api(token, path) {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function startSink() {
  const child = spawn('node', ['tools/bench/smtp-sink.mjs'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  return new Promise((resolve) => lines.once('line', (line) => resolve({ child, port: JSON.parse(line).port })));
}

/** A meeting the facilitator runs: their groups' next scheduled one (else any they can see). */
async function facilitatorMeeting(token) {
  const groups = await api(token, '/api/me/groups').catch(() => []);
  for (const group of Array.isArray(groups) ? groups : (groups.items ?? [])) {
    const meetings = await api(token, `/api/groups/${group.id}/meetings`).catch(() => []);
    const list = Array.isArray(meetings) ? meetings : (meetings.items ?? []);
    const next = list.find((m) => m.status === 'scheduled' && new Date(m.startsAt) > new Date()) ?? list[0];
    if (next) return next.id;
  }
  const mine = await api(token, '/api/me/meetings');
  if (!mine.length) throw new Error('the demo facilitator has no meeting to run');
  return mine[0].id;
}

// ---------------------------------------------------------------------------------------------- (b), (c)

const VIEWPORTS = {
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
};

async function newPage(browser, viewport, token) {
  const context = await browser.newContext({
    ...VIEWPORTS[viewport],
    baseURL: base,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  await context.addCookies([{ name: 'rt_session', value: token, url: base, httpOnly: true, sameSite: 'Lax' }]);
  // Records, from the document's start, when "My sessions" first shows its meetings (and paints them).
  await context.addInitScript((sel) => {
    const check = () => {
      if (window.__sessionsShown) return;
      if (document.querySelector(sel.meeting) && !document.querySelector(sel.loading)) {
        const found = performance.now();
        window.__sessionsShown = { found };
        requestAnimationFrame(() => (window.__sessionsShown.painted = performance.now()));
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  }, SELECTORS);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

async function sessionsShown(page) {
  await page.waitForFunction(() => window.__sessionsShown?.painted !== undefined);
  return page.evaluate(() => window.__sessionsShown.painted);
}

async function measureSessions(browser, token, viewport) {
  const cold = [];
  const warm = [];
  let jsBytes = 0;
  let jsFiles = 0;
  for (let i = 0; i < RUNS; i++) {
    const page = await newPage(browser, viewport, token);
    const js = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() === 'script') js.push(request);
    });
    await page.goto('/sessions');
    cold.push(await sessionsShown(page));
    if (i === 0) {
      const sizes = await Promise.all(js.map((r) => r.sizes()));
      jsBytes = sizes.reduce((s, x) => s + x.responseBodySize, 0);
      jsFiles = js.length;
    }
    await page.reload();
    warm.push(await sessionsShown(page));
    await page.context().close();
  }
  return { cold: cold.map(Math.round), warm: warm.map(Math.round), jsBytes, jsFiles };
}

/** The member pages' own words for the booking button, from their catalogue (so the bench follows the wording). */
function bookLabel() {
  const text = readFileSync('apps/web/src/i18n/en/member.ts', 'utf8');
  return text.match(/'member\.booking\.book':\s*'([^']+)'/)?.[1] ?? 'Book a seat';
}

/** Its id, from the card's link to the meeting page, else by its title among the member's meetings. */
async function meetingIdOf(page, card) {
  const href = await card
    .locator('a[href*="/meetings/"]')
    .first()
    .getAttribute('href', { timeout: 1000 })
    .catch(() => null);
  const id = href?.match(/\/meetings\/([0-9a-f-]{36})/)?.[1];
  if (id) return id;
  const title = (await card.getByRole('heading').first().textContent()).trim();
  const mine = await (await page.request.get('/api/me/meetings?limit=100')).json();
  return mine.find((m) => m.title === title)?.id;
}

/**
 * A click on "Book" (on "My sessions", else on the open events) and the time until the page shows the new
 * state; then the seat is given back for the next run.
 */
async function measureBooking(browser, token, viewport) {
  const page = await newPage(browser, viewport, token);
  const label = bookLabel();
  const times = [];
  let where = null;
  for (let i = 0; i < RUNS; i++) {
    let card = null;
    for (const path of ['/sessions', '/events']) {
      await page.goto(path);
      await page.locator(SELECTORS.booking).first().waitFor();
      await page.waitForLoadState('networkidle');
      const bookable = page.locator(SELECTORS.meeting).filter({
        has: page.locator(SELECTORS.booking).getByRole('button', { name: label, exact: true }),
      });
      if (await bookable.count()) {
        card = bookable.first();
        where = path;
        break;
      }
    }
    if (!card) throw new Error(`no meeting offers "${label}" to the demo member on /sessions or /events`);
    const meetingId = await meetingIdOf(page, card);
    const box = card.locator(SELECTORS.booking);
    // In the page: the click's time (capture phase), then the first frame in which the booking controls no
    // longer offer that button.
    await box.evaluate((el, before) => {
      window.__booked = {};
      el.addEventListener('click', () => (window.__booked.click = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const labels = [...el.querySelectorAll('button')].map((b) => b.textContent.trim());
        if (window.__booked.click !== undefined && !labels.includes(before)) {
          observer.disconnect();
          window.__booked.changed = performance.now();
          requestAnimationFrame(() => (window.__booked.painted = performance.now()));
        }
      });
      observer.observe(el, { childList: true, subtree: true, characterData: true });
    }, label);
    const answered = page.waitForResponse((r) => r.url().includes('/bookings') && r.request().method() === 'POST');
    await box.getByRole('button', { name: label, exact: true }).click();
    await page.waitForFunction(() => window.__booked.painted !== undefined);
    times.push(await page.evaluate(() => window.__booked.painted - window.__booked.click));
    await answered;
    if (!meetingId) throw new Error('could not tell which meeting was booked');
    const res = await page.request.delete(`/api/meetings/${meetingId}/bookings/mine`);
    if (!res.ok()) throw new Error(`giving the seat back: ${res.status()} ${await res.text()}`);
  }
  await page.context().close();
  return { times: times.map((t) => Math.round(t * 10) / 10), where };
}

// ---------------------------------------------------------------------------------------------- (d)

async function runLighthouse(pages) {
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chromeLauncher = await import('chrome-launcher');
  const { version } = JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8'));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const rows = [];
  try {
    for (const { name, path, token } of pages) {
      for (const formFactor of ['phone', 'desktop']) {
        const flags = {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
          ...(token && { extraHeaders: { Cookie: `rt_session=${token}` } }),
        };
        const result = await lighthouse(`${base}${path}`, flags, formFactor === 'desktop' ? desktopConfig : undefined);
        const { categories, audits, finalDisplayedUrl } = result.lhr;
        const score = (k) => Math.round((categories[k]?.score ?? 0) * 100);
        const row = {
          name,
          formFactor,
          url: finalDisplayedUrl.replace(base, ''),
          performance: score('performance'),
          accessibility: score('accessibility'),
          bestPractices: score('best-practices'),
          fcp: Math.round(audits['first-contentful-paint'].numericValue),
          lcp: Math.round(audits['largest-contentful-paint'].numericValue),
          tbt: Math.round(audits['total-blocking-time'].numericValue),
          cls: Math.round(audits['cumulative-layout-shift'].numericValue * 1000) / 1000,
          failing: Object.values(audits)
            .filter((a) => a.score !== null && a.score < 1 && categories.accessibility.auditRefs.some((r) => r.id === a.id))
            .map((a) => a.id),
        };
        console.log(`lighthouse ${name} ${formFactor}: ${JSON.stringify(row)}`);
        rows.push(row);
      }
    }
  } finally {
    chrome.kill();
  }
  return { version, rows };
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  sh('bash', ['tools/ensure-services.sh']);
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    sh('npm', ['run', '--silent', 'build:server']);
    sh('npx', ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { WEB_OUT_DIR: WEB_DIR });
    sh('node', ['tools/compress-web.mjs', WEB_DIR]);
  }
  if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR}/index.html is missing: build first`);
  const size = bundle();
  console.log(
    `initial JS: ${kb(size.initialGzip)} kB gzip (${size.initial.map((c) => c.file).join(', ')}); ${size.lazy.length} lazy chunks`,
  );

  await resetDatabase(DB);
  sh('node', ['dist/apps/api/src/cli.js', 'bootstrap']);
  const stale = (spawnSync('redis-cli', ['--scan', '--pattern', `${env.REDIS_KEY_PREFIX}*`], { encoding: 'utf8' }).stdout ?? '')
    .split('\n')
    .filter(Boolean);
  if (stale.length) spawnSync('redis-cli', ['del', ...stale]);
  const sink = await startSink();
  const processEnv = { ...env, SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
  const apiProcess = spawn('node', ['dist/apps/api/src/main.js'], { stdio: ['ignore', 'ignore', 'inherit'], env: processEnv });
  const worker = spawn('node', ['dist/apps/worker/src/main.js'], { stdio: ['ignore', 'ignore', 'inherit'], env: processEnv });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    await waitFor(`${base}/api/health`);
    const member = await login(DEMO.member);
    const facilitator = await login(DEMO.facilitator);
    const upcoming = await api(member, '/api/me/meetings');
    const runMeeting = await facilitatorMeeting(facilitator);

    // Warm-up (the API's JIT, pool connections, the first compile of each route): not reported.
    const warmUp = await newPage(browser, 'desktop', member);
    await warmUp.goto('/sessions');
    await sessionsShown(warmUp);
    await warmUp.context().close();

    const sessions = {};
    const booking = {};
    for (const viewport of ['phone', 'desktop']) {
      sessions[viewport] = await measureSessions(browser, member, viewport);
      console.log(`My sessions ${viewport}: ${JSON.stringify(sessions[viewport])}`);
      booking[viewport] = await measureBooking(browser, member, viewport);
      console.log(`booking ${viewport}: ${JSON.stringify(booking[viewport])}`);
    }
    await browser.close();

    const lighthouse = LIGHTHOUSE
      ? await runLighthouse([
          { name: 'Sign in', path: '/login' },
          { name: 'My sessions (member)', path: '/sessions', token: await login(DEMO.member) },
          {
            name: "Session page (facilitator's run page)",
            path: `/meetings/${runMeeting}/run`,
            token: await login(DEMO.facilitator),
          },
        ])
      : null;

    const report = {
      date: new Date().toISOString(),
      load: os.loadavg(),
      size,
      sessions,
      booking,
      lighthouse,
      upcomingCount: upcoming.length,
    };
    if (WRITE) writeReport(report);
  } finally {
    await browser.close().catch(() => undefined);
    for (const child of [apiProcess, worker]) child.kill('SIGTERM');
    await Promise.all(
      [apiProcess, worker].map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve() : c.on('exit', resolve)))),
    );
    sink.child.kill('SIGTERM');
  }
}

function writeReport(r) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const chromium = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n').pop();
  const machine = `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chromium}; PostgreSQL and Redis on the same machine; load average ${r.load.map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end`;
  const s = r.size;
  const mark = (ok) => (ok ? 'met' : '**not met**');
  const lazyRows = s.lazy
    .filter((c) => c.gzip >= 1024)
    .map((c) => `| ${c.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')} | ${kb(c.raw)} | ${kb(c.gzip)} |`);
  const small = s.lazy.filter((c) => c.gzip < 1024);
  const sessionRow = (v) => {
    const x = r.sessions[v];
    return `| ${v} | ${median(x.cold)} | ${x.cold.join(', ')} | ${median(x.warm)} | ${x.warm.join(', ')} | ${kb(x.jsBytes)} kB in ${x.jsFiles} files |`;
  };
  const bookingRow = (v) => `| ${v} | ${median(r.booking[v].times)} | ${r.booking[v].times.join(', ')} |`;
  const sessionsWorst = Math.max(median(r.sessions.phone.cold), median(r.sessions.desktop.cold));
  const bookingWorst = Math.max(median(r.booking.phone.times), median(r.booking.desktop.times));
  const lh = r.lighthouse;
  const lhRows = lh
    ? lh.rows.map(
        (x) =>
          `| ${x.name} | ${x.formFactor} | ${x.performance} | ${x.accessibility} | ${x.bestPractices} | ${x.fcp} | ${x.lcp} | ${x.tbt} | ${x.cls} | ${x.failing.join(', ') || '–'} |`,
      )
    : [];
  const lhMet = lh && lh.rows.every((x) => x.performance >= AIMS.performance && x.accessibility >= AIMS.accessibility);
  const section = `## Web (\`npm run bench:web\`)

Last run: ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${machine}.

The production build (\`vite build\`, then \`tools/compress-web.mjs\`), served by the API as \`npm start\` serves it, with
the worker running, on a database of its own seeded with the demo programme (\`cli.js bootstrap\`). Real sign-ins
(\`POST /api/auth/login\`); Chromium through playwright-core, no network or CPU throttling, over loopback.

| aim | figure | |
|---|---|---|
| initial JavaScript under ${AIMS.initialKb} kB gzip | **${kb(s.initialGzip)} kB** (${kb(s.initialBrotli)} kB brotli, ${kb(s.initialRaw)} kB minified) | ${mark(s.initialGzip < AIMS.initialKb * 1024)} |
| "My sessions" complete in under 1 s (cold, median) | **${sessionsWorst} ms** (slower of phone and desktop) | ${mark(sessionsWorst < AIMS.sessionsMs)} |
| a booking's new state on screen in under 100 ms (median) | **${bookingWorst} ms** | ${mark(bookingWorst < AIMS.bookingMs)} |
| Lighthouse performance ≥ 95 and accessibility 100 | ${lh ? lh.rows.map((x) => `${x.performance}/${x.accessibility}`).join(', ') : 'not run'} | ${lh ? mark(lhMet) : '–'} |

### Bundle

Gzip at level 9, as the API sends it (brotli when the browser takes it). The initial JavaScript is what
\`index.html\` loads: ${s.initial.map((c) => `\`${c.file}\` (${kb(c.gzip)} kB)`).join(', ')}. Everything else is fetched when
a page needs it: each page is a chunk, the signed-in shell is a chunk, every page's messages are one chunk
fetched with the first page, and what two or more chunks share is one chunk, \`shared\` (\`apps/web/chunking.ts\`). CSS: ${kb(s.cssGzip)} kB gzip. ${s.lazy.length} lazy chunks, ${kb(s.lazyGzip)} kB gzip together:

| lazy chunk | minified kB | gzip kB |
|---|---|---|
${lazyRows.join('\n')}
| ${small.length} chunks under 1 kB gzip | ${kb(small.reduce((a, c) => a + c.raw, 0))} | ${kb(small.reduce((a, c) => a + c.gzip, 0))} |

### "My sessions"

The demo member (${r.upcomingCount} upcoming meetings), signed in, opens \`/sessions\`: the time from the start of
navigation until the page shows its meetings (a \`${SELECTORS.meeting}\` present, no loading status left in
\`<main>\`), to the next frame painted. Cold: a new browser profile (empty cache); warm: a reload. ${RUNS} runs each, ms.

| viewport | cold median | cold runs | warm median | warm runs | JavaScript fetched (cold, as sent) |
|---|---|---|---|---|---|
${sessionRow('phone')}
${sessionRow('desktop')}

### Booking

On \`${r.booking.desktop.where}\`, a click on the booking button ("${bookLabel()}") of a meeting with a free seat: the
time from the click until the first frame in which the booking controls no longer offer that button (the new
state: booked, or on the waiting list). The seat is given back between runs. ${RUNS} runs each, ms.

| viewport | median | runs |
|---|---|---|
${bookingRow('phone')}
${bookingRow('desktop')}

### Lighthouse

${
  lh
    ? `Lighthouse ${lh.version} (pinned), Debian's Chromium headless; phone is Lighthouse's default mobile run (simulated
slow 4G and a 4× slower CPU), desktop its desktop configuration. Signed-in pages get the session cookie as a header.
FCP, LCP and TBT in ms.

| page | form factor | performance | accessibility | best practices | FCP | LCP | TBT | CLS | accessibility audits not passed |
|---|---|---|---|---|---|---|---|---|---|
${lhRows.join('\n')}`
    : 'Not run (BENCH_LIGHTHOUSE=0).'
}
`;
  const file = 'docs/benchmarks.md';
  let doc;
  try {
    doc = readFileSync(file, 'utf8');
  } catch {
    doc = '# Benchmarks\n\nFigures from the `npm run bench:*` scripts, with the machine and the date of the run.\n\n';
  }
  const marker = /## Web \(`npm run bench:web`\)[\s\S]*?(?=\n## (?!#)|$)/;
  doc = marker.test(doc) ? doc.replace(marker, section) : `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(file, doc);
  spawnSync('npx', ['prettier', '--write', file], { stdio: 'ignore' });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
