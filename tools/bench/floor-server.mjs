// The floor `npm run bench:api` holds GET /api/me/meetings against: a bare node:http server with a
// pg pool of the same size, doing the same work as the API with the API's own code (from dist/):
// the same cached session lookup (SessionService + ActorCache, with its LISTEN connection) and the
// same prepared statement and row mapping (MeetingsService.upcomingForMember). Nothing else: no
// framework, no middleware, no logging. Usage: node tools/bench/floor-server.mjs <port>
// (DATABASE_URL and the other settings from the environment, as the API reads them).
import http from 'node:http';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
const dist = new URL('../../dist/', import.meta.url).pathname;
require('reflect-metadata');
const { loadConfig } = require(`${dist}libs/server/core/src/index.js`);
const { ActorCache } = require(`${dist}libs/server/auth/src/actor-cache.service.js`);
const { SessionService } = require(`${dist}libs/server/auth/src/session.service.js`);
const { MeetingsService } = require(`${dist}libs/server/meetings/src/meetings.service.js`);

const config = loadConfig();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
// What preparedQuery needs of a TypeORM manager: no transaction, and the driver's pool.
const manager = { queryRunner: undefined, connection: { driver: { master: pool } } };
manager.manager = manager;
const cache = new ActorCache(config);
await cache.onModuleInit();
const sessions = new SessionService(manager, config, cache);
const meetings = new MeetingsService(manager, undefined);

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const server = http.createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' || req.url !== '/api/me/meetings') return send(res, 404, { statusCode: 404 });
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const actor = token ? await sessions.resolve(token) : null;
    if (!actor) return send(res, 401, { statusCode: 401, code: 'unauthenticated' });
    send(res, 200, await meetings.upcomingForMember(actor, {}));
  } catch (err) {
    console.error(err);
    send(res, 500, { statusCode: 500 });
  }
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('ready'));
const stop = async () => {
  server.close();
  await cache.onApplicationShutdown();
  await pool.end();
};
process.on('SIGTERM', () => void stop());
