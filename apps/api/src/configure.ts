import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE, tokenFrom } from '@roundtable/server-auth';
import {
  answerClientError,
  AppConfig,
  createValidationPipe,
  declareErrors,
  ErrorDeclarations,
  ErrorDto,
  ErrorFilter,
  refuseCrossSiteWrites,
  requireJsonBodies,
  securityHeaders,
} from '@roundtable/server-core';
import cookieParser from 'cookie-parser';
import type { Request } from 'express';

/**
 * Options for creating the application, in main.ts and the tests alike. Nest's default body
 * parsers are off: configureApp registers the JSON parser alone, so no form body is ever read.
 */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

const operationId = (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;

/** The OpenAPI document, with every operation's error responses written from its @Refuses declarations. */
export function buildOpenApi(app: INestApplication): { document: OpenAPIObject; declarations: ErrorDeclarations } {
  const doc = new DocumentBuilder()
    .setTitle('Roundtable API')
    .setDescription(
      'Facilitated peer-learning networks of firms. Sign in with POST /api/auth/login; the session travels as the ' +
        'httpOnly `rt_session` cookie or as `Authorization: Bearer <token>`. Request bodies are `application/json` ' +
        '(UTF-8); anything else answers 415. A write signed in by the cookie must come from the app’s own origin ' +
        '(403 `cross_site_request` otherwise). Errors share one shape: `{ statusCode, code, message, errors? }`, and ' +
        'each operation lists the codes it may answer. Objects outside your programmes answer 404; objects you may ' +
        'see but not change answer 403.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .build();
  const document = SwaggerModule.createDocument(app, doc, { extraModels: [ErrorDto], operationIdFactory: operationId });
  return { document, declarations: declareErrors(app, document, operationId) };
}

/** The session of this request comes from the cookie (an ambient credential), not an Authorization header. */
function sessionFromCookie(req: Request): boolean {
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie !== undefined && tokenFrom(req) === cookie;
}

export interface ConfigureOptions {
  /** Answer an error a route does not declare with a 500 `undeclared_error` (the tests turn it on). */
  declaredErrorsOnly?: boolean;
}

/** Everything main.ts and the tests share: prefix, headers, body and cross-site rules, validation, errors, OpenAPI. */
export function configureApp(app: NestExpressApplication, config: AppConfig, options: ConfigureOptions = {}): OpenAPIObject {
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  // Responses are per-user and dynamic; hashing every body for an ETag costs CPU for nothing.
  app.set('etag', false);
  app.use(securityHeaders('/api/docs'));
  app.use(cookieParser());
  // Before the body is read: a cross-site write is refused (403), then any body that is not JSON (415).
  app.use(refuseCrossSiteWrites(config.PUBLIC_URL, sessionFromCookie));
  app.use(requireJsonBodies());
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalPipes(createValidationPipe());
  const { document, declarations } = buildOpenApi(app);
  app.useGlobalFilters(new ErrorFilter(options.declaredErrorsOnly ? declarations : undefined));
  // Requests Node's HTTP parser refuses before Express sees them get the same error shape.
  app.getHttpServer().on('clientError', answerClientError);
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  // The web app arrives with its own issue; until then the root points at the API's documentation.
  const http = app.getHttpAdapter();
  http.get('/', (_req, res) => http.redirect(res, 302, '/api/docs'));
  return document;
}
