import { PipeTransform } from '@nestjs/common';
import { ApiError } from './errors';

/**
 * A path token of a given shape, or a 400 naming the parameter: a value that cannot be a token is bad
 * input, as a malformed id is; a well-formed one the server does not know is the route's 404.
 */
export class TokenShapePipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly field: string,
    private readonly shape: RegExp,
    private readonly what: string,
  ) {}

  transform(value: unknown): string {
    if (typeof value === 'string' && this.shape.test(value)) return value;
    const message = `${this.field} must be ${this.what}`;
    throw new ApiError(400, 'validation_failed', message, [{ field: this.field, message }]);
  }
}
