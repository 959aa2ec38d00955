import { PasswordService } from '@roundtable/server-auth';
import { PasswordResetEntity, UserEntity } from '@roundtable/server-data';
import { setCookie, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const PASSWORD = 'the-old-passphrase';
const NEW_PASSWORD = 'a brand new passphrase';
const email = (label = 'reset') => `${label}-${uid()}@test.roundtable.local`;

/**
 * Forgotten passwords through the API: what is owed and stored, the links and the limits. The emails themselves, sent
 * by the real worker, are in account-emails.int-spec.ts; here the fixtures mint a link as the worker does.
 */
describe('password reset', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      PASSWORD_RESET_MAX_PER_ADDRESS: '1000',
      PASSWORD_RESET_MAX_FAILURES_PER_ADDRESS: '1000',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    });
  });
  afterAll(() => t.close());

  const ask = (address: string, app: TestApp = t) => app.http.post('/api/auth/password-reset').send({ email: address });
  const confirm = (token: string, newPassword = NEW_PASSWORD, app: TestApp = t) =>
    app.http.post('/api/auth/password-reset/confirm').send({ token, newPassword });
  const login = (address: string, password: string) => t.http.post('/api/auth/login').send({ email: address, password });
  const owed = (userId: string): Promise<{ user_id: string; data: { passwordResetId: string } }[]> =>
    t.db.query(`SELECT user_id, data FROM notification WHERE kind = 'password_reset' AND user_id = $1 ORDER BY created_at`, [
      userId,
    ]);
  const resets = (userId: string) => t.db.manager.find(PasswordResetEntity, { where: { userId }, order: { createdAt: 'ASC' } });

  it('answers the same for an active, a disabled and an unknown email, and owes an email only to the active account', async () => {
    const active = await t.fixtures.user({ email: email('active'), password: PASSWORD });
    const disabled = await t.fixtures.user({ email: email('disabled'), password: PASSWORD });
    await t.db.manager.update(UserEntity, { id: disabled.user.id }, { status: 'disabled' });
    const answers = [];
    for (const address of [active.user.email.toUpperCase(), disabled.user.email, email('nobody')]) {
      const res = await ask(address);
      answers.push({ status: res.status, body: res.body as unknown, cookie: setCookie(res, 'rt_session') });
    }
    expect(answers[0]).toEqual({
      status: 202,
      body: { message: expect.stringMatching(/^If this email belongs to an active account/) },
      cookie: undefined,
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    const [reset] = await resets(active.user.id);
    expect(reset).toMatchObject({ tokenHash: null, expiresAt: null, usedAt: null });
    expect(await owed(active.user.id)).toEqual([{ user_id: active.user.id, data: { passwordResetId: reset.id } }]);
    expect(await resets(disabled.user.id)).toEqual([]);
    expect(await owed(disabled.user.id)).toEqual([]);
    // Asking changes nothing yet: the old password and the sessions still work.
    await login(active.user.email, PASSWORD).expect(200);
    await t.http.get('/api/auth/me').set(active.auth).expect(200);
  });

  it('sets the password once from the link, ends every session and signs the caller in afresh', async () => {
    const who = await t.fixtures.user({ email: email('forgetful'), password: PASSWORD });
    const other = await login(who.user.email, PASSWORD).expect(200);
    await ask(who.user.email).expect(202);
    const token = await t.fixtures.mailPasswordReset(who.user.id);

    const res = await confirm(token).expect(200);
    expect(res.body).toMatchObject({ token: expect.any(String), user: { id: who.user.id, email: who.user.email } });
    expect(setCookie(res, 'rt_session')).toContain(`rt_session=${res.body.token};`);
    for (const old of [who.token, other.body.token as string]) {
      await t.http.get('/api/auth/me').set('Authorization', `Bearer ${old}`).expect(401);
    }
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    await login(who.user.email, PASSWORD).expect(401);
    await login(who.user.email, NEW_PASSWORD).expect(200);
    const stored = await t.db.manager.findOneByOrFail(UserEntity, { id: who.user.id });
    expect(stored.passwordChangedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);

    const again = await confirm(token, 'yet another passphrase').expect(400);
    expect(again.body).toMatchObject({ code: 'password_reset_invalid', errors: [{ field: 'token' }] });
    await login(who.user.email, NEW_PASSWORD).expect(200);
  });

  it('a new request leaves the earlier link working (asking for someone’s email cannot close their link), and using a link closes every other', async () => {
    const who = await t.fixtures.user({ email: email('twice'), password: PASSWORD });
    await ask(who.user.email).expect(202);
    const first = await t.fixtures.mailPasswordReset(who.user.id);
    await ask(who.user.email).expect(202);
    const [older, newer] = await resets(who.user.id);
    expect(older.usedAt).toBeNull();
    expect(newer.usedAt).toBeNull();
    const second = await t.fixtures.mailPasswordReset(who.user.id);
    await confirm(first).expect(200);
    expect((await confirm(second).expect(400)).body.code).toBe('password_reset_invalid');
    for (const reset of await resets(who.user.id)) expect(reset.usedAt).toEqual(expect.any(Date));
  });

  it('refuses a link an hour after it was sent, and a link of a disabled account', async () => {
    const late = await t.fixtures.user({ email: email('late'), password: PASSWORD });
    await ask(late.user.email).expect(202);
    const token = await t.fixtures.mailPasswordReset(late.user.id);
    const [reset] = await resets(late.user.id);
    expect(reset.expiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(reset.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    await t.db.query(`UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE id = $1`, [reset.id]);
    expect((await confirm(token).expect(400)).body.code).toBe('password_reset_invalid');
    await login(late.user.email, PASSWORD).expect(200);

    const disabled = await t.fixtures.user({ email: email('off'), password: PASSWORD });
    await ask(disabled.user.email).expect(202);
    const disabledToken = await t.fixtures.mailPasswordReset(disabled.user.id);
    await t.db.manager.update(UserEntity, { id: disabled.user.id }, { status: 'disabled' });
    expect((await confirm(disabledToken).expect(400)).body.code).toBe('password_reset_invalid');
    const stored = await t.db.manager.findOneByOrFail(UserEntity, { id: disabled.user.id });
    expect(await t.app.get(PasswordService).verify(stored.passwordHash, PASSWORD)).toBe(true);
  });

  it('sets the password exactly once when the link is used many times at once', async () => {
    const who = await t.fixtures.user({ email: email('race'), password: PASSWORD });
    await ask(who.user.email).expect(202);
    const token = await t.fixtures.mailPasswordReset(who.user.id);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => confirm(token, `passphrase number ${i}`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
    const live = await t.db.query(`SELECT count(*)::int AS n FROM session WHERE user_id = $1 AND revoked_at IS NULL`, [
      who.user.id,
    ]);
    expect(live[0].n).toBe(1);
  });

  it('validates the request and the new password', async () => {
    const notAnEmail = await ask('not-an-email').expect(400);
    expect(notAnEmail.body.code).toBe('validation_failed');
    const short = await confirm('x'.repeat(43), 'short').expect(400);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
  });

  describe('limits', () => {
    it('limits requests per email, known or not, and per client address, with Retry-After', async () => {
      const app = await createTestApp({
        TRUST_PROXY: '1',
        PASSWORD_RESET_MAX_PER_EMAIL: '2',
        PASSWORD_RESET_MAX_PER_ADDRESS: '5',
      });
      try {
        const known = await app.fixtures.user({ email: email('known') });
        const from = (address: string, ip: string) =>
          app.http.post('/api/auth/password-reset').set('X-Forwarded-For', ip).send({ email: address });
        // Per email, from any address: the same for an account and for an unknown email.
        for (const address of [known.user.email, email('unknown')]) {
          const statuses = [];
          for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) statuses.push((await from(address, ip)).status);
          expect(statuses).toEqual([202, 202, 429]);
        }
        const refused = await from(known.user.email, '198.51.100.4').expect(429);
        expect(refused.body.code).toBe('too_many_password_reset_requests');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        // Only the two requests that passed owe an email.
        const [{ n }] = await app.db.query(
          `SELECT count(*)::int AS n FROM notification WHERE kind = 'password_reset' AND user_id = $1`,
          [known.user.id],
        );
        expect(n).toBe(2);
        // Per address, whatever the email (the refusals above took no slot).
        const spray = await Promise.all(Array.from({ length: 8 }, () => from(email('spray'), '203.0.113.7')));
        expect(spray.map((r) => r.status).sort()).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
        await from(email('elsewhere'), '203.0.113.8').expect(202);
      } finally {
        await app.close();
      }
    });

    it('looks the token up before any password work, and limits invalid links per address', async () => {
      const app = await createTestApp({ TRUST_PROXY: '1', PASSWORD_RESET_MAX_FAILURES_PER_ADDRESS: '3' });
      const hashing = jest.spyOn(app.app.get(PasswordService), 'hash');
      try {
        const who: SignedIn = await app.fixtures.user({ email: email('guessed') });
        const bogus = (i: number) =>
          app.http
            .post('/api/auth/password-reset/confirm')
            .set('X-Forwarded-For', '203.0.113.99')
            .send({ token: `not-a-real-token-${i}-${uid()}`, newPassword: NEW_PASSWORD });
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => bogus(i)));
        expect(results.map((r) => r.status).sort()).toEqual([...Array(3).fill(400), ...Array(9).fill(429)]);
        for (const r of results.filter((x) => x.status === 429)) {
          expect(r.body.code).toBe('too_many_password_reset_attempts');
          expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
        }
        expect(hashing).not.toHaveBeenCalled();
        // A real link from that address waits too; from anywhere else it works.
        await app.http.post('/api/auth/password-reset').send({ email: who.user.email }).expect(202);
        const body = { token: await app.fixtures.mailPasswordReset(who.user.id), newPassword: NEW_PASSWORD };
        await app.http.post('/api/auth/password-reset/confirm').set('X-Forwarded-For', '203.0.113.99').send(body).expect(429);
        await app.http.post('/api/auth/password-reset/confirm').set('X-Forwarded-For', '198.51.100.99').send(body).expect(200);
        expect(hashing).toHaveBeenCalledTimes(1);
      } finally {
        hashing.mockRestore();
        await app.close();
      }
    });
  });
});
