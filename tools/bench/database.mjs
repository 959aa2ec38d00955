// Shared by the benchmarks: a database of their own, dropped and made again for each run.
import pg from 'pg';

/** Drops the database `url` names (and, with `create`, makes it again, empty). */
export async function resetDatabase(url, { create = false } = {}) {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (create) await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
}
