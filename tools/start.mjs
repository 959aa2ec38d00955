// `npm start`: services, build, database (create, migrate, seed), then the API; prints where
// everything is and the demo logins once the API answers. Ctrl-C stops it all.
import { spawn, spawnSync } from 'node:child_process';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r;
};

run('bash', ['tools/ensure-services.sh']);
run('npm', ['run', '--silent', 'build']);
const boot = run('node', ['dist/apps/api/src/cli.js', 'bootstrap'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
process.stdout.write(boot.stdout);

const port = Number(process.env.PORT ?? 3000);
const children = [spawn('node', ['dist/apps/api/src/main.js'], { stdio: 'inherit' })];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((c) =>
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  }),
);

for (let i = 0; i < 120; i++) {
  const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) {
    const logins = boot.stdout.split('\n').filter((l) => l.startsWith('  ') && l.includes('@'));
    console.log(`
Roundtable is running.
  API            http://localhost:${port}/api
  API docs       http://localhost:${port}/api/docs   (OpenAPI JSON at /api/openapi.json)
  Health         http://localhost:${port}/api/health
${logins.length ? `\nDemo logins (POST /api/auth/login, or "Authorize" in the API docs):\n${logins.join('\n')}\n` : ''}
Press Ctrl-C to stop.`);
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}
