// `npm start`: services, build, database (create, migrate, seed), then three processes side by side:
// a local inbox (maildev: an SMTP server and a web page showing every email it receives), the worker
// (relays the outbox and sends the email) and the API serving the web app. `npm run dev` builds the server only
// and adds Vite's dev server for the web app (hot reload on 5173). Prints where everything is and the demo logins
// once they answer. Ctrl-C (or SIGTERM) stops all three and waits for them; a second Ctrl-C kills them.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r;
};

/** Whether something already listens on the port (the API binds every interface, the inbox loopback only). */
const portTaken = (port, host) =>
  new Promise((resolve) => {
    const server = createServer()
      .once('error', (err) =>
        err.code === 'EAFNOSUPPORT' && host === '::' ? resolve(portTaken(port, '0.0.0.0')) : resolve(err.code === 'EADDRINUSE'),
      )
      .once('listening', () => server.close(() => resolve(false)))
      .listen(port, host);
  });

const port = Number(process.env.PORT ?? 3000);
// The inbox takes the mail the worker sends to SMTP_URL (by default smtp://127.0.0.1:1025) when that is
// this machine without credentials; a real mail server in SMTP_URL means no inbox.
const smtp = new URL(process.env.SMTP_URL || 'smtp://127.0.0.1:1025');
const smtpIsLocal = smtp.protocol === 'smtp:' && ['127.0.0.1', 'localhost', '[::1]'].includes(smtp.hostname) && !smtp.username;
const inbox = { smtpPort: Number(smtp.port || 587), webPort: Number(process.env.MAILDEV_WEB_PORT ?? 1080) };

if (await portTaken(port, '::')) {
  console.error(
    `Port ${port} is in use (another \`npm start\`?): stop what holds it, or choose another port: PORT=3100 npm start`,
  );
  process.exit(1);
}

