import { pendingSchemaChanges, withDataSource } from '@roundtable/server-core';
import { Client } from 'pg';

/** The maintenance database of the server `url` points at, for creating and dropping databases. */
export function maintenanceUrl(url: string): string {
  return Object.assign(new URL(url), { pathname: '/postgres' }).toString();
}

/**
 * Drops and recreates the database `url` names, runs every migration, and throws when the entities and
 * the migrations disagree (the SQL a new migration would run is in the message).
 */
export async function createTestDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Unsupported test database name "${name}"`);
  const client = new Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  await withDataSource(url, async (ds) => {
    await ds.runMigrations({ transaction: 'each' });
    const drift = await pendingSchemaChanges(ds);
    if (drift.length) {
      throw new Error(`Entities and migrations disagree. Generate a migration; it would run:\n${drift.join(';\n')}`);
    }
  });
}

/**
 * A database of its own, migrated like the shared one, for a test file that runs a worker: a worker's relay takes
 * every due row of its database, so on the shared one it would deliver the other files' emails (minting their
 * links) and another file's worker would take its own. `drop` removes it.
 */
export async function separateTestDatabase(sharedUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const target = new URL(sharedUrl);
  target.pathname = `${target.pathname}_${label}`;
  const url = target.toString();
  await createTestDatabase(url);
  return {
    url,
    async drop() {
      const client = new Client({ connectionString: maintenanceUrl(url) });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${decodeURIComponent(target.pathname.slice(1))}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
