import fastifyCookie from '@fastify/cookie';
import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE, SessionService, tokenFrom } from '@roundtable/server-auth';
import {
  answerClientError,
  ApiError,
  AppConfig,
  createValidationPipe,
  declareErrors,
  ErrorDeclarations,
  ErrorDto,
  ErrorFilter,
  decodeContentEncoding,
  JSON_BODY_LIMIT,
  refuseCrossSiteWrites,
  registerOneClickFormParser,
  requireJsonBodies,
  securityHeaders,
  securityHeaderWriter,
  writeNamedSchemas,
} from '@roundtable/server-core';
import {
  NotificationQueues,
  QUEUE_DASHBOARD_CSP,
  QUEUE_DASHBOARD_PATH,
  registerQueueDashboard,
} from '@roundtable/server-notifications';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { registerWebApp } from './web-app';

/**
 * Options for creating the application, in main.ts and the tests alike. Nest's default body
 * parsers are off: configureApp registers the JSON parser, and a form parser that reads the
 * one-click unsubscribe route's form and refuses every other route's.
 */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

const DOCS_PATH = '/api/docs';
/** HTML pages under the API besides the docs, with the Content-Security-Policy each needs. */
const PAGES = { [QUEUE_DASHBOARD_PATH]: QUEUE_DASHBOARD_CSP };

/** The HTTP adapter, in main.ts and the tests alike: Fastify with the options only its constructor takes. */
export function createAdapter(config: AppConfig): FastifyAdapter {
  const headers = securityHeaderWriter(DOCS_PATH, PAGES);
  return new FastifyAdapter({
    // Which proxies to believe about X-Forwarded-For (request.ip): false, a hop count or addresses.
    trustProxy: config.TRUST_PROXY,
    bodyLimit: JSON_BODY_LIMIT,
    // Path ids are checked by their pipes (a 400); Fastify's default would answer a 414 past 100
    // characters. No request line is longer than Node's 16 kB limit on headers.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Requests Node's HTTP parser refuses before Fastify sees them get the same error shape.
    clientErrorHandler: answerClientError,
    // A URL Fastify cannot decode is answered before any hook runs: the ErrorFilter answers it,
    // with the security headers the hooks would have set.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      headers(request.raw, reply.raw, () => void reply.send(error)),
  });
}

