import { hash } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from '@roundtable/server-auth';
import { withDataSource } from '@roundtable/server-core';
import { ensureDatabase } from '@roundtable/server-data';
import { refreshMetrics } from '@roundtable/server-metrics';
import { oweBriefs, oweRecaps } from '@roundtable/server-notifications';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { ScaleProgress } from './scale-progress';
import { ScaleRng } from './scale-random';
import { Counters, newCounters, SessionWriter } from './scale-sessions';
import { buildStructure, structureTables } from './scale-structure';
import { ColumnTable, flushTables, scaleTables } from './scale-tables';

export const SCALE_PASSWORD = 'roundtable-scale';
export const SCALE_SKIPPED_REASON = 'scale seed';

export interface ScaleOptions {
  /** 1 is the national set (50 programmes … 1,000,000 bookings); 0.001 a thousandth of it. */
  scale: number;
  /** "Now" for the data: sessions before it are history, after it still to come. Default: today, 00:00 UTC. */
  anchor: Date;
  /** Drop and recreate the database first (it must otherwise be empty). */
  reset: boolean;
  /** Build the metrics summaries in-process at the end (otherwise the worker does, from the marks). */
  refresh: boolean;
  seed: number;
}

export interface ScaleResult {
  counts: Record<string, number>;
  logins: { role: string; email: string; password: string }[];
  seconds: { data: number; metrics: number };
}

