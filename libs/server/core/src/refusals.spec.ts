import { Controller, Get, Param, Post } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Public } from './actor';
import { ErrorDto } from './api-errors';
import { ErrorFilter } from './error.filter';
import { ApiError } from './errors';
import { declareErrors, Refuses } from './refusals';

@Refuses({ 404: { not_found: 'No such thing' } })
@Controller('things')
class ThingsController {
  @Public()
  @Post(':what')
  @Refuses({ 409: { thing_taken: 'Someone has it' } })
  take(@Param('what') what: string): string {
    if (what === 'taken') throw ApiError.conflict('thing_taken', 'Taken');
    if (what === 'missing') throw ApiError.notFound('Thing');
    if (what === 'locked') throw ApiError.conflict('thing_locked', 'Locked');
    throw new ApiError(418, 'teapot', 'I am a teapot');
  }

  @Public()
  @Get()
  list(): string[] {
    return [];
  }
}

async function app(declaredErrorsOnly: boolean) {
  const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
  const nest = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  const operationId = (controller: string, method: string) => `${controller}_${method}`;
  const document = SwaggerModule.createDocument(
    nest,
    { openapi: '3.0.0', info: { title: 't', version: '1' } },
    {
      extraModels: [ErrorDto],
      operationIdFactory: operationId,
    },
  );
  const declarations = declareErrors(nest, document, operationId);
  nest.useGlobalFilters(new ErrorFilter(declaredErrorsOnly ? declarations : undefined));
  await nest.init();
  await nest.getHttpAdapter().getInstance().ready();
  return { nest, document, http: request(nest.getHttpServer()) };
}

describe('@Refuses and the error declarations', () => {
  it('writes the declared and the shared refusals into the document, each code with its meaning', async () => {
    const { nest, document } = await app(true);
    const take = document.paths['/things/{what}'].post!;
    expect(Object.keys(take.responses).sort()).toEqual(['201', '400', '403', '404', '409', '413', '415', '500']);
    const conflict = take.responses['409'] as { description: string; content: Record<string, { schema: object }> };
    expect(conflict.description).toContain('`thing_taken`: Someone has it');
    expect(conflict.description).toContain('`concurrent_update`: ');
    expect(JSON.stringify(conflict.content['application/json'].schema)).toContain('#/components/schemas/ErrorDto');
    // A public read: no 401 (no session needed), no cross-site or concurrency refusals (not a write).
    expect(Object.keys(document.paths['/things'].get!.responses).sort()).toEqual(['200', '400', '404', '413', '415', '500']);
    await nest.close();
  });

  it('answers an undeclared status or code with a loud 500 when policing, and leaves declared ones alone', async () => {
    const { nest, http } = await app(true);
    await http.post('/things/taken').expect(409, { statusCode: 409, code: 'thing_taken', message: 'Taken' });
    await http.post('/things/missing').expect(404);
    const code = await http.post('/things/locked').expect(500);
    expect(code.body).toMatchObject({
      code: 'undeclared_error',
      message: expect.stringContaining('POST /things/{what} answered 409 thing_locked'),
    });
    const status = await http.post('/things/brew').expect(500);
    expect(status.body.message).toContain('answered 418 teapot');
    // Refused before any route: judged against what any request may be answered.
    await http.post('/nowhere').expect(404);
    await nest.close();
  });

  it('answers as thrown when not policing (production)', async () => {
    const { nest, http } = await app(false);
    await http.post('/things/locked').expect(409);
    await http.post('/things/brew').expect(418);
    await nest.close();
  });

  it('refuses an error response declared with an @Api…Response decorator, which nothing would police', async () => {
    const { ApiConflictResponse } = await import('@nestjs/swagger');
    @Controller('other')
    class OtherController {
      @Get()
      @ApiConflictResponse({ type: ErrorDto, description: 'conflict' })
      get(): string {
        return '';
      }
    }
    const moduleRef = await Test.createTestingModule({ controllers: [OtherController] }).compile();
    const nest = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    const id = (c: string, m: string) => `${c}_${m}`;
    const document = SwaggerModule.createDocument(
      nest,
      { openapi: '3.0.0', info: { title: 't', version: '1' } },
      {
        extraModels: [ErrorDto],
        operationIdFactory: id,
      },
    );
    expect(() => declareErrors(nest, document, id)).toThrow(/use @Refuses/);
    await nest.close();
  });
});
