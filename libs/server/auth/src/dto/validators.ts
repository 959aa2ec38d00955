import { isIanaTimeZone } from '@roundtable/domain';
import { ValidationOptions, registerDecorator } from 'class-validator';

export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/London`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIanaTimeZone(value) },
    });
}
