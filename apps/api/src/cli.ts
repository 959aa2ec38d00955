import 'reflect-metadata';
import { loadConfig, pendingSchemaChanges, withDataSource } from '@roundtable/server-core';
import { ensureDatabase } from '@roundtable/server-data';
import { existingDemoLogins, seedDemo } from '@roundtable/server-demo';
import { parseScaleArgs, seedScale } from '@roundtable/server-scale';
import { resolve } from 'node:path';
import { generateMigration } from './generate-migration';
import { writeOpenApi } from './openapi';

/**
 * Operations: `migrate`, `migration:check`, `migration:generate <name>`, `seed` (demo data into an empty
 * database), `bootstrap` (create the database if missing, migrate, seed when empty), used by `npm start`,
 * `seed:scale [--scale N] [--reset] …` (the national data set into SCALE_DATABASE_URL), and `openapi [file]` (write the OpenAPI document the web app's client is generated from).
 */
async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  const config = loadConfig();
  const url = config.DATABASE_URL;
  switch (command) {
    case 'migrate':
      await ensureDatabase(url);
      await withDataSource(url, async (ds) => {
        const ran = await ds.runMigrations({ transaction: 'each' });
        console.log(ran.length ? `Applied ${ran.map((m) => m.name).join(', ')}` : 'Database is up to date');
      });
      return;
    case 'migration:check':
      await withDataSource(url, async (ds) => {
        const changes = await pendingSchemaChanges(ds);
        if (changes.length) {
          console.error(`Entities and migrations disagree; a migration would run:\n${changes.join(';\n')}`);
          process.exitCode = 1;
        } else console.log('Entities and migrations agree');
      });
      return;
    case 'migration:generate': {
      if (!arg) throw new Error('usage: migration:generate <kebab-name>');
      const file = await withDataSource(url, (ds) => generateMigration(ds, arg, resolve(process.cwd(), 'migrations')));
      console.log(file ? `Wrote ${file}; add it to migrations/index.ts` : 'No changes');
      return;
    }
    case 'seed':
    case 'bootstrap': {
      if (command === 'bootstrap') {
        if (await ensureDatabase(url)) console.log(`Created database ${new URL(url).pathname.slice(1)}`);
      }
      await withDataSource(url, async (ds) => {
        if (command === 'bootstrap') await ds.runMigrations({ transaction: 'each' });
        const seeded = await seedDemo(ds);
        const logins = seeded ?? (await existingDemoLogins(ds));
        console.log(seeded ? 'Demo programme seeded.' : 'Database already has data: demo seed skipped.');
        if (!logins.length) return;
        console.log('Demo logins:');
        for (const l of logins) console.log(`  ${l.role.padEnd(20)} ${l.email.padEnd(40)} ${l.password}`);
        console.log('');
      });
      return;
    }
    case 'seed:scale': {
      const options = parseScaleArgs(process.argv.slice(3));
      const result = await seedScale(config.SCALE_DATABASE_URL, options);
      const { databaseBytes, ...counts } = result.counts;
      console.log(`Scale data set (scale ${options.scale}, anchored ${options.anchor.toISOString().slice(0, 10)}):`);
      for (const [name, n] of Object.entries(counts))
        console.log(`  ${name.padEnd(12)} ${n.toLocaleString('en-GB').padStart(10)}`);
      console.log(
        `Data ${result.seconds.data.toFixed(0)} s, metrics ${result.seconds.metrics.toFixed(0)} s; database ${(databaseBytes / 2 ** 20).toFixed(0)} MiB`,
      );
      console.log('Logins:');
      for (const l of result.logins) console.log(`  ${l.role.padEnd(20)} ${l.email.padEnd(60)} ${l.password}`);
      return;
    }
    case 'openapi': {
      // The OpenAPI document the web app's client is generated from, written where it is committed.
      const file = resolve(process.cwd(), arg ?? 'libs/api-client/openapi.json');
      await writeOpenApi(config, file);
      console.log(`Wrote ${file}`);
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}"`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
