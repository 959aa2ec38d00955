import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** The one error shape every route returns. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldError[];
}

/** A failure the client can act on, with a stable machine-readable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    /** Sent as `Retry-After` (RFC 9110 10.2.3) by the ErrorFilter, with a 429 or a 503; every 429 carries one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  static tooManyRequests(code: string, message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(HttpStatus.TOO_MANY_REQUESTS, code, message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
  }

  static notFound(what: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', `${what} not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, 'forbidden', message);
  }

  static conflict(code: string, message: string): ApiError {
    return new ApiError(HttpStatus.CONFLICT, code, message);
  }

  static badRequest(code: string, message: string, field?: string): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, code, message, field ? [{ field, message }] : undefined);
  }

  static unprocessable(code: string, message: string): ApiError {
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
  }
}