const operationId = (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;

/** The OpenAPI document, with every operation's error responses written from its @Refuses declarations. */
export function buildOpenApi(app: INestApplication): { document: OpenAPIObject; declarations: ErrorDeclarations } {
  const doc = new DocumentBuilder()
    .setTitle('Roundtable API')
    .setDescription(
      'Facilitated peer-learning networks of firms. Sign in with POST /api/auth/login; the session travels as the ' +
        'httpOnly `rt_session` cookie or as `Authorization: Bearer <token>`. Request bodies are `application/json` ' +
        '(UTF-8); anything else answers 415, save the RFC 8058 form of the one-click unsubscribe on its own route. ' +
        'A write signed in by the cookie must come from the app’s own origin (403 `cross_site_request` otherwise). Errors share one shape: `{ statusCode, code, message, errors? }`, and ' +
        'each operation lists the codes it may answer. Objects outside your programmes answer 404; objects you may ' +
        'see but not change answer 403.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .build();
  const document = SwaggerModule.createDocument(app, doc, { extraModels: [ErrorDto], operationIdFactory: operationId });
  writeNamedSchemas(document);
  return { document, declarations: declareErrors(app, document, operationId) };
}

/** The session of this request comes from the cookie (an ambient credential), not an Authorization header. */
function sessionFromCookie(req: FastifyRequest): boolean {
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie !== undefined && tokenFrom(req) === cookie;
}

export interface ConfigureOptions {
  /** Answer an error a route does not declare with a 500 `undeclared_error` (the tests turn it on). */
  declaredErrorsOnly?: boolean;
}

/**
 * JSON is the one body the API reads (requireJsonBodies has refused the rest before this runs).
 * An empty body with a JSON type is read as `{}`, as Express's parser read it; a `__proto__` key,
 * or a `constructor` holding a `prototype`, is refused by Fastify's parser and answered as the
 * validation pipe answers the same keys deeper in a body.
 */
function registerJsonParser(fastify: FastifyInstance): void {
  // Fastify ignores the body of a GET or HEAD; Express read it, and refused it when malformed or too
  // large. So does this: whatever the method, a body is JSON or it is refused.
  for (const method of ['GET', 'HEAD']) fastify.addHttpMethod(method, { hasBody: true, overrideExisting: true });
  // The default parser is the callback kind; its type also admits the promise kind, which it is not.
  const parse = fastify.getDefaultJsonParser('error', 'error') as (
    req: FastifyRequest,
    body: string,
    done: (err: Error | null, value?: unknown) => void,
  ) => void;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (req, body, done) => {
    const text = String(body);
    if (text === '') return done(null, {});
    // Strict, as Express's parser was: the top level is an object or an array, never `null` or `42`.
    if (!/^[\s]*[[{]/.test(text)) {
      return done(new ApiError(400, 'bad_request', 'The request body must be a JSON object or array'));
    }
    parse(req, text, (err: Error | null, value?: unknown) => {
      if (!err) return done(null, value);
      const reserved = /forbidden (prototype|constructor) property/.exec(err.message);
      if (!reserved) return done(new ApiError(400, 'bad_request', `The request body is not valid JSON: ${err.message}`));
      const key = reserved[1] === 'prototype' ? '__proto__' : 'constructor';
      done(
        new ApiError(400, 'validation_failed', `property ${key} should not exist`, [
          { field: key, message: `property ${key} should not exist` },
        ]),
      );
    });
  });
}

/** Everything main.ts and the tests share: prefix, headers, body and cross-site rules, validation, errors, OpenAPI. */
export async function configureApp(
  app: NestFastifyApplication,
  config: AppConfig,
  options: ConfigureOptions = {},
): Promise<OpenAPIObject> {
  const fastify = app.getHttpAdapter().getInstance();
  app.setGlobalPrefix('api');
  // Fastify sends no X-Powered-By and computes no ETag: responses are per-user and dynamic.
  // Hooks run in the order added: headers on every answer, cookies, then before the body is read a
  // cross-site write is refused (403), then any body that is not JSON (415).
  fastify.addHook('onRequest', securityHeaders(DOCS_PATH, PAGES));
  await app.register(fastifyCookie);
  fastify.addHook('onRequest', refuseCrossSiteWrites(config.PUBLIC_URL, sessionFromCookie));
  fastify.addHook('onRequest', requireJsonBodies());
  fastify.addHook('preParsing', decodeContentEncoding());
  registerJsonParser(fastify);
  // The one exception to JSON only: RFC 8058's one-click form, read on the route marked for it alone.
  registerOneClickFormParser(fastify);
  if (config.NODE_ENV !== 'test' && ['info', 'debug', 'trace'].includes(config.LOG_LEVEL)) {
    // One short line per answered request, with what an operator needs (never headers, so never credentials);
    // health checks are skipped.
    fastify.addHook('onResponse', (req, reply, done) => {
      if (req.url !== '/api/health') {
        PinoLogger.root.info(
          {
            reqId: req.id,
            method: req.method,
            url: req.url,
            statusCode: reply.statusCode,
            responseTime: Math.round(reply.elapsedTime),
          },
          'request completed',
        );
      }
      done();
    });
  }
  app.useGlobalPipes(createValidationPipe());
  const { document, declarations } = buildOpenApi(app);
  app.useGlobalFilters(new ErrorFilter(options.declaredErrorsOnly ? declarations : undefined));
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  // Bull Board, a Fastify plugin: its own admin check, after the hooks above (see registerQueueDashboard).
  await registerQueueDashboard(fastify, { queues: app.get(NotificationQueues), sessions: app.get(SessionService) });
  // The web app at / when it has been built (`npm run build`); without it, the root points at the API's docs.
  if (!(await registerWebApp(fastify, config.WEB_DIR))) {
    const http = app.getHttpAdapter();
    http.get('/', (_req, res) => http.redirect(res, 302, DOCS_PATH));
  }
  return document;
}
