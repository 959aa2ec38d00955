import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { ApiError, ErrorBody } from './errors';
import { JSON_BODY_LIMIT } from './http-hardening';
import type { ErrorDeclarations } from './refusals';

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  431: 'headers_too_large',
};

const DEFAULT_RETRY_AFTER_SECONDS = 60;

const TOO_LARGE = `The request body is larger than the limit of ${JSON_BODY_LIMIT / 1024} kB`;

/**
 * Fastify refuses some requests before any route sees them. Its own errors (FastifyError) reach the
 * filter as HttpExceptions of their status (Nest maps them); what is left is an error of the
 * body's stream with a 4xx `statusCode`: zlib's, for bytes that are not what their
 * Content-Encoding says, or the JSON parser's.
 */
function rejectedWhileReading(exception: unknown): ErrorBody | null {
  const e = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
  // Not `instanceof Error`: zlib's errors come from Node's own realm, which under Jest is not the tests'.
  if (typeof exception !== 'object' || exception === null || typeof e.statusCode !== 'number') return null;
  if (e.statusCode < 400 || e.statusCode > 499) return null;
  let message = String(e.message);
  if (e.statusCode === 413) message = TOO_LARGE;
  else if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
    message = 'The request body is not valid data for its Content-Encoding';
  } else if (!message || message === STATUS_CODES[e.statusCode]) message = 'The request body could not be read';
  return { statusCode: e.statusCode, code: CODES_BY_STATUS[e.statusCode] ?? 'bad_request', message };
}

/** Maps every failure to ErrorBody; anything unexpected is logged and answered with a bare 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  /** With declarations (the tests), an answer the route does not declare becomes a 500 `undeclared_error`. */
  constructor(private readonly declarations?: ErrorDeclarations) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const answer = this.toBody(exception);
    const body = this.declarations?.police(host.switchToHttp().getRequest<FastifyRequest>(), answer) ?? answer;
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    // Every 429 says when to come back (a throttle that does not know falls back to a minute), and so does any
    // other refusal that knows, such as a 503 busy.
    const retryAfter =
      exception instanceof ApiError && exception.status === body.statusCode ? exception.retryAfterSeconds : undefined;
    if (body.statusCode === HttpStatus.TOO_MANY_REQUESTS || retryAfter !== undefined) {
      reply.header('Retry-After', String(retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS));
    }
    reply.status(body.statusCode).header('Content-Type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ApiError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, errors: exception.errors };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'code' in response) return response as ErrorBody;
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      // Fastify's own refusal of a body over the limit (FST_ERR_CTP_BODY_TOO_LARGE) names no limit.
      const message =
        status === 413 ? TOO_LARGE : Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return { statusCode: status, code: CODES_BY_STATUS[status] ?? 'error', message };
    }
    const rejected = rejectedWhileReading(exception);
    if (rejected) return rejected;
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; constraint?: string; message?: string; column?: string };
      if (pg.code === '23502') {
        const field = (pg.column ?? 'value').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        return {
          statusCode: 400,
          code: 'validation_failed',
          message: `${field} must not be null`,
          errors: [{ field, message: `${field} must not be null` }],
        };
      }
      // Constraint names are chosen to be safe to show; they tell the client which rule failed.
      if (pg.code === '23505') return { statusCode: 409, code: 'conflict', message: `Already exists (${pg.constraint})` };
      if (pg.code === '23514' || pg.code === '23P01')
        return { statusCode: 409, code: 'constraint_violated', message: `Rule violated (${pg.constraint})` };
      if (pg.code === '23503')
        return { statusCode: 409, code: 'reference_conflict', message: `Referenced record problem (${pg.constraint})` };
      if (pg.code === '22P02') return { statusCode: 400, code: 'bad_request', message: 'Malformed value' };
      if (pg.code === 'P0001') return { statusCode: 409, code: 'constraint_violated', message: pg.message ?? 'Rule violated' };
      // The database chose this transaction to give way to a concurrent one; nothing was written.
      if (pg.code === '40P01' || pg.code === '40001')
        return {
          statusCode: 409,
          code: 'concurrent_update',
          message: 'Another change collided with this one; nothing was saved, try again',
        };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Something went wrong on our side' };
  }
}

const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Node's HTTP parser refuses a malformed request (a control character in a header, headers too
 * large, a broken request line) before Fastify sees it; Fastify's own answer is a JSON body of another
 * shape. This is Fastify's `clientErrorHandler` (see createAdapter), so the answer has the one error shape.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || (socket as Duplex & { bytesWritten?: number }).bytesWritten) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const messages: Record<number, string> = {
    400: 'The request is not valid HTTP (a malformed request line, or a header with a character it may not contain)',
    408: 'The request took too long to arrive',
    413: 'The request’s chunk extensions are too large',
    431: 'The request’s headers are too large',
  };
  const body: ErrorBody = { statusCode: status, code: CODES_BY_STATUS[status] ?? 'bad_request', message: messages[status] };
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    () => socket.destroy(),
  );
}
