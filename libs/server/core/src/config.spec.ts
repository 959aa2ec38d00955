import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('works with no settings at all, pointing at the local services', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/roundtable',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TRUST_PROXY: false,
      SESSION_CACHE_SECONDS: 10,
    });
  });

  it('refuses to start with a message naming every bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it.each([
    ['false', false],
    ['0', false],
    ['1', 1],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['loopback,', ['loopback']],
    [' 2 ', 2],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['true', 'TRUE', ' true '])('refuses TRUST_PROXY=%s, which would let clients choose their own IP', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: trusting every proxy/);
  });

  it.each(['yes', '10.0.0.0/99', 'proxy.example.org', '1.2.3'])('refuses TRUST_PROXY=%s at boot, naming the setting', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be false, a hop count/);
  });
});

describe('PUBLIC_URL and the session cookie', () => {
  it('defaults the public URL to the port the server listens on', () => {
    expect(loadConfig({ PORT: '3300' }).PUBLIC_URL).toBe('http://localhost:3300');
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3300', PUBLIC_URL: 'https://roundtable.example.org/' }).PUBLIC_URL).toBe(
      'https://roundtable.example.org',
    );
  });

  it('marks the session cookie Secure exactly when the public URL is https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://roundtable.example.org' }).SESSION_COOKIE_SECURE).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).SESSION_COOKIE_SECURE).toBe(false);
    expect(loadConfig({}).SESSION_COOKIE_SECURE).toBe(false);
  });

  it('refuses a public URL that browsers cannot be sent to', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://example.org' })).toThrow(/PUBLIC_URL: must be an http/);
  });

  it('refuses the removed SESSION_COOKIE_SECURE setting rather than ignore it', () => {
    expect(() => loadConfig({ SESSION_COOKIE_SECURE: 'true' })).toThrow(/SESSION_COOKIE_SECURE: is no longer read/);
  });
});

describe('mail and signing settings', () => {
  it('points the worker at the local inbox by default', () => {
    expect(loadConfig({})).toMatchObject({ SMTP_URL: 'smtp://127.0.0.1:1025', QUEUE_PREFIX: '{rt}' });
  });

  it('refuses to run in production without a signing secret of its own', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SIGNING_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SIGNING_SECRET: 'short' })).toThrow(/at least 32 characters/);
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', SIGNING_SECRET: secret }).SIGNING_SECRET).toBe(secret);
    expect(loadConfig({}).SIGNING_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a mail server that is not an SMTP URL, and a From that is not an address', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(loadConfig({ MAIL_FROM: 'Peer Works <hello@peer.example>' }).MAIL_FROM).toBe('Peer Works <hello@peer.example>');
  });
});

describe('DKIM settings', () => {
  const pem = (type: 'rsa' | 'ed25519', modulusLength = 2048) =>
    (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength }) : generateKeyPairSync('ed25519')).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
  const rsa = pem('rsa');
  const signed = (overrides: Record<string, string> = {}) => ({
    MAIL_FROM: 'Peer Works <hello@mail.peer.example>',
    DKIM_DOMAIN: 'peer.example',
    DKIM_SELECTOR: 'rt2027',
    DKIM_PRIVATE_KEY: rsa,
    ...overrides,
  });

  it('is off unless set, and takes the key with its newlines written as \\n on one line', () => {
    const unset = loadConfig({});
    expect([unset.DKIM_DOMAIN, unset.DKIM_SELECTOR, unset.DKIM_PRIVATE_KEY]).toEqual([undefined, undefined, undefined]);
    const config = loadConfig(signed({ DKIM_DOMAIN: 'Peer.Example.', DKIM_PRIVATE_KEY: rsa.trim().replace(/\n/g, '\\n') }));
    expect(config).toMatchObject({ DKIM_DOMAIN: 'peer.example', DKIM_SELECTOR: 'rt2027', DKIM_PRIVATE_KEY: rsa.trim() });
  });

  it('needs all three settings', () => {
    expect(() => loadConfig({ DKIM_DOMAIN: 'peer.example' })).toThrow(
      /DKIM_SELECTOR: required when DKIM_DOMAIN is set[\s\S]*DKIM_PRIVATE_KEY: required/,
    );
    expect(() => loadConfig(signed({ DKIM_SELECTOR: '' }))).toThrow(
      /DKIM_SELECTOR: required when DKIM_DOMAIN and DKIM_PRIVATE_KEY/,
    );
  });

  it('refuses a key that is not an RSA private key of 1024 bits or more, without printing it', () => {
    for (const [key, problem] of [
      ['not a key', /not a private key in PEM/],
      [pem('ed25519'), /must be an RSA key \(this is ed25519\)/],
      [pem('rsa', 512), /at least 1024 bits.*this has 512/],
    ] as const) {
      expect(() => loadConfig(signed({ DKIM_PRIVATE_KEY: key }))).toThrow(problem);
    }
    try {
      loadConfig(signed({ DKIM_PRIVATE_KEY: pem('rsa', 512) }));
    } catch (err) {
      expect((err as Error).message).not.toContain('PRIVATE KEY-----\n');
    }
  });

  it('refuses a signing domain that does not align with MAIL_FROM, and bad names', () => {
    expect(() => loadConfig(signed({ DKIM_DOMAIN: 'other.example' }))).toThrow(
      /does not align with MAIL_FROM's domain mail\.peer\.example/,
    );
    expect(() => loadConfig(signed({ DKIM_DOMAIN: 'ample.example', MAIL_FROM: 'x@example.example' }))).toThrow(/does not align/);
    expect(loadConfig(signed({ DKIM_DOMAIN: 'mail.peer.example' })).DKIM_DOMAIN).toBe('mail.peer.example');
    expect(() => loadConfig(signed({ DKIM_DOMAIN: 'not a domain' }))).toThrow(/DKIM_DOMAIN: must be a domain name/);
    expect(() => loadConfig(signed({ DKIM_SELECTOR: 'bad selector;' }))).toThrow(/DKIM_SELECTOR: must be a DNS label/);
  });
});
