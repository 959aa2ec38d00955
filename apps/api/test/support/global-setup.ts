import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions, pendingSchemaChanges } from '../../src/database';
import { TEST_DATABASE_URL } from './test-env';

/** A fresh test database, migrated; the run fails when entities and migrations disagree. */
export default async function globalSetup(): Promise<void> {
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();

  const ds = new DataSource(appDataSourceOptions(TEST_DATABASE_URL, 4));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const drift = await pendingSchemaChanges(ds);
    if (drift.length) {
      throw new Error(`Entities and migrations disagree. Generate a migration; it would run:\n${drift.join(';\n')}`);
    }
  } finally {
    await ds.destroy();
  }
}