run('bash', ['tools/ensure-services.sh']);
// `npm run dev` (--dev): the web app from Vite's dev server with hot reload on 5173, proxying /api here.
const dev = process.argv.includes('--dev');
run('npm', ['run', '--silent', dev ? 'build:server' : 'build']);
const boot = run('node', ['dist/apps/api/src/cli.js', 'bootstrap'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
process.stdout.write(boot.stdout);

let inboxNote = null;
if (!smtpIsLocal) {
  inboxNote = `not started: SMTP_URL sends the email to ${smtp.host}`;
} else {
  const taken = [];
  if (await portTaken(inbox.smtpPort, '127.0.0.1')) taken.push(`${inbox.smtpPort} (its SMTP port, from SMTP_URL)`);
  if (await portTaken(inbox.webPort, '127.0.0.1')) taken.push(`${inbox.webPort} (its web page, MAILDEV_WEB_PORT)`);
  if (taken.length) {
    inboxNote = `not started: port ${taken.join(' and port ')} in use`;
    console.warn(
      `\nThe local inbox was not started: port ${taken.join(' and port ')} ${taken.length > 1 ? 'are' : 'is'} in use.\n` +
        `If that is a maildev left from another run, its page is still http://localhost:${inbox.webPort}; otherwise stop\n` +
        `what holds the port, or choose others: SMTP_URL=smtp://127.0.0.1:2025 MAILDEV_WEB_PORT=2080 npm start\n`,
    );
  }
}

// Each child in its own process group, so a Ctrl-C reaches them once, from here, as SIGTERM: a second
// signal would cut short the worker's graceful finish of the emails it is sending.
const children = [];
let stopping = false;
let exitCode = 0;
const start = (name, args, options = {}) => {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true, ...options });
  child.label = name;
  children.push(child);
  child.on('exit', (code, signal) => {
    children.splice(children.indexOf(child), 1);
    if (!stopping) {
      console.error(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest.`);
      exitCode = 1;
      stop();
    }
    if (children.length === 0) process.exit(exitCode);
  });
  return child;
};

function stop() {
  if (stopping) {
    // A second Ctrl-C: no more waiting.
    for (const child of children) child.kill('SIGKILL');
    return;
  }
  stopping = true;
  if (children.length) console.log(`\nStopping ${children.map((c) => c.label).join(', ')}…`);
  for (const child of children) child.kill('SIGTERM');
  // The worker finishes the emails in hand within WORKER_SHUTDOWN_MS (20 s by default).
  setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), 30_000).unref();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
// `npm start` runs this under `sh -c`, and npm's SIGTERM ends the shell without reaching here: when the
// process that started this one, or the one that started that (npm), goes away, whatever the signal
// (even SIGKILL), stop as if signalled. (The grandparent is read from /proc where there is one.)
const parentOf = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
  } catch {
    return null;
  }
};
const parent = process.ppid;
const grandparent = parentOf(parent);
setInterval(() => (process.ppid !== parent || parentOf(parent) !== grandparent) && stop(), 500).unref();
// Whatever ends this process, no child outlives it.
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

if (!inboxNote) {
  const maildev = start(
    'the inbox',
    [
      'node_modules/maildev/dist/bin/maildev.js',
      ...['--ip', '127.0.0.1', '--web-ip', '127.0.0.1'],
      ...['--smtp', String(inbox.smtpPort), '--web', String(inbox.webPort)],
      // In memory, the newest 500: it is a development inbox.
      ...['--max-emails', '500'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [maildev.stdout, maildev.stderr]) {
    createInterface({ input: stream }).on('line', (line) => line.trim() && console.log(`[inbox] ${line}`));
  }
}
start('the worker', ['dist/apps/worker/src/main.js']);
start('the API', ['dist/apps/api/src/main.js']);
if (dev) start('the web dev server', ['node_modules/vite/bin/vite.js', '--config', 'apps/web/vite.config.mts', '--strictPort']);

const answers = (url) =>
  fetch(url).then(
    (r) => r.ok,
    () => false,
  );
const health = () =>
  fetch(`http://127.0.0.1:${port}/api/health`).then(
    async (r) => (r.ok ? r.json() : null),
    () => null,
  );

const started = Date.now();
let apiUp = null;
let inboxUp = inboxNote !== null;
for (;;) {
  if (stopping) break;
  apiUp = await health();
  // maildev 3 answers its health at /api/healthz (its email API is /api/email; the page is / for a browser).
  if (!inboxUp) inboxUp = await answers(`http://127.0.0.1:${inbox.webPort}/api/healthz`);
  // The worker says it is alive within a second or two of the API; do not wait for it for long.
  const workerUp = apiUp?.worker?.status === 'up' || Date.now() - started > 20_000;
  if (apiUp && inboxUp && workerUp) break;
  if (Date.now() - started > 60_000) {
    const missing = [!apiUp && `the API (${port})`, !inboxUp && `the inbox (${inbox.webPort})`].filter(Boolean);
    console.error(`\nStill no answer from ${missing.join(' or ')} after a minute; see the log above.`);
    break;
  }
  await new Promise((r) => setTimeout(r, 200));
}

if (apiUp && !stopping) {
  const logins = boot.stdout.split('\n').filter((l) => l.startsWith('  ') && l.includes('@'));
  const worker =
    apiUp.worker?.status === 'up'
      ? `sending the outbox's email to ${smtp.protocol}//${smtp.host}`
      : 'not answering yet (see its log above); the API works without it and the email waits';
  console.log(`
Roundtable is running.
  Web app        ${dev ? 'http://localhost:5173   (Vite, hot reload)' : `http://localhost:${port}   (sign in with a demo login below)`}
  API            http://localhost:${port}/api
  API docs       http://localhost:${port}/api/docs   (OpenAPI JSON at /api/openapi.json)
  Health         http://localhost:${port}/api/health
  Inbox          ${inboxNote ?? `http://localhost:${inbox.webPort}   (${inboxUp ? 'every email the app sends lands here; none leaves this machine' : 'not answering yet'})`}
  Worker         ${worker}
  Queues         http://localhost:${port}/api/admin/queues   (admins: sign in to the web app first)
${logins.length ? `\nDemo logins (the web app's sign-in page, or POST /api/auth/login):\n${logins.join('\n')}\n` : ''}
The demo data sends no email; what you do does (book a seat, invite someone) and shows up in the inbox.
Press Ctrl-C to stop.`);
}
