import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, preParsingHookHandler } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ApiError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The largest JSON body the API reads, once any Content-Encoding is undone. */
export const JSON_BODY_LIMIT = 256 * 1024;

/** `application/json`, with no charset or UTF-8 (RFC 8259 8.1: JSON exchanged between systems is UTF-8). */
function isJson(contentType: string): boolean {
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || ['utf-8', '"utf-8"'].includes(param.slice(8)));
}

/** `application/x-www-form-urlencoded`, with no charset or UTF-8. */
function isForm(contentType: string): boolean {
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/x-www-form-urlencoded') return false;
  return params.every((param) => !param.startsWith('charset=') || ['utf-8', '"utf-8"'].includes(param.slice(8)));
}

/** The Fastify route config key of the one route that takes an RFC 8058 one-click unsubscribe. */
const ONE_CLICK_UNSUBSCRIBE = 'oneClickUnsubscribe';
/** The largest one-click form read: `List-Unsubscribe=One-Click` is 26 bytes. */
const ONE_CLICK_FORM_LIMIT = 1024;

/**
 * Marks the one route that takes an RFC 8058 one-click unsubscribe (`POST /api/unsubscribe/{token}`),
 * the single exception to the JSON-only rule. Mail providers POST `List-Unsubscribe=One-Click` as
 * `application/x-www-form-urlencoded` (RFC 8058 §3.1), from their servers, without cookies; the
 * signed token in the URL is the whole credential. On this route alone a form body is read, and the
 * cross-site check does not apply: the route reads no session, so a cookie that comes along lends
 * the request nothing a page on another site could abuse. Everywhere else a form is still a 415.
 */
export const OneClickUnsubscribeRoute = () => RouteConfig({ [ONE_CLICK_UNSUBSCRIBE]: true });

function isOneClickUnsubscribeRoute(req: FastifyRequest): boolean {
  const config = req.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  return config?.[ONE_CLICK_UNSUBSCRIBE] === true;
}

const brief = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** The request says a body follows (RFC 9112 6.3: a Transfer-Encoding, or a Content-Length other than 0). */
function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Every request with a body is `application/json`; anything else is a 415. A browser can send a
 * form or text/plain from any site without asking (no CORS preflight), so refusing them is the
 * first half of the defence against cross-site requests; the other half is `refuseCrossSiteWrites`.
 * A POST with no body and no Content-Type (cancel, logout) is fine; a write that names a
 * Content-Type other than JSON is refused even when its body is empty. A Fastify `onRequest` hook:
 * it runs before the body is read.
 */
export function requireJsonBodies(): onRequestHookHandler {
  return (req, _reply, done) => {
    const type = req.headers['content-type'];
    if (!hasBody(req) && (type === undefined || SAFE_METHODS.has(req.method))) return done();
    if (type !== undefined && isJson(type)) return done();
    if (type !== undefined && isForm(type) && isOneClickUnsubscribeRoute(req)) return done();
    done(
      new ApiError(
        415,
        'unsupported_media_type',
        type === undefined
          ? 'A request body needs Content-Type: application/json'
          : `Content-Type ${brief(type)} is not accepted: send the body as application/json in UTF-8`,
      ),
    );
  };
}

/**
 * A write authenticated by the session cookie must come from the app itself. The cookie is
 * SameSite=Lax, but a sibling subdomain counts as the same site and older browsers ignore
 * SameSite, so the browser's own word is checked as well: `Sec-Fetch-Site: same-origin`, or an
 * `Origin` equal to the public URL's. A request with neither header is not from a browser (a
 * browser sends `Origin` on every cross-origin write) and carries no ambient credential to abuse;
 * a Bearer token is never ambient, so those writes are not checked at all. A Fastify `onRequest`
 * hook, added after the cookie plugin's so that `req.cookies` is read.
 */
export function refuseCrossSiteWrites(
  publicUrl: string,
  sessionFromCookie: (req: FastifyRequest) => boolean,
): onRequestHookHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, _reply, done) => {
    if (SAFE_METHODS.has(req.method) || isOneClickUnsubscribeRoute(req) || !sessionFromCookie(req)) return done();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const fromApp =
      site === 'same-origin' ||
      (site !== 'cross-site' && (origin === undefined ? site === undefined : origin.toLowerCase() === publicOrigin));
    if (fromApp) return done();
    done(
      new ApiError(
        403,
        'cross_site_request',
        `A request signed in by the session cookie must come from ${publicOrigin}; this one came from ${brief(
          origin ?? `a ${site ?? 'foreign'} page`,
        )}`,
      ),
    );
  };
}

/**
 * The form parser of the one-click route (see `OneClickUnsubscribeRoute`): at most 1 kB, UTF-8, each
 * key once, read into a plain object for the route's DTO to validate. It refuses any other route as
 * well, should `requireJsonBodies` ever let a form through. Added after the JSON parser.
 */
