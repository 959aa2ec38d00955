import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, FieldError } from './errors';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Unknown fields are refused (400), so nobody can set their own role, status or capacity. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new ApiError(400, 'validation_failed', fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '), fieldErrors);
    },
  });
}
