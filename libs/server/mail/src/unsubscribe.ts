import { createHmac, timingSafeEqual } from 'node:crypto';

/** Mail a person may turn off. Account, booking and meeting-change mail is essential and has no token. */
export const UNSUBSCRIBE_CATEGORIES = ['reminders', 'recaps', 'briefs'] as const;
export type UnsubscribeCategory = (typeof UNSUBSCRIBE_CATEGORIES)[number];

export interface UnsubscribePayload {
  userId: string;
  category: UnsubscribeCategory;
}

/** Shorter secrets are refused: HMAC-SHA256 wants a key of at least its output size (RFC 2104 §3). */
export const MIN_UNSUBSCRIBE_SECRET_LENGTH = 32;
/** Longer input is not a token of ours; refusing it early keeps hashing cheap. */
const MAX_TOKEN_LENGTH = 512;
/** Binds the MAC to this use, so a secret shared with another signer cannot mint these tokens. */
const PURPOSE = 'roundtable.unsubscribe.v1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A token for an RFC 8058 one-click unsubscribe link: `<payload>.<mac>`, both base64url, the
 * MAC an HMAC-SHA256 of the payload. It does not expire (mail is read weeks late) and holds no
 * personal data beyond the user id.
 */
export function signUnsubscribeToken(secret: string, payload: UnsubscribePayload): string {
  checkSecret(secret);
  if (typeof payload.userId !== 'string' || payload.userId.length === 0) throw new TypeError('userId is required');
  if (!isUnsubscribeCategory(payload.category)) throw new TypeError(`Not an unsubscribe category: ${String(payload.category)}`);
  const body = Buffer.from(JSON.stringify({ u: payload.userId, c: payload.category }), 'utf8').toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/**
 * The payload of a token this secret signed, or null for anything else (tampered, truncated,
 * signed with another secret, an unknown category, not a string). Never throws for a bad token;
 * throws only for a secret that is too short, which is a configuration error.
 */
export function verifyUnsubscribeToken(secret: string, token: unknown): UnsubscribePayload | null {
  checkSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [body, signature] = parts;
  if (!BASE64URL.test(body) || !BASE64URL.test(signature)) return null;
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  // timingSafeEqual throws on a length mismatch; the length of a MAC is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // A re-encoded signature (other trailing bits) decodes to the same bytes: accept only ours.
  if (signature !== expected.toString('base64url')) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof decoded !== 'object' || decoded === null) return null;
    const { u, c } = decoded as { u?: unknown; c?: unknown };
    if (typeof u !== 'string' || u.length === 0 || !isUnsubscribeCategory(c)) return null;
    return { userId: u, category: c };
  } catch {
    return null;
  }
}

export function isUnsubscribeCategory(value: unknown): value is UnsubscribeCategory {
  return typeof value === 'string' && (UNSUBSCRIBE_CATEGORIES as readonly string[]).includes(value);
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}.${body}`).digest();
}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || Buffer.byteLength(secret, 'utf8') < MIN_UNSUBSCRIBE_SECRET_LENGTH) {
    throw new RangeError(`The unsubscribe secret must be at least ${MIN_UNSUBSCRIBE_SECRET_LENGTH} bytes long`);
  }
}