/** `seed:scale [--scale 0.1] [--reset] [--anchor 2026-05-01] [--no-refresh] [--seed 9]` */
export function parseScaleArgs(args: string[], today = new Date()): ScaleOptions {
  const options: ScaleOptions = {
    scale: 1,
    anchor: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())),
    reset: false,
    refresh: true,
    seed: 9,
  };
  for (let i = 0; i < args.length; i++) {
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${args[i - 1]} needs a value`);
      return v;
    };
    switch (args[i]) {
      case '--scale':
        options.scale = Number(value());
        if (!(options.scale > 0 && options.scale <= 10)) throw new Error('--scale must be a number above 0 and at most 10');
        break;
      case '--anchor':
        options.anchor = new Date(`${value()}T00:00:00Z`);
        if (Number.isNaN(options.anchor.getTime())) throw new Error('--anchor must be a date like 2026-05-01');
        break;
      case '--seed':
        options.seed = Number.parseInt(value(), 10);
        break;
      case '--reset':
        options.reset = true;
        break;
      case '--no-refresh':
        options.refresh = false;
        break;
      default:
        throw new Error(
          `Unknown option ${args[i]}; usage: seed:scale [--scale N] [--reset] [--anchor YYYY-MM-DD] [--no-refresh] [--seed N]`,
        );
    }
  }
  return options;
}

/**
 * The triggers that owe emails (the outbox) and mark metrics slices. They guard no invariant, and on a million
 * invented rows they would owe a million emails about history and a million and a half marks; they are disabled
 * inside the seed's one transaction (DDL is transactional: a failure or a crash leaves them enabled), the marks are
 * written once per slice at the end instead. The capacity guards, checks and foreign keys stay on.
 */
const QUIET_TRIGGERS: [table: string, trigger: string][] = [
  ['meeting', 'trg_meeting_notifications'],
  ['meeting', 'metrics_mark_meeting'],
  ['booking', 'trg_booking_notifications'],
  ['booking', 'metrics_mark_booking'],
  ['attendance', 'metrics_mark_attendance'],
  ['membership', 'trg_membership_notifications'],
  ['application', 'trg_application_notifications'],
];

/** Creates (or with `reset`, recreates) and migrates the database, then fills it with the national data set. */
export async function seedScale(url: string, options: ScaleOptions, progress = new ScaleProgress()): Promise<ScaleResult> {
  if (options.reset) await dropDatabase(url);
  await ensureDatabase(url);
  return withDataSource(url, async (ds) => {
    await ds.runMigrations({ transaction: 'each' });
    const [{ used }]: { used: boolean }[] = await ds.query(
      'SELECT EXISTS (SELECT 1 FROM programme) OR EXISTS (SELECT 1 FROM app_user) AS used',
    );
    if (used)
      throw new Error(`Database ${new URL(url).pathname.slice(1)} is not empty: run with --reset to drop and recreate it`);
    const started = Date.now();
    const { counts, logins } = await writeData(ds, options, progress);
    const data = (Date.now() - started) / 1000;
    const metricsStarted = Date.now();
    if (options.refresh) await buildMetrics(ds, progress);
    const [{ bytes }]: { bytes: string }[] = await ds.query('SELECT pg_database_size(current_database()) AS bytes');
    counts.databaseBytes = Number(bytes);
    return {
      counts,
      logins: logins.map((l) => ({ ...l, password: SCALE_PASSWORD })),
      seconds: { data, metrics: (Date.now() - metricsStarted) / 1000 },
    };
  });
}

async function writeData(
  ds: DataSource,
  options: ScaleOptions,
  progress: ScaleProgress,
): Promise<{ counts: Record<string, number>; logins: { role: string; email: string }[] }> {
  const rng = new ScaleRng(options.seed);
  const passwordHash = await hash(SCALE_PASSWORD, ARGON2_OPTIONS);
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction();
    for (const [table, trigger] of QUIET_TRIGGERS) await qr.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    const structure = structureTables();
    const built = buildStructure(rng, options.scale, options.anchor, passwordHash, structure);
    progress.start(
      'programmes and firms',
      Object.values(structure).reduce((s, t) => s + t.rows, 0),
    );
    let written = 0;
    for (const table of Object.values(structure) as ColumnTable[]) {
      // Tens of thousands of rows at most: one statement a table.
      const rows = table.rows;
      const statement = table.take();
      if (statement) await qr.query(statement[0], statement[1]);
      progress.set((written += rows));
    }
    progress.finish(
      `${built.counts.programmes} programmes, ${built.counts.groups} groups, ${built.counts.firms} firms, ${built.counts.members} members`,
    );

    const tables = scaleTables();
    const n: Counters = newCounters();
    const writer = new SessionWriter(rng, options.anchor, tables, n);
    progress.start('sessions and bookings', built.groups.length);
    let flushing: Promise<void> = Promise.resolve();
    const programmesDone = new Set<string>();
    for (let i = 0; i < built.groups.length; i++) {
      const group = built.groups[i];
      writer.group(group);
      const next = built.groups[i + 1];
      if (!next || next.programme !== group.programme) {
        if (!programmesDone.has(group.programme.id)) writer.programme(group.programme);
        programmesDone.add(group.programme.id);
      }
      if (tables.booking.rows >= 25_000 || !next) {
        // Generate the next groups while PostgreSQL writes these: one flush in flight at a time.
        await flushing;
        flushing = flushTables(qr, tables);
      }
      progress.set(i + 1);
      // Lets the driver read the answer to one statement and send the next while generation goes on.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await flushing;
    progress.finish(`${n.meeting.toLocaleString('en-GB')} meetings, ${n.booking.toLocaleString('en-GB')} bookings`);

    progress.start('marks and outbox', 1);
    // The worker claims marks oldest first and rebuilds a claimed group's whole-group summaries (members, actions)
    // once per batch: a microsecond apart in group order, a batch holds a few groups' months, not 200 groups.
    await qr.query(
      `INSERT INTO metrics_dirty (group_id, month, marked_at)
       SELECT group_id, month, now() + row_number() OVER (ORDER BY group_id, month) * interval '1 microsecond'
         FROM (SELECT DISTINCT m.group_id, metrics_month(m.starts_at, p.timezone) AS month
                 FROM meeting m JOIN programme p ON p.id = m.programme_id WHERE m.group_id IS NOT NULL) slices
       ON CONFLICT DO NOTHING`,
    );
    for (const [table, trigger] of QUIET_TRIGGERS) await qr.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    await skipSeedNotifications(qr);
    await qr.commitTransaction();
    await qr.query('ANALYZE');
    progress.finish('every group-month marked for the metrics');
    const [row]: Record<string, string>[] = await qr.query(
      `SELECT (SELECT count(*) FROM programme) AS programmes, (SELECT count(*) FROM peer_group) AS groups,
              (SELECT count(*) FROM firm) AS firms, (SELECT count(*) FROM app_user WHERE firm_id IS NOT NULL) AS members,
              (SELECT count(*) FROM meeting) AS meetings, (SELECT count(*) FROM booking) AS bookings,
              (SELECT count(*) FROM attendance) AS attendance, (SELECT count(*) FROM action_commitment) AS commitments,
              (SELECT count(*) FROM feedback) AS feedback`,
    );
    return { counts: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])), logins: built.logins };
  } catch (err) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw err;
  } finally {
    await qr.release();
  }
}

/**
 * As the demo seed does: the recaps and briefs the worker's schedules would owe for sessions just held or about to
 * happen are owed here and marked skipped with everything else pending, so nobody is emailed about invented history.
 */
async function skipSeedNotifications(qr: QueryRunner): Promise<void> {
  await oweRecaps(qr.manager);
  await oweBriefs(qr.manager);
  await qr.query(
    `UPDATE notification SET status = 'skipped', skipped_reason = $1, updated_at = now() WHERE status IN ('pending', 'queued')`,
    [SCALE_SKIPPED_REASON],
  );
}

/** The worker's own rebuild (`refreshMetrics`), run here until no mark is left, with the marks left as progress. */
async function buildMetrics(ds: DataSource, progress: ScaleProgress): Promise<void> {
  const left = async () => Number((await ds.query('SELECT count(*) AS n FROM metrics_dirty'))[0].n);
  const total = await left();
  progress.start('metrics summaries', total);
  const timer = setInterval(
    () =>
      void left().then(
        (n) => progress.set(total - n),
        () => undefined,
      ),
    500,
  );
  try {
    const slices = await refreshMetrics(ds);
    progress.finish(`${slices.toLocaleString('en-GB')} group-months rebuilt`);
  } finally {
    clearInterval(timer);
  }
}

async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  } finally {
    await client.end();
  }
}