export function registerOneClickFormParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: ONE_CLICK_FORM_LIMIT },
    (req, body, done) => {
      const type = req.headers['content-type'] ?? '';
      if (!isOneClickUnsubscribeRoute(req) || !isForm(type)) {
        return done(
          new ApiError(
            415,
            'unsupported_media_type',
            `Content-Type ${brief(type)} is not accepted: send the body as application/json in UTF-8`,
          ),
        );
      }
      const entries = [...new URLSearchParams(String(body))];
      const keys = new Set(entries.map(([key]) => key));
      if (keys.size !== entries.length) return done(new ApiError(400, 'bad_request', 'A form field is given more than once'));
      // Object.fromEntries defines own properties: a `__proto__` field stays a field, which the validation pipe refuses.
      done(null, Object.fromEntries(entries));
    },
  );
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * The headers a helmet configuration writes, read once. None of ours depends on the request (no
 * nonces, no functions in the policy), so running helmet's dozen middlewares on every answer would
 * recompute the same strings each time; the writer below sets the captured list instead.
 */
export function helmetHeaders(options?: Parameters<typeof helmet>[0]): ReadonlyArray<readonly [string, string]> {
  const headers: Array<[string, string]> = [];
  const capture = {
    setHeader: (name: string, value: unknown) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, capture as unknown as ServerResponse, (err?: unknown) => (failure = err));
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused its options');
  return headers;
}

/**
 * The usual security headers, by helmet, as a function of the Node request and response: the
 * `onRequest` hook below, and the answers Fastify gives before any hook (a malformed URL). The
 * API (everything under /api) answers JSON only, so its Content-Security-Policy allows nothing at all; the web
 * app (everything else) may load its own scripts and styles and call its own origin; the Swagger UI under
 * `docsPath` gets helmet's default policy, which lets its own scripts and styles (and the inline
 * styles it writes) run; each path of `pages` (and everything under it) gets its own policy. They are
 * set on the Node response, so every answer carries them, errors included.
 */
export function securityHeaderWriter(docsPath: string, pages: Record<string, ContentSecurityPolicy> = {}): NodeMiddleware {
  // The web app, everywhere outside /api: its own scripts, styles and fonts, calls to its own origin only. Styles
  // may be inline (the component library writes its CSS variables in a <style> element); scripts may not.
  const web = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  const api = helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  // Other HTML pages under the API (the queue dashboard), each with the policy it needs.
  const sections: Array<[string, ReadonlyArray<readonly [string, string]>]> = [
    [docsPath, helmetHeaders()],
    ...Object.entries(pages).map(([path, policy]): [string, ReadonlyArray<readonly [string, string]>] => [
      path,
      helmetHeaders({ contentSecurityPolicy: policy }),
    ]),
  ];
  return (req, res, next) => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const headers =
      sections.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1] ??
      (path === '/api' || path.startsWith('/api/') ? api : web);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** A Content-Security-Policy as helmet takes it. */
export type ContentSecurityPolicy = Exclude<
  NonNullable<Parameters<typeof helmet>[0]>['contentSecurityPolicy'],
  boolean | undefined
>;

/** `securityHeaderWriter` as the first Fastify `onRequest` hook. */
export function securityHeaders(docsPath: string, pages: Record<string, ContentSecurityPolicy> = {}): onRequestHookHandler {
  const write = securityHeaderWriter(docsPath, pages);
  return (req, reply, done) => write(req.raw, reply.raw, (err) => done(err as Error | undefined));
}

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Undoes a request's `Content-Encoding` (gzip, deflate, br) before the body parser reads it, as
 * Express's body parser did; Fastify's body limit then applies to the decoded bytes, so a small
 * compressed body cannot unpack into a large one. An unknown encoding is a 415; bytes that are not
 * what their encoding says fail with zlib's error (a 400, see the ErrorFilter). A Fastify
 * `preParsing` hook.
 */
export function decodeContentEncoding(): preParsingHookHandler {
  return (req, _reply, payload, done) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding === 'identity' || !hasBody(req)) return done(null, payload);
    const decoder = DECODERS[encoding];
    if (!decoder) {
      return done(
        new ApiError(
          415,
          'unsupported_media_type',
          `Content-Encoding ${brief(encoding)} is not accepted: send the body as it is, or in gzip, deflate or br`,
        ),
        payload,
      );
    }
    // Fastify compares the bytes that arrived (not the decoded ones) with Content-Length.
    const decoded = decoder() as Transform & { receivedEncodedLength: number };
    decoded.receivedEncodedLength = 0;
    const raw = payload as Readable;
    raw.on('data', (chunk: Buffer) => {
      decoded.receivedEncodedLength += chunk.length;
    });
    // On a decoding error the parser answers; the rest of the request is read off and dropped.
    decoded.on('error', () => {
      raw.unpipe(decoded);
      raw.resume();
    });
    raw.pipe(decoded);
    done(null, decoded);
  };
}
