import { Client } from 'pg';
import { DataSourceOptions, MixedList } from 'typeorm';
import { ENTITIES } from './entities';

export function dataSourceOptions(
  url: string,
  migrations: MixedList<string | (new () => unknown)>,
  poolSize = 20,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: migrations as DataSourceOptions['migrations'],
    migrationsTableName: 'typeorm_migration',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  };
}

/** Creates the database named in the URL when it is missing (connecting to the maintenance database). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}
