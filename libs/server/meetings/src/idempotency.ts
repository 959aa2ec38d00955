import { ApiError } from '@roundtable/server-core';
import { IdempotencyKeyEntity } from '@roundtable/server-data';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';

export const KEY_TTL_HOURS = 24;

export interface Replay<T> {
  replayed: boolean;
  body: T;
  /** The response body as sent the first time; send these bytes, so a replay is identical to it. */
  json: string;
}

/**
 * Runs `work` once per (user, Idempotency-Key): a retry with the same request gets the first
 * response back; the same key with a different request is refused (422). Must be called inside
 * the transaction that does the work, so the record and the effect commit together. The
 * advisory lock makes a concurrent retry wait for the first attempt instead of racing it.
 */
export async function idempotent<T>(
  em: EntityManager,
  userId: string,
  key: string | undefined,
  scope: string,
  request: unknown,
  work: () => Promise<T>,
): Promise<Replay<T>> {
  if (key === undefined) {
    const body = await work();
    return { replayed: false, body, json: JSON.stringify(body) };
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw ApiError.badRequest(
      'invalid_idempotency_key',
      'Idempotency-Key must be 1–255 visible ASCII characters',
      'Idempotency-Key',
    );
  }
  const requestHash = createHash('sha256').update(JSON.stringify({ scope, request })).digest('hex');
  await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${userId}:${key}`]);
  // Keys are kept for a day, as payment APIs do: long enough for any retry, and the table stays small.
  await em.query(`DELETE FROM idempotency_key WHERE user_id = $1 AND created_at < now() - interval '${KEY_TTL_HOURS} hours'`, [
    userId,
  ]);
  const existing = await em.findOneBy(IdempotencyKeyEntity, { userId, key });
  if (existing) {
    if (existing.requestHash !== requestHash) {
      throw ApiError.unprocessable('idempotency_key_reused', 'This Idempotency-Key was already used for a different request');
    }
    return { replayed: true, body: JSON.parse(existing.responseBody) as T, json: existing.responseBody };
  }
  const body = await work();
  const json = JSON.stringify(body);
  await em.insert(IdempotencyKeyEntity, { userId, key, scope, requestHash, statusCode: 201, responseBody: json });
  return { replayed: false, body, json };
}
