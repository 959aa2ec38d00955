// Runs Jest with the arguments given, then prints one plain closing line,
// "tests: N passed, N failed[, N skipped]", so whoever reads the end of the log sees the outcome.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('tmp', { recursive: true });
const out = 'tmp/jest-results.json';
rmSync(out, { force: true });
const run = spawnSync('npx', ['jest', '--json', `--outputFile=${out}`, ...process.argv.slice(2)], { stdio: 'inherit' });
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`tests: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.log('tests: 0 passed, 1 failed (Jest wrote no results)');
}
process.exit(run.status ?? 1);
