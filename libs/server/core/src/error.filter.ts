import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ApiError, ErrorBody } from './errors';

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** Maps every failure to ErrorBody; anything unexpected is logged and answered with a bare 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    res.status(body.statusCode).json(body);
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
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      return { statusCode: status, code: CODES_BY_STATUS[status] ?? 'error', message };
    }
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
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Something went wrong on our side' };
  }
}
