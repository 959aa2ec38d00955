import { MIGRATIONS } from '@roundtable/migrations';
import { dataSourceOptions } from '@roundtable/server-data';
import { DataSource, DataSourceOptions } from 'typeorm';

/** The data source every process uses: every entity and every migration, in order. */
export function appDataSourceOptions(url: string, poolSize?: number): DataSourceOptions {
  return dataSourceOptions(url, MIGRATIONS, poolSize);
}

/** A short-lived data source outside Nest (the CLI, the tests' global setup), destroyed when `fn` settles. */
export async function withDataSource<T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(appDataSourceOptions(url, 4));
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** The SQL that would bring the database in line with the entities; empty when migrations and entities agree. */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
