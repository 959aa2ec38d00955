import { createHmac } from 'node:crypto';
import { signUnsubscribeToken, UNSUBSCRIBE_CATEGORIES, verifyUnsubscribeToken } from './unsubscribe';

const secret = 'a-test-secret-of-more-than-32-bytes-0123456789';
const userId = '6f1c3e0a-8d2b-4b7e-9a51-2c3d4e5f6a7b';

/** A token made the way the module makes them, for payloads the module itself refuses to sign. */
function forge(payload: unknown, key = secret): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', key).update(`roundtable.unsubscribe.v1.${body}`).digest('base64url');
  return `${body}.${mac}`;
}

describe('unsubscribe tokens', () => {
  it.each(UNSUBSCRIBE_CATEGORIES)('round-trips a %s token, URL-safe as it is', (category) => {
    const token = signUnsubscribeToken(secret, { userId, category });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ userId, category });
  });

  it('the test forger agrees with the signer, so the forged cases below test only what they change', () => {
    expect(forge({ u: userId, c: 'reminders' })).toBe(signUnsubscribeToken(secret, { userId, category: 'reminders' }));
  });

  it('refuses a token whose payload was changed: another user, another category', () => {
    const token = signUnsubscribeToken(secret, { userId, category: 'reminders' });
    const [, mac] = token.split('.');
    for (const payload of [
      { u: 'someone-else', c: 'reminders' },
      { u: userId, c: 'recaps' },
    ]) {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      expect(verifyUnsubscribeToken(secret, `${body}.${mac}`)).toBeNull();
    }
  });

  it('refuses a token with any single character changed', () => {
    const token = signUnsubscribeToken(secret, { userId, category: 'briefs' });
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const swapped = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + swapped + token.slice(i + 1);
      expect(verifyUnsubscribeToken(secret, tampered)).toBeNull();
    }
  });

  it('refuses a signature re-encoded with other unused trailing bits, though it decodes to the same bytes', () => {
    const token = signUnsubscribeToken(secret, { userId, category: 'briefs' });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes are 43 characters: the last one carries 4 bits of the MAC and 2 unused ones.
    const last = alphabet.indexOf(token[token.length - 1]);
    const reencoded = token.slice(0, -1) + alphabet[last ^ 1];
    const mac = (t: string) => Buffer.from(t.split('.')[1], 'base64url');
    expect(mac(reencoded).equals(mac(token))).toBe(true);
    expect(verifyUnsubscribeToken(secret, reencoded)).toBeNull();
  });

  it('refuses a truncated token at every length, without throwing', () => {
    const token = signUnsubscribeToken(secret, { userId, category: 'recaps' });
    for (let n = 0; n < token.length; n++) {
      expect(() => verifyUnsubscribeToken(secret, token.slice(0, n))).not.toThrow();
      expect(verifyUnsubscribeToken(secret, token.slice(0, n))).toBeNull();
    }
  });

  it('refuses a token signed with another secret', () => {
    const token = signUnsubscribeToken('another-secret-that-is-also-long-enough-!!', { userId, category: 'reminders' });
    expect(verifyUnsubscribeToken(secret, token)).toBeNull();
  });

  it('refuses a correctly signed token for a category that is not one a person may turn off', () => {
    expect(verifyUnsubscribeToken(secret, forge({ u: userId, c: 'essential' }))).toBeNull();
    expect(verifyUnsubscribeToken(secret, forge({ u: userId, c: 'password_reset' }))).toBeNull();
    expect(() => signUnsubscribeToken(secret, { userId, category: 'essential' as never })).toThrow(TypeError);
  });

  it('refuses correctly signed payloads of the wrong shape', () => {
    for (const payload of [null, [], 'text', { u: '', c: 'reminders' }, { u: 42, c: 'reminders' }, { c: 'reminders' }]) {
      expect(verifyUnsubscribeToken(secret, forge(payload))).toBeNull();
    }
    const body = Buffer.from('not json').toString('base64url');
    const mac = createHmac('sha256', secret).update(`roundtable.unsubscribe.v1.${body}`).digest('base64url');
    expect(verifyUnsubscribeToken(secret, `${body}.${mac}`)).toBeNull();
  });

  it('returns null, never throws, for input that is not a token at all', () => {
    const token = signUnsubscribeToken(secret, { userId, category: 'reminders' });
    for (const input of [
      undefined,
      null,
      42,
      {},
      [token],
      '',
      '.',
      'a.b.c',
      `${token}.x`,
      `${token}=`,
      token.replace('.', '..'),
      'é.é',
      'x'.repeat(10_000),
    ]) {
      expect(() => verifyUnsubscribeToken(secret, input)).not.toThrow();
      expect(verifyUnsubscribeToken(secret, input)).toBeNull();
    }
  });

  it('refuses to work with a short secret: that is a configuration error', () => {
    expect(() => signUnsubscribeToken('short', { userId, category: 'reminders' })).toThrow(RangeError);
    expect(() => verifyUnsubscribeToken('short', 'a.b')).toThrow(RangeError);
  });
});
