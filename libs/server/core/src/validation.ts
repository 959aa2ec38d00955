import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Matches, ValidateIf, ValidationOptions } from 'class-validator';
import { ApiError, FieldError } from './errors';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function validationFailed(fieldErrors: FieldError[]): ApiError {
  return new ApiError(400, 'validation_failed', fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '), fieldErrors);
}

/** Keys JavaScript gives a meaning of its own. Nest's pipe would drop them without a word; they are refused instead. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A UTF-16 half without its partner: it has no UTF-8 form, so it would be stored as something else. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** NUL cannot be stored in PostgreSQL text at all. */
const unstorable = (text: string) => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);
/** Deeper than any request of this API; deeper still would exhaust the stack of the transformer. */
const MAX_DEPTH = 32;

/** What no DTO rule can catch, or catches too late: reserved keys, text that cannot be stored, runaway nesting. */
function unsafeParts(value: unknown, field: string, found: FieldError[], depth = 0): FieldError[] {
  const at = field || 'body';
  if (typeof value === 'string') {
    if (unstorable(value)) found.push({ field: at, message: `${at} must not contain NUL characters or unpaired surrogates` });
  } else if (value !== null && typeof value === 'object') {
    if (depth >= MAX_DEPTH) {
      found.push({ field: at, message: `${at} is nested too deeply` });
      return found;
    }
    for (const key of Object.keys(value)) {
      const path = Array.isArray(value) ? `${field}[${key}]` : field ? `${field}.${key}` : key;
      if (unstorable(key)) found.push({ field: path, message: `${path} must not contain NUL characters or unpaired surrogates` });
      else if (!Array.isArray(value) && RESERVED_KEYS.has(key))
        found.push({ field: path, message: `property ${key} should not exist` });
      else unsafeParts((value as Record<string, unknown>)[key], path, found, depth + 1);
    }
  }
  return found;
}

/**
 * The global pipe. Besides the DTO rules it refuses, for every body, query and path value, what
 * would otherwise be dropped silently or fail in the database; and it reads booleans in the query
 * strictly (Nest's own conversion turns anything but "true" into false).
 */
class StrictValidationPipe extends ValidationPipe {
  /** DTO classes an empty object is known to satisfy, as a query or a body (see below). */
  private readonly emptyObjectPasses = new WeakSet<object>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Most reads come without a query string, and many writes (a booking, a cancellation) with `{}`.
    // Whether `{}` satisfies a DTO class's rules cannot change at run time, so once it has, the
    // answer is a new instance without running the transformer and validator again: exactly what
    // they return for it (nothing to copy, strip or refuse).
    const { metatype } = metadata;
    if ((metadata.type === 'query' || metadata.type === 'body') && metatype && isEmptyObject(value)) {
      if (this.emptyObjectPasses.has(metatype)) return new (metatype as new () => object)();
      const result = await super.transform({}, metadata);
      if (result instanceof metatype && this.toValidate(metadata)) this.emptyObjectPasses.add(metatype);
      return result;
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const found = unsafeParts(value, metadata.type === 'body' ? '' : (metadata.data ?? ''), []);
      if (found.length) throw validationFailed(found);
    }
    return super.transform(value, metadata);
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, metatype, data } = metadata;
    if (metatype === Boolean && data && (type === 'query' || type === 'param')) {
      if (value !== undefined && value !== 'true' && value !== 'false') {
        throw validationFailed([{ field: data, message: `${data} must be true or false` }]);
      }
    }
    return super.transformPrimitive(value, metadata);
  }
}

const isEmptyObject = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

/** Unknown fields are refused (400), so nobody can set their own role, status or capacity. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

/**
 * An optional property that is never null: left out, it is not checked; sent as null, it fails its
 * rules like any other wrong value. (class-validator's IsOptional lets null through as well, and
 * null would then reach the service as if it were a value.) For properties that may be cleared
 * with null, use IsOptional.
 */
export const OptionalNotNull = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** Text with at least one character that is not white space. */
export const NotBlank = (options?: ValidationOptions) => Matches(/\S/, { message: '$property must not be blank', ...options });
