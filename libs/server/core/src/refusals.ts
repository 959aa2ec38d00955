import { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from './actor';
import { ErrorBody } from './errors';

/** Per status, the error codes a route may answer with what each means: `{ 409: { already_booked: '…' } }`. */
export type Refusals = Partial<Record<number, Record<string, string>>>;

const REFUSALS = 'roundtable:refusals';

function merge(...all: Refusals[]): Refusals {
  const out: Refusals = {};
  for (const refusals of all) {
    for (const [status, codes] of Object.entries(refusals)) out[Number(status)] = { ...out[Number(status)], ...codes };
  }
  return out;
}

/**
 * Declares the errors a route (or every route of a controller) may answer, by status and code.
 * The OpenAPI document lists exactly these, plus the ones every route shares (`GLOBAL_REFUSALS`);
 * in tests an answer that is not declared becomes a loud 500 `undeclared_error`.
 */
export function Refuses(refusals: Refusals): ClassDecorator & MethodDecorator {
  const decorator = (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const on = (descriptor?.value as object | undefined) ?? target;
    Reflect.defineMetadata(REFUSALS, merge(Reflect.getMetadata(REFUSALS, on) ?? {}, refusals), on);
    return descriptor ?? target;
  };
  return decorator as ClassDecorator & MethodDecorator;
}

/** What any route may answer, whatever it does. */
const EVERY_ROUTE: Refusals = {
  400: {
    bad_request: 'A malformed path id, query value or JSON body',
    validation_failed: 'Input that breaks the request’s rules; `errors` names each field',
  },
  413: { payload_too_large: 'The body is larger than 256 kB' },
  415: {
    unsupported_media_type:
      'A body that is not `application/json` in UTF-8 (form, multipart and text bodies are refused), or an unknown `Content-Encoding`',
  },
  500: { internal_error: 'Something went wrong on our side; no detail is given' },
};

/** What every route that needs a session may answer. */
const SIGNED_IN: Refusals = { 401: { unauthenticated: 'No live session: it is missing, expired or ended' } };

/** What every POST, PUT, PATCH and DELETE may answer. */
const WRITES: Refusals = {
  403: {
    cross_site_request:
      'Authenticated by the session cookie but sent from another site (`Origin` or `Sec-Fetch-Site`): send it from the app, or use `Authorization: Bearer`',
  },
  409: { concurrent_update: 'A concurrent change collided with this one; nothing was saved, and it is safe to retry' },
};

/** A request that reaches no route: refused by the transport rules, or an unknown path. */
const NO_ROUTE: Refusals = merge(EVERY_ROUTE, WRITES, { 404: { not_found: 'No such route' } });

/** The refusals common to every route, as the document's description tells them. */
export const GLOBAL_REFUSALS = { everyRoute: EVERY_ROUTE, signedIn: SIGNED_IN, writes: WRITES };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Declared = Map<number, Set<string>>;

/** Every route's declared refusals, keyed by `METHOD /api/path/{param}` as in the OpenAPI document. */
export class ErrorDeclarations {
  private readonly noRoute = declared(NO_ROUTE);

  constructor(private readonly routes: Map<string, Declared>) {}

  /** The answer itself when the route declares it, else a 500 `undeclared_error` saying what was not declared. */
  police(req: FastifyRequest, body: ErrorBody): ErrorBody {
    // Fastify routes a request before its hooks run: `routeOptions.url` is the matched route's
    // template (`/api/meetings/:meetingId`); a request that matched none reaches the not-found handler.
    const url = req.is404 ? undefined : req.routeOptions?.url;
    const template = typeof url === 'string' ? url.replace(/:(\w+)/g, '{$1}') : null;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const key = template ? `${method} ${template}` : 'no route';
    const allowed = (template && this.routes.get(key)) || this.noRoute;
    if (allowed.get(body.statusCode)?.has(body.code)) return body;
    return {
      statusCode: 500,
      code: 'undeclared_error',
      message: `${key} answered ${body.statusCode} ${body.code} (“${body.message}”), which it does not declare: add it to the route’s @Refuses`,
    };
  }
}

function declared(refusals: Refusals): Declared {
  return new Map(Object.entries(refusals).map(([status, codes]) => [Number(status), new Set(Object.keys(codes ?? {}))]));
}

interface RouteHandler {
  controller: object;
  handler: object;
}

/** Every route handler of the application, by the operation id the document gives it. */
function routeHandlers(app: INestApplicationContext, operationId: (controller: string, method: string) => string) {
  const handlers = new Map<string, RouteHandler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value as object | undefined;
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        handlers.set(operationId(controller.name, name), { controller, handler });
      }
    }
  }
  return handlers;
}

interface ErrorResponse {
  description: string;
  headers?: Record<string, { description: string; schema: unknown }>;
  content: Record<string, { schema: unknown }>;
}

/** The ErrorFilter sends Retry-After with every 429, and with a 503 that knows when to come back (a booking's busy). */
const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again (RFC 9110 10.2.3)',
    schema: { type: 'integer', minimum: 1 },
  },
};

/**
 * Writes the error responses of every operation of the document from the routes' @Refuses and
 * the global refusals, and returns them for the ErrorFilter to police. An error response declared
 * any other way (an `@ApiConflictResponse` with ErrorDto) is refused: it would not be policed.
 */
export function declareErrors(
  app: INestApplicationContext,
  document: OpenAPIObject,
  operationId: (controller: string, method: string) => string,
): ErrorDeclarations {
  const handlers = routeHandlers(app, operationId);
  const routes = new Map<string, Declared>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { operationId?: string; responses?: object }>)) {
      const found = op.operationId ? handlers.get(op.operationId) : undefined;
      if (!found) throw new Error(`OpenAPI: no route handler found for ${method.toUpperCase()} ${path}`);
      const isPublic =
        Reflect.getMetadata(IS_PUBLIC, found.handler) === true || Reflect.getMetadata(IS_PUBLIC, found.controller) === true;
      const refusals = merge(
        EVERY_ROUTE,
        isPublic ? {} : SIGNED_IN,
        SAFE_METHODS.has(method.toUpperCase()) ? {} : WRITES,
        Reflect.getMetadata(REFUSALS, found.controller) ?? {},
        Reflect.getMetadata(REFUSALS, found.handler) ?? {},
      );
      const responses = (op.responses ?? {}) as Record<string, ErrorResponse | undefined>;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && JSON.stringify(response ?? {}).includes('#/components/schemas/ErrorDto')) {
          throw new Error(`OpenAPI: ${op.operationId} declares its ${status} with an @Api…Response decorator: use @Refuses`);
        }
      }
      for (const [status, codes] of Object.entries(refusals)) {
        const list = Object.entries(codes ?? {});
        responses[status] = {
          description: list.map(([code, meaning]) => `- \`${code}\`: ${meaning}`).join('\n'),
          ...(status === '429' || status === '503' ? { headers: RETRY_AFTER } : {}),
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/ErrorDto' },
                  { type: 'object', properties: { code: { type: 'string', enum: list.map(([code]) => code) } } },
                ],
              },
            },
          },
        };
      }
      op.responses = responses;
      routes.set(`${method.toUpperCase()} ${path}`, declared(refusals));
    }
  }
  return new ErrorDeclarations(routes);
}
