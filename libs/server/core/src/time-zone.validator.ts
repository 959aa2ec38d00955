import { canonicalTimeZone } from '@roundtable/domain';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * An IANA zone that both the runtime and PostgreSQL know, stored in its canonical spelling:
 * `europe/london` arrives at the service as `Europe/London`; anything else is a 400 naming the field.
 */
export function IsTimeZone(options?: ValidationOptions) {
  const canonicalise = Transform(({ value }) => canonicalTimeZone(value) ?? value);
  return (target: object, propertyName: string) => {
    canonicalise(target, propertyName);
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/London`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && canonicalTimeZone(value) === value },
    });
  };
}
