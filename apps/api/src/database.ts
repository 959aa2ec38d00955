import { dataSourceOptions } from '@roundtable/server-data';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

export function appDataSourceOptions(url: string, poolSize?: number): DataSourceOptions {
  return dataSourceOptions(url, MIGRATIONS, poolSize);
}

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

export async function generateMigration(ds: DataSource, name: string, dir: string): Promise<string | null> {
  const sql = await ds.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) return null;
  const timestamp = Date.now();
  const kebab = name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  const className = kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) + timestamp;
  const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`).join('\n');
  const down = [...sql.downQueries]
    .reverse()
    .map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`)
    .join('\n');
  const file = `${dir}/${timestamp}-${kebab}.ts`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, body);
  return file;
}
