import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Hashed file names never change content: a year, immutable. Anything else is checked on every visit. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the web app's production build at /: its files (precompressed .br/.gz beside each one are sent to
 * a browser that accepts them), and index.html for every other path outside /api, so the app's own router
 * answers a deep link or a reload. Paths under /api that no route answers stay the API's JSON 404.
 * Returns false (and serves nothing) when the build is absent.
 */
export async function registerWebApp(fastify: FastifyInstance, dir: string): Promise<boolean> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per file found now (the build does not change under a running server), so the fallback
    // route below is not shadowed by a wildcard.
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    etag: true,
    lastModified: true,
    // @fastify/static 10 hands setHeaders the Fastify reply (its types still say a Node response).
    setHeaders: (reply: unknown, path: string) =>
      void (reply as FastifyReply).header('Cache-Control', path.includes('/assets/') ? IMMUTABLE : REVALIDATE),
  });
  const app = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    // A missing asset is a 404, not the app: a browser would otherwise run HTML as a script.
    if (path.startsWith('/assets/')) return reply.callNotFound();
    return reply.header('Cache-Control', REVALIDATE).sendFile('index.html');
  };
  fastify.get('/', app);
  fastify.get('/*', app);
  return true;
}
