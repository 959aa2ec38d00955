import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const COMMITTED = 'libs/api-client/src/generated';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/**
 * The web app's client is generated from the committed OpenAPI document (`npm run openapi`); a client edited by
 * hand, or not regenerated after the document changed, fails here. (openapi.int-spec.ts checks the document
 * against the API.)
 */
describe('the generated API client', () => {
  it('is exactly what @hey-api/openapi-ts generates from the committed openapi.json', () => {
    const out = join('tmp', 'api-client-check');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const config = join(out, 'openapi-ts.config.mjs');
    const committedConfig = readFileSync('libs/api-client/openapi-ts.config.ts', 'utf8');
    writeFileSync(
      config,
      // The committed configuration (plain JavaScript but for its name), writing elsewhere.
      committedConfig.replace("'libs/api-client/src/generated'", JSON.stringify(join(out, 'generated'))),
    );
    const run = spawnSync('npx', ['openapi-ts', '-f', config], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const generated = join(out, 'generated');
    const expected = filesUnder(generated)
      .map((f) => relative(generated, f))
      .sort();
    const committed = filesUnder(COMMITTED)
      .map((f) => relative(COMMITTED, f))
      .sort();
    expect(committed).toEqual(expected);
    const stale = expected.filter((f) => readFileSync(join(generated, f), 'utf8') !== readFileSync(join(COMMITTED, f), 'utf8'));
    if (stale.length) throw new Error(`${stale.join(', ')} differ from the generated client: run \`npm run openapi\``);
  });
});
