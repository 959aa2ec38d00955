import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { ApiError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `application/json`, with no charset or UTF-8 (RFC 8259 8.1: JSON exchanged between systems is UTF-8). */
function isJson(contentType: string): boolean {
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || ['utf-8', '"utf-8"'].includes(param.slice(8)));
}

const brief = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Every request with a body is `application/json`; anything else is a 415. A browser can send a
 * form or text/plain from any site without asking (no CORS preflight), so refusing them is the
 * first half of the defence against cross-site requests; the other half is `refuseCrossSiteWrites`.
 * A POST with no body and no Content-Type (cancel, logout) is fine; a write that names a
 * Content-Type other than JSON is refused even when its body is empty.
 */
export function requireJsonBodies(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const type = req.headers['content-type'];
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody && (type === undefined || SAFE_METHODS.has(req.method))) return next();
    if (type !== undefined && isJson(type)) return next();
    next(
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
 * a Bearer token is never ambient, so those writes are not checked at all.
 */
export function refuseCrossSiteWrites(publicUrl: string, sessionFromCookie: (req: Request) => boolean): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || !sessionFromCookie(req)) return next();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const fromApp =
      site === 'same-origin' ||
      (site !== 'cross-site' && (origin === undefined ? site === undefined : origin.toLowerCase() === publicOrigin));
    if (fromApp) return next();
    next(
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
 * The usual security headers, by helmet. The API answers JSON only, so its Content-Security-Policy
 * allows nothing at all; the Swagger UI under `docsPath` gets helmet's default policy, which lets
 * its own scripts and styles (and the inline styles it writes) run.
 */
export function securityHeaders(docsPath: string): RequestHandler {
  const api = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  const docs = helmet();
  return (req, res, next) => (req.path === docsPath || req.path.startsWith(`${docsPath}/`) ? docs : api)(req, res, next);
}
