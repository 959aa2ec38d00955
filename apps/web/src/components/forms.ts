import { UseFormReturnType } from '@mantine/form';
import { fieldErrors, isProblem } from '../app/api';

/**
 * Puts the API's refusal where the person will look: each field message beside its field (the API names
 * fields as the form does, e.g. `dueDate`), and returns the message for the top of the form when the
 * refusal names no field the form shows (or null when every message found its field).
 * `codeFields` names the field a refusal code is about (`{ group_name_taken: 'name' }`): its message goes there.
 */
export function showApiErrors<V>(
  form: UseFormReturnType<V>,
  error: unknown,
  fallback: string,
  codeFields: Partial<Record<string, keyof V & string>> = {},
): string | null {
  const codeField = isProblem(error) ? codeFields[error.code] : undefined;
  if (codeField && isProblem(error)) {
    form.setFieldError(codeField, error.message);
    return null;
  }
  const byField = fieldErrors(error);
  const values = form.getValues() as Record<string, unknown>;
  const placed = Object.entries(byField).filter(([field]) => field.split('.')[0] in values);
  if (placed.length) form.setErrors(Object.fromEntries(placed));
  if (placed.length && placed.length === Object.keys(byField).length) return null;
  return isProblem(error) ? error.message : fallback;
}
