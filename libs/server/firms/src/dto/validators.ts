import { normaliseCompaniesHouseNumber, normalisePostcode } from '@roundtable/domain';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** A string field checked by a domain rule, with a message that names the field and the expected form. */
export function Satisfies(rule: (value: string) => boolean, expected: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'satisfiesDomainRule',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be ${expected}`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && rule(value) },
    });
}

export const IsCompaniesHouseNumber = (options?: ValidationOptions) =>
  Satisfies(
    (v) => v.length <= 20 && normaliseCompaniesHouseNumber(v) !== null,
    'a Companies House number: eight digits, or two letters (SC, NI, OC, …) and six digits',
    options,
  );

export const IsUkPostcode = (options?: ValidationOptions) =>
  Satisfies((v) => v.length <= 20 && normalisePostcode(v) !== null, 'a UK postcode such as IV1 1AA', options);
