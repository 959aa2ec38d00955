import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { answerClientError, AppConfig, createValidationPipe, ErrorFilter } from '@roundtable/server-core';
import cookieParser from 'cookie-parser';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Roundtable API')
    .setDescription(
      'Facilitated peer-learning networks of firms. Sign in with POST /api/auth/login; the session travels as the ' +
        'httpOnly `rt_session` cookie or as `Authorization: Bearer <token>`. Errors share one shape: ' +
        '`{ statusCode, code, message, errors? }`. Objects outside your programmes answer 404; objects you may see ' +
        'but not change answer 403.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('rt_session')
    .build();
  return SwaggerModule.createDocument(app, doc, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Everything main.ts and the tests share: prefix, validation, errors, cookies, OpenAPI. */
export function configureApp(app: NestExpressApplication, config: AppConfig): OpenAPIObject {
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  // Responses are per-user and dynamic; hashing every body for an ETag costs CPU for nothing.
  app.set('etag', false);
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  // Requests Node's HTTP parser refuses before Express sees them get the same error shape.
  app.getHttpServer().on('clientError', answerClientError);
  app.enableShutdownHooks();
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  // The web app arrives with its own issue; until then the root points at the API's documentation.
  const http = app.getHttpAdapter();
  http.get('/', (_req, res) => http.redirect(res, 302, '/api/docs'));
  return document;
}
