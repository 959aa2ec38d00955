import { separateTestDatabase, SmtpSink, startSmtpSink, TEST_DATABASE_URL } from '@roundtable/server-testing';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { Client } from 'pg';
import { Browser, chromium } from 'playwright-core';

/** The demo logins `npm start` prints; the browser tests sign in as these people. */
export const DEMO = {
  password: 'roundtable-demo',
  admin: 'admin@demo.roundtable.local',
  manager: 'pm@demo.roundtable.local',
  facilitator: 'facilitator1@demo.roundtable.local',
  member: 'member@demo.roundtable.local',
} as const;

/** The whole product as a newcomer runs it, for one browser test file. */
export interface Stack {
  /** http://localhost:<port>: the API and the web app it serves. */
  url: string;
  /** Its own database, seeded with the demo programme. */
  databaseUrl: string;
  /** Every email the worker sends arrives here, parsed. */
  mail: SmtpSink;
  browser: Browser;
  /** One SQL query against the stack's database (to read what a journey did, or to arrange what the UI cannot). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
  });

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The API did not answer within ${timeoutMs} ms:\n${output()}`);
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => `${name}:\n${log}` };
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });

/**
 * Starts the built product (`npm run build`: dist/) on its own database seeded with the demo programme, its
 * own Redis key space and queue, with the worker sending to an in-process SMTP server, and Debian's Chromium.
 */
export async function startStack(label: string): Promise<Stack> {
  const webDir = process.env.E2E_WEB_DIR ?? 'dist/apps/web';
  for (const file of ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', `${webDir}/index.html`]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  const database = await separateTestDatabase(TEST_DATABASE_URL, `e2e_${label}`);
  const mail = await startSmtpSink();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    PORT: String(port),
    PUBLIC_URL: url,
    WEB_DIR: webDir,
    SMTP_URL: mail.url,
    REDIS_KEY_PREFIX: `rt-e2e-${label}-${port}:`,
    QUEUE_PREFIX: `{rt-e2e-${label}-${port}}`,
    RELAY_INTERVAL_MS: '250',
  };
  const seeded = spawnSync(process.execPath, ['dist/apps/api/src/cli.js', 'bootstrap'], { env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`Seeding the demo programme failed:\n${seeded.stdout}\n${seeded.stderr}`);
  const api = launch('api', 'dist/apps/api/src/main.js', env);
  const worker = launch('worker', 'dist/apps/worker/src/main.js', env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    await waitForHealth(url, api.child, () => `${api.output()}\n${worker.output()}`);
  } catch (error) {
    await Promise.all([browser.close(), stopped(api.child), stopped(worker.child), mail.close(), db.end()]);
    await database.drop();
    throw error;
  }
  return {
    url,
    databaseUrl: database.url,
    mail,
    browser,
    sql: async <T>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as T[],
    async close() {
      await browser.close();
      await Promise.all([stopped(api.child), stopped(worker.child)]);
      await Promise.all([mail.close(), db.end()]);
      await database.drop();
    },
  };
}
