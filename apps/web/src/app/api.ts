import { client } from '@roundtable/api-client';

// Same origin: the session travels as the httpOnly cookie the API sets at sign-in.
client.setConfig({ baseUrl: '', credentials: 'same-origin' });

/** The API's error shape (every 4xx and 5xx): `{ statusCode, code, message, errors? }`. */
export interface ApiProblem {
  statusCode: number;
  code: string;
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

/** Whether something thrown by the client is the API's error body (a network failure is a TypeError instead). */
export function isProblem(error: unknown): error is ApiProblem {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as ApiProblem).statusCode === 'number' &&
    typeof (error as ApiProblem).code === 'string'
  );
}

/** The status of a failed request, or 0 when the API could not be reached. */
export const statusOf = (error: unknown): number => (isProblem(error) ? error.statusCode : 0);

/** The API's messages by field (`dueDate`, `answers.0.text`…); a field repeated keeps its first message. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isProblem(error)) return out;
  for (const { field, message } of error.errors ?? []) out[field] ??= message;
  return out;
}
