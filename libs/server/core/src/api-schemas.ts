import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { LOCAL_DATE_TIME_PATTERN } from '@roundtable/domain';

const enums = new Map<string, readonly string[]>();

/** Carries a named enum's default through Nest, which drops it from a query parameter's `$ref` schema. */
const DEFAULT = 'x-enum-default';
type Carrier = { [DEFAULT]?: string };

/**
 * An enum as one named schema of the OpenAPI document, shared by every property and parameter that
 * uses it, so the generated client has one type per list:
 * `@ApiProperty({ ...namedEnum(BOOKING_STATUSES, 'BookingStatus'), description })`. Give a default
 * here, not beside it, or a query parameter loses it. A name stands for one list: naming another
 * list the same throws when the DTO is loaded, where Nest would silently give both the first list.
 */
export function namedEnum<T extends string>(
  values: readonly T[],
  name: string,
  options: { default?: NoInfer<T> } = {},
): { enum: T[]; enumName: string; default?: T } {
  const known = enums.get(name);
  if (known && known.join('\n') !== values.join('\n')) {
    throw new Error(`OpenAPI: the enum ${name} is [${known.join(', ')}]; name [${values.join(', ')}] otherwise`);
  }
  enums.set(name, values);
  const fallback = options.default === undefined ? {} : { default: options.default, [DEFAULT]: options.default };
  return { enum: [...values], enumName: name, ...fallback };
}

const LOCAL_DATE_TIME = 'LocalDateTime';

/**
 * A local wall-clock date and time (2027-03-02T09:30), read in the time zone beside it: not an
 * instant, so not `format: date-time`, which a client would parse as one.
 */
export const localDateTime = (): { allOf: Array<{ $ref: string }> } => ({
  allOf: [{ $ref: `#/components/schemas/${LOCAL_DATE_TIME}` }],
});

/**
 * Completes the document's named schemas: each named enum is its list alone (Nest copies in the
 * description of the first property that used it), a query parameter's named enum gets its default
 * back, and LocalDateTime is defined.
 */
export function writeNamedSchemas(document: OpenAPIObject): void {
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, values] of enums) if (schemas[name]) schemas[name] = { type: 'string', enum: [...values] };
  for (const schema of Object.values(schemas)) {
    for (const property of Object.values((schema as SchemaObject).properties ?? {})) delete (property as Carrier)[DEFAULT];
  }
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item as Record<string, OperationObject>)) {
      for (const param of (op.parameters ?? []) as Array<ParameterObject & Carrier>) {
        if (param[DEFAULT] === undefined) continue;
        param.schema = { allOf: [param.schema as ReferenceObject], default: param[DEFAULT] };
        delete param[DEFAULT];
      }
    }
  }
  schemas[LOCAL_DATE_TIME] = {
    type: 'string',
    pattern: LOCAL_DATE_TIME_PATTERN.source,
    example: '2027-03-02T09:30',
    description:
      'A local wall-clock date and time with no offset (hours 00–23), read in the time zone given beside it: not an instant',
  };
  document.components.schemas = schemas;
}
