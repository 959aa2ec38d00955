import { ArgumentsHost, HttpException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorFilter } from './error.filter';
import { ApiError } from './errors';

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const out = { status: 0, body: {} as Record<string, unknown> };
  // The parts of Fastify's reply the filter uses.
  const res = {
    status(code: number) {
      out.status = code;
      return this;
    },
    header() {
      return this;
    },
    send(body: Record<string, unknown>) {
      out.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(exception, host);
  return out;
}

const pgError = (fields: Record<string, string>) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('pg'), fields));

describe('ErrorFilter', () => {
  // The filter logs unexpected errors with their stack; the point here is what the client sees.
  beforeAll(() => Logger.overrideLogger(false));

  it.each([
    ['40P01', 'deadlock'],
    ['40001', 'serialization failure'],
  ])('answers a %s (%s) as a 409 the client may retry', (code) => {
    expect(answer(pgError({ code }))).toEqual({
      status: 409,
      body: expect.objectContaining({ statusCode: 409, code: 'concurrent_update' }),
    });
  });

  it('names the field of a not-null violation', () => {
    const { status, body } = answer(pgError({ code: '23502', column: 'reminder_offsets_minutes' }));
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ field: 'reminderOffsetsMinutes', message: expect.stringContaining('must not be null') }]);
  });

  it('sends Retry-After with every 429 (the throttle’s own wait, or else a minute) and with a 503 that knows', () => {
    const retryAfter = (exception: unknown) => {
      const headers: Record<string, string> = {};
      const res = {
        header: (name: string, value: string) => {
          headers[name] = value;
          return res;
        },
        status: () => res,
        send: () => res,
      };
      const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }) } as unknown as ArgumentsHost;
      new ErrorFilter().catch(exception, host);
      return headers['Retry-After'];
    };
    expect(retryAfter(ApiError.tooManyRequests('too_many_login_attempts', 'Wait', 299.2))).toBe('300');
    expect(retryAfter(new HttpException('Slow down', 429))).toBe('60');
    expect(retryAfter(ApiError.conflict('x', 'Not a 429'))).toBeUndefined();
    expect(retryAfter(new ApiError(503, 'busy', 'Try again soon', undefined, 5))).toBe('5');
    expect(retryAfter(new HttpException('Unavailable', 503))).toBeUndefined();
  });

  it('answers anything unexpected with a bare 500 that reveals nothing', () => {
    const { status, body } = answer(new Error('secret connection string postgres://x'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(body.code).toBe('internal_error');
  });
});
