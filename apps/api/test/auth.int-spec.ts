import { PasswordService } from '@roundtable/server-auth';
import { REDIS } from '@roundtable/server-core';
import { InvitationEntity, RoleAssignmentEntity, SessionEntity, UserEntity } from '@roundtable/server-data';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { buildProgrammeWorld, ProgrammeWorld, setCookie, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const PASSWORD = 'correct horse battery';
const ARGON2_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';
const email = (label = 'user') => `${label}-${uid()}@test.roundtable.local`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];

describe('auth API', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    // Generous limits: this file fails many times from 127.0.0.1; the limits get their own apps below.
    t = await createTestApp({
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
      INVITATION_ACCEPT_MAX_FAILURES_PER_ADDRESS: '1000',
      INVITATION_MAX_PENDING_PER_FIRM: '1000',
    });
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  const login = (app: TestApp, address: string, password: string) =>
    app.http.post('/api/auth/login').send({ email: address, password });

  describe('login', () => {
    it('returns a token and sets an httpOnly SameSite=Lax rt_session cookie; both authenticate', async () => {
      const { user } = await t.fixtures.user({ password: PASSWORD });
      const res = await login(t, user.email, PASSWORD).expect(200);
      expect(res.body).toMatchObject({ token: expect.any(String), expiresAt: expect.any(String) });
      expect(res.body.user).toMatchObject({ id: user.id, email: user.email, roles: [] });
      const cookie = setCookie(res, 'rt_session');
      expect(cookie).toBeDefined();
      expect(cookie).toContain(`rt_session=${res.body.token};`);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);

      const viaCookie = await t.http.get('/api/auth/me').set('Cookie', `rt_session=${res.body.token}`).expect(200);
      expect(viaCookie.body).toMatchObject({ id: user.id, email: user.email });
      const viaBearer = await t.http.get('/api/auth/me').set(bearer(res.body.token)).expect(200);
      expect(viaBearer.body.id).toBe(user.id);
    });

    it('takes the Bearer scheme in any case (RFC 9110 11.1)', async () => {
      const { token, user } = await t.fixtures.user();
      for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
        const res = await t.http.get('/api/auth/me').set('Authorization', `${scheme} ${token}`).expect(200);
        expect(res.body.id).toBe(user.id);
      }
      await t.http.get('/api/auth/me').set('Authorization', `Basic ${token}`).expect(401);
    });

    it('treats the email case-insensitively and ignores surrounding spaces', async () => {
      const { user } = await t.fixtures.user({ email: email('Mixed.Case'), password: PASSWORD });
      const res = await login(t, user.email.toUpperCase(), PASSWORD).expect(200);
      expect(res.body.user.id).toBe(user.id);
    });

    it('gives the same answer for an unknown email, a wrong password and an account without a password', async () => {
      const { user } = await t.fixtures.user({ password: PASSWORD });
      const invited = await t.db.manager.save(
        t.db.manager.create(UserEntity, { email: email('invited'), name: 'Invited', status: 'invited' }),
      );
      const unknown = await login(t, email('nobody'), PASSWORD).expect(401);
      const wrong = await login(t, user.email, 'not the password').expect(401);
      const noPassword = await login(t, invited.email, PASSWORD).expect(401);
      expect(unknown.body).toEqual({ statusCode: 401, code: 'invalid_credentials', message: 'Email or password is incorrect' });
      expect(wrong.body).toEqual(unknown.body);
      expect(noPassword.body).toEqual(unknown.body);
      expect(setCookie(wrong, 'rt_session')).toBeUndefined();
    });

    it('refuses a disabled account with the right password, and ends its sessions', async () => {
      const person = await t.fixtures.user({ password: PASSWORD });
      await t.db.manager.update(UserEntity, { id: person.user.id }, { status: 'disabled' });
      const res = await login(t, person.user.email, PASSWORD).expect(401);
      expect(res.body.code).toBe('invalid_credentials');
      await t.http.get('/api/auth/me').set(person.auth).expect(401);
    });

    it('refuses a missing, unknown, revoked or expired session with 401', async () => {
      await t.http.get('/api/auth/me').expect(401);
      await t.http.get('/api/auth/me').set(bearer('not-a-session-token')).expect(401);
      const person = await t.fixtures.user();
      await t.db.manager.update(SessionEntity, { userId: person.user.id }, { expiresAt: new Date(Date.now() - 1000) });
      const res = await t.http.get('/api/auth/me').set(person.auth).expect(401);
      expect(res.body.code).toBe('unauthenticated');
    });

    it('validates the body', async () => {
      const res = await t.http.post('/api/auth/login').send({ email: 'not-an-email', password: '' }).expect(400);
      expect(fields(res.body).sort()).toEqual(['email', 'password']);
    });
  });

  describe('login throttling', () => {
    // TRUST_PROXY=1 believes the one hop supertest does not add, so X-Forwarded-For sets the client address.
    const from = (app: TestApp, ip: string, address: string, password: string) =>
      app.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: address, password });
    const retryAfter = (res: { headers: Record<string, unknown> }) => Number(res.headers['retry-after']);

    it('refuses the account from the address that failed, with Retry-After, while its owner elsewhere signs in', async () => {
      const app = await createTestApp({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        const bystander = await app.fixtures.user({ password: PASSWORD });
        // Failures count against the account however the email is written.
        for (const address of [user.email, user.email.toUpperCase(), ` ${user.email}`]) {
          await from(app, '203.0.113.7', address.trim(), 'wrong password').expect(401);
        }
        const locked = await from(app, '203.0.113.7', user.email, PASSWORD).expect(429);
        expect(locked.body).toMatchObject({ statusCode: 429, code: 'too_many_login_attempts' });
        expect(locked.body.message).toMatch(/Try again in \d+ minutes?/);
        expect(retryAfter(locked)).toBeGreaterThan(0);
        expect(retryAfter(locked)).toBeLessThanOrEqual(app.config.LOGIN_WINDOW_SECONDS);
        expect(setCookie(locked, 'rt_session')).toBeUndefined();
        // The owner, on their own network, is not kept out by someone who knows their email.
        await from(app, '198.51.100.20', user.email, PASSWORD).expect(200);
        // Another account from the same address is unaffected.
        await from(app, '203.0.113.7', bystander.user.email, PASSWORD).expect(200);
      } finally {
        await app.close();
      }
    });

    it('holds the account limit against many guesses sent at once', async () => {
      const app = await createTestApp({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => from(app, '203.0.113.8', user.email, `guess ${i}`)),
        );
        const statuses = results.map((r) => r.status);
        expect(statuses.filter((s) => s === 401)).toHaveLength(3);
        expect(statuses.filter((s) => s === 429)).toHaveLength(9);
        for (const r of results.filter((x) => x.status === 429)) expect(retryAfter(r)).toBeGreaterThan(0);
        await from(app, '203.0.113.8', user.email, PASSWORD).expect(429);
        await from(app, '198.51.100.21', user.email, PASSWORD).expect(200);
      } finally {
        await app.close();
      }
    });

    it('checks at most the limit of a burst of wrong passwords against the hash, from one address or from many', async () => {
      // The default limits: 5 per account and address, 50 per address; the account-wide ceiling lowered to 8.
      const app = await createTestApp({ TRUST_PROXY: '1', LOGIN_ACCOUNT_FAILURE_CEILING: '8' });
      const verify = jest.spyOn(app.app.get(PasswordService), 'verify');
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        const burst = (ip: (i: number) => string) =>
          Promise.all(Array.from({ length: 30 }, (_, i) => from(app, ip(i), user.email, `guess ${i}`)));
        const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

        const fromOne = await burst(() => '203.0.113.30');
        expect(verify).toHaveBeenCalledTimes(5);
        expect(statuses(fromOne)).toEqual([...Array(5).fill(401), ...Array(25).fill(429)]);
        for (const r of fromOne.filter((x) => x.status === 429)) expect(retryAfter(r)).toBeGreaterThan(0);

        // 5 failures count towards the ceiling of 8 already: of guesses from 30 addresses at once, 3 more are checked.
        verify.mockClear();
        const fromMany = await burst((i) => `192.0.2.${150 + i}`);
        expect(verify).toHaveBeenCalledTimes(3);
        expect(statuses(fromMany)).toEqual([...Array(3).fill(401), ...Array(27).fill(429)]);
        for (const r of fromMany.filter((x) => x.status === 429)) expect(retryAfter(r)).toBeGreaterThan(0);
        // The account is locked everywhere, the owner included, until the lock runs out.
        verify.mockClear();
        await from(app, '198.51.100.30', user.email, PASSWORD).expect(429);
        expect(verify).not.toHaveBeenCalled();
      } finally {
        verify.mockRestore();
        await app.close();
      }
    });

    it('clears the failure count after a successful login', async () => {
      const app = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        await login(app, user.email, 'wrong password').expect(401);
        await login(app, user.email, 'wrong password').expect(401);
        await login(app, user.email, PASSWORD).expect(200);
        await login(app, user.email, 'wrong password').expect(401);
        await login(app, user.email, 'wrong password').expect(401);
        await login(app, user.email, PASSWORD).expect(200);
      } finally {
        await app.close();
      }
    });

    it('limits failures per address across different accounts', async () => {
      const app = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '5' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        for (let i = 0; i < 5; i += 1) await login(app, email(`spray${i}`), PASSWORD).expect(401);
        const refused = await login(app, user.email, PASSWORD).expect(429);
        expect(refused.body.code).toBe('too_many_login_attempts');
        expect(retryAfter(refused)).toBeGreaterThan(0);
      } finally {
        await app.close();
      }
    });

    it('does not count successful logins against the address: a whole venue signs in from one network', async () => {
      // The default limits: more people than LOGIN_MAX_FAILURES_PER_ADDRESS (50) sign in from one address in the window.
      const app = await createTestApp();
      try {
        const people = await Promise.all(Array.from({ length: 55 }, () => app.fixtures.user({ password: PASSWORD })));
        for (const person of people) await login(app, person.user.email, PASSWORD).expect(200);
        // One person mistypes once: still well inside the limit.
        await login(app, people[0].user.email, 'mistyped password').expect(401);
        await login(app, people[0].user.email, PASSWORD).expect(200);
      } finally {
        await app.close();
      }
    });

    it('counts an IPv6 client by its /64', async () => {
      const app = await createTestApp({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        // A new address of the same /64 for every guess is still the same client.
        for (const ip of ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:db8:7:1:ffff:ffff:ffff:fff3']) {
          await from(app, ip, email('spray'), PASSWORD).expect(401);
        }
        const refused = await from(app, '2001:db8:7:1:abcd::4', user.email, PASSWORD).expect(429);
        expect(retryAfter(refused)).toBeGreaterThan(0);
        // The next /64 is another client.
        await from(app, '2001:db8:7:2::1', user.email, PASSWORD).expect(200);
      } finally {
        await app.close();
      }
    });

    it('keeps a ceiling per account across every address, and doubles the lock each time it is reached', async () => {
      const app = await createTestApp({
        TRUST_PROXY: '1',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '2',
        LOGIN_ACCOUNT_FAILURE_CEILING: '4',
        LOGIN_WINDOW_SECONDS: '60',
      });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        const guessFromFourAddresses = async (round: number) => {
          for (let i = 0; i < 4; i += 1) await from(app, `192.0.2.${round * 10 + i}`, user.email, `guess ${i}`).expect(401);
        };
        await guessFromFourAddresses(1);
        const first = await from(app, '192.0.2.50', user.email, PASSWORD).expect(429);
        expect(retryAfter(first)).toBeGreaterThan(50);
        expect(retryAfter(first)).toBeLessThanOrEqual(60);
        // While locked, even the owner on a clean address waits: that is the price of the ceiling.
        await from(app, '192.0.2.51', user.email, PASSWORD).expect(429);
        // The lock runs out (here: removed); the next run of guesses earns a lock twice as long.
        await app.app.get<Redis>(REDIS).del(`login:account-lock:${user.email}`);
        await guessFromFourAddresses(2);
        const second = await from(app, '192.0.2.52', user.email, PASSWORD).expect(429);
        expect(retryAfter(second)).toBeGreaterThan(110);
        expect(retryAfter(second)).toBeLessThanOrEqual(120);
      } finally {
        await app.close();
      }
    });

    it('lets the owner in from an address they signed in from before, while the ceiling locks every other address', async () => {
      const app = await createTestApp({
        TRUST_PROXY: '1',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '2',
        LOGIN_ACCOUNT_FAILURE_CEILING: '4',
        LOGIN_WINDOW_SECONDS: '60',
      });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        // The owner's office, known from an earlier sign-in.
        await from(app, '198.51.100.70', user.email, PASSWORD).expect(200);
        // Someone spreads guesses over many addresses until the account-wide ceiling locks it.
        for (let i = 0; i < 5; i += 1) await from(app, `192.0.2.${100 + i}`, user.email, `guess ${i}`);
        await from(app, '192.0.2.120', user.email, PASSWORD).expect(429);
        // The owner at the office still gets in, and the limits per account and address still hold there.
        await from(app, '198.51.100.70', user.email, PASSWORD).expect(200);
        await from(app, '198.51.100.70', user.email, 'typo 1').expect(401);
        await from(app, '198.51.100.70', user.email, 'typo 2').expect(401);
        await from(app, '198.51.100.70', user.email, PASSWORD).expect(429);
      } finally {
        await app.close();
      }
    });

    it('shares the counters between API processes through Redis', async () => {
      const shared = { REDIS_KEY_PREFIX: `rt-test:${randomUUID()}:`, LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' };
      const one = await createTestApp(shared);
      const two = await createTestApp(shared);
      const elsewhere = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
      try {
        const { user } = await one.fixtures.user({ password: PASSWORD });
        for (let i = 0; i < 3; i += 1) await login(one, user.email, 'wrong password').expect(401);
        const res = await login(two, user.email, PASSWORD).expect(429);
        expect(res.body.code).toBe('too_many_login_attempts');
        // Same database, other key space: the lock lives in Redis, not in the process or the database.
        await login(elsewhere, user.email, PASSWORD).expect(200);
      } finally {
        await Promise.all([one.close(), two.close(), elsewhere.close()]);
      }
    });
  });

  describe('sessions and passwords', () => {
    it('logout ends the session and clears the cookie', async () => {
      const { user } = await t.fixtures.user({ password: PASSWORD });
      const first = await login(t, user.email, PASSWORD).expect(200);
      const second = await login(t, user.email, PASSWORD).expect(200);
      const out = await t.http.post('/api/auth/logout').set('Cookie', `rt_session=${first.body.token}`).expect(204);
      expect(setCookie(out, 'rt_session')).toMatch(/^rt_session=;.*Expires=Thu, 01 Jan 1970/);
      await t.http.get('/api/auth/me').set(bearer(first.body.token)).expect(401);
      await t.http.get('/api/auth/me').set('Cookie', `rt_session=${first.body.token}`).expect(401);
      // Only that session: the other device stays signed in.
      await t.http.get('/api/auth/me').set(bearer(second.body.token)).expect(200);
      await t.http.post('/api/auth/logout').set(bearer(first.body.token)).expect(401);
    });

    it('a password change ends every session and returns a working new one', async () => {
      const { user } = await t.fixtures.user({ password: PASSWORD });
      const laptop = (await login(t, user.email, PASSWORD).expect(200)).body.token as string;
      const phone = (await login(t, user.email, PASSWORD).expect(200)).body.token as string;
      const newPassword = 'a much longer passphrase';
      const res = await t.http
        .post('/api/auth/password')
        .set(bearer(laptop))
        .send({ currentPassword: PASSWORD, newPassword })
        .expect(200);
      expect(res.body.token).toEqual(expect.any(String));
      expect(setCookie(res, 'rt_session')).toContain(`rt_session=${res.body.token};`);
      await t.http.get('/api/auth/me').set(bearer(laptop)).expect(401);
      await t.http.get('/api/auth/me').set(bearer(phone)).expect(401);
      await t.http.get('/api/auth/me').set(bearer(res.body.token)).expect(200);
      await login(t, user.email, PASSWORD).expect(401);
      await login(t, user.email, newPassword).expect(200);
      const stored = await t.db.manager.findOneByOrFail(UserEntity, { id: user.id });
      expect(stored.passwordHash?.startsWith(ARGON2_PREFIX)).toBe(true);
      expect(stored.passwordChangedAt).toBeInstanceOf(Date);
    });

    it('refuses a wrong current password (400 naming currentPassword) and keeps the sessions', async () => {
      const { user } = await t.fixtures.user({ password: PASSWORD });
      const token = (await login(t, user.email, PASSWORD).expect(200)).body.token as string;
      const res = await t.http
        .post('/api/auth/password')
        .set(bearer(token))
        .send({ currentPassword: 'not my password', newPassword: 'a much longer passphrase' })
        .expect(400);
      expect(res.body.code).toBe('invalid_current_password');
      expect(fields(res.body)).toEqual(['currentPassword']);
      await t.http.get('/api/auth/me').set(bearer(token)).expect(200);
      await login(t, user.email, PASSWORD).expect(200);
      const short = await t.http
        .post('/api/auth/password')
        .set(bearer(token))
        .send({ currentPassword: PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(fields(short.body)).toEqual(['newPassword']);
    });

    it('stores passwords as argon2id with m=19456, t=2, p=1', async () => {
      const { user } = await t.fixtures.user({ password: PASSWORD });
      const stored = await t.db.manager.findOneByOrFail(UserEntity, { id: user.id });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    });
  });

  describe('invitations', () => {
    const invite = (who: SignedIn, body: Record<string, unknown>) => t.http.post('/api/invitations').set(who.auth).send(body);
    const accept = (token: string, password = 'a long new passphrase') =>
      t.http.post('/api/invitations/accept').send({ token, password });
    const accounts = (address: string) => t.db.manager.countBy(UserEntity, { email: address.toLowerCase() });
    /** The link the invitation's email carries, as the worker mints it when it sends. */
    const mailed = (invitationId: string) => t.fixtures.mailInvitation(invitationId);
    /** The emails owed for an invitation (a worker of another test file may be sending them: their status varies). */
    const owed = (invitationId: string): Promise<{ kind: string; user_id: string | null }[]> =>
      t.db.query(`SELECT kind, user_id FROM notification WHERE invitation_id = $1 ORDER BY created_at`, [invitationId]);
    /** As if the invitation's last email had been owed more than a minute ago. */
    const aMinuteLater = (invitationId: string) =>
      t.db.query(`UPDATE notification SET created_at = created_at - interval '61 seconds' WHERE invitation_id = $1`, [
        invitationId,
      ]);
    const NEUTRAL_KEYS = ['createdAt', 'email', 'expiresAt', 'firmId', 'groupId', 'id', 'name', 'programmeId', 'role', 'status'];

    it('a manager invites a facilitator of their group, who sets a password and is signed in', async () => {
      const address = email('facilitator');
      const res = await invite(a.manager, {
        email: address,
        name: 'Fiona Facilitator',
        role: 'facilitator',
        groupId: a.group.id,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        email: address,
        status: 'pending',
        role: 'facilitator',
        groupId: a.group.id,
        expiresAt: expect.any(String),
      });
      // The link is only ever emailed: the answer carries none, and the email is owed with the invitation.
      expect(Object.keys(res.body).sort()).toEqual(NEUTRAL_KEYS);
      expect(JSON.stringify(res.body)).not.toMatch(/token|password/i);
      expect(await owed(res.body.id)).toEqual([{ kind: 'account_invitation', user_id: null }]);
      // No account exists until the link is followed.
      expect(await accounts(address)).toBe(0);

      const accepted = await accept(await mailed(res.body.id), 'fiona sets a passphrase').expect(200);
      expect(setCookie(accepted, 'rt_session')).toContain(`rt_session=${accepted.body.token};`);
      expect(accepted.body.user).toMatchObject({
        email: address,
        name: 'Fiona Facilitator',
        timezone: a.programme.timezone,
        roles: [{ role: 'facilitator', programmeId: a.programme.id, groupId: a.group.id }],
      });
      await t.http.get('/api/auth/me').set(bearer(accepted.body.token)).expect(200);
      const stored = await t.db.manager.findOneByOrFail(UserEntity, { email: address });
      expect(stored.status).toBe('active');
      expect(stored.passwordHash?.startsWith(ARGON2_PREFIX)).toBe(true);
      expect(await t.db.manager.findOneByOrFail(InvitationEntity, { id: res.body.id })).toMatchObject({
        userId: stored.id,
        acceptedAt: expect.any(Date),
      });
      await login(t, address, 'fiona sets a passphrase').expect(200);
    });

    it('a manager invites a person of a firm in their programme; the link works once', async () => {
      const res = await invite(a.manager, {
        email: email('member'),
        name: 'Mhairi Member',
        role: 'member',
        firmId: a.firm.id,
      }).expect(201);
      const token = await mailed(res.body.id);
      const accepted = await accept(token).expect(200);
      expect(accepted.body.user).toMatchObject({ firmId: a.firm.id, roles: [] });
      const again = await accept(token).expect(400);
      expect(again.body).toMatchObject({ code: 'invitation_invalid' });
      expect(fields(again.body)).toEqual(['token']);
    });

    it('refuses an expired link and creates no account', async () => {
      const address = email('late');
      const res = await invite(a.manager, { email: address, name: 'Late', role: 'member', firmId: a.firm.id }).expect(201);
      const token = await mailed(res.body.id);
      await t.db.manager.update(InvitationEntity, { id: res.body.id }, { expiresAt: new Date(Date.now() - 60_000) });
      const late = await accept(token).expect(400);
      expect(late.body.code).toBe('invitation_invalid');
      expect(await accounts(address)).toBe(0);
    });

    it('a new invitation renews the pending one and emails it again, at most once a minute', async () => {
      const address = email('twice');
      const body = { email: address, name: 'Twice', role: 'member', firmId: a.firm.id };
      const first = await invite(a.manager, body).expect(201);
      const token = await mailed(first.body.id);
      const second = await invite(a.manager, body).expect(201);
      expect(second.body.id).toBe(first.body.id);
      // Emailed a moment ago: its link still works, and no second email is owed yet.
      expect(await owed(first.body.id)).toHaveLength(1);
      await aMinuteLater(first.body.id);
      await invite(a.manager, body).expect(201);
      // Kept from being sent (by a worker of another test file), so that the link below is the live one.
      await t.db.query(
        `UPDATE notification SET status = 'skipped' WHERE invitation_id = $1 AND status IN ('pending', 'queued')`,
        [first.body.id],
      );
      expect(await owed(first.body.id)).toHaveLength(2);
      // The live link works until the new email replaces it.
      await accept(token).expect(200);
    });

    it('a renewal of an expired invitation replaces its link and emails a new one at once', async () => {
      const body = { email: email('lapsed'), name: 'Lapsed', role: 'member', firmId: a.firm.id };
      const first = await invite(a.manager, body).expect(201);
      const token = await mailed(first.body.id);
      await t.db.manager.update(InvitationEntity, { id: first.body.id }, { expiresAt: new Date(Date.now() - 60_000) });
      const renewed = await invite(a.manager, body).expect(201);
      expect(renewed.body).toMatchObject({ id: first.body.id, status: 'pending' });
      expect(new Date(renewed.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);
      expect(await owed(first.body.id)).toHaveLength(2);
      // The old link is not revived by the new expiry.
      expect((await accept(token).expect(400)).body.code).toBe('invitation_invalid');
      await accept(await mailed(first.body.id)).expect(200);
    });

    it('answers the same for an email with an account anywhere as for a new one', async () => {
      const staffElsewhere = await t.fixtures.user({ managerOf: b.programme.id });
      const personElsewhere = await t.fixtures.user({ firmId: b.firm.id });
      const answers = [];
      for (const address of [staffElsewhere.user.email, personElsewhere.user.email.toUpperCase(), email('nobody')]) {
        const res = await invite(a.member, { email: address, name: 'Someone', role: 'member', firmId: a.firm.id });
        answers.push({
          status: res.status,
          keys: Object.keys(res.body).sort(),
          state: res.body.status,
          emails: (await owed(res.body.id)).length,
        });
        expect(JSON.stringify(res.body)).not.toContain(staffElsewhere.user.id);
        expect(JSON.stringify(res.body)).not.toContain(personElsewhere.user.id);
      }
      expect(answers).toEqual(Array(3).fill({ status: 201, keys: NEUTRAL_KEYS, state: 'pending', emails: 1 }));
      // Nothing about the existing accounts changed.
      expect((await t.http.get('/api/auth/me').set(staffElsewhere.auth).expect(200)).body.firmId).toBeNull();
      expect((await t.http.get('/api/auth/me').set(personElsewhere.auth).expect(200)).body.firmId).toBe(b.firm.id);
    });

    it('a member’s invitation is emailed, gives them no link and makes no account; the address’s owner can still be invited', async () => {
      const victim = email('victim');
      const own = await invite(a.member, { email: victim, name: 'Not Yours', role: 'member', firmId: a.firm.id }).expect(201);
      expect(own.body).toMatchObject({ status: 'pending' });
      expect(JSON.stringify(own.body)).not.toMatch(/token|password/i);
      expect(await owed(own.body.id)).toEqual([{ kind: 'account_invitation', user_id: null }]);
      expect(await accounts(victim)).toBe(0);
      // Staff see it pending; the real owner is invited into another programme and signs up there.
      const pending = await t.http.get('/api/invitations?pageSize=100').set(a.manager.auth).expect(200);
      expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(own.body.id);
      const elsewhere = await invite(b.manager, {
        email: victim,
        name: 'Owner',
        role: 'facilitator',
        groupId: b.group.id,
      }).expect(201);
      const accepted = await accept(await mailed(elsewhere.body.id), 'the owner’s own passphrase').expect(200);
      expect(accepted.body.user).toMatchObject({
        email: victim,
        firmId: null,
        roles: [{ role: 'facilitator', groupId: b.group.id }],
      });
    });

    it('a member may invite a colleague into their own firm but not into another firm (404)', async () => {
      const own = await invite(a.member, { email: email('colleague'), name: 'Colleague', role: 'member', firmId: a.firm.id });
      expect(own.status).toBe(201);
      for (const firmId of [a.otherFirm.id, b.firm.id]) {
        const res = await invite(a.member, { email: email('intruder'), name: 'Intruder', role: 'member', firmId }).expect(404);
        expect(res.body.code).toBe('not_found');
      }
      const manager = await invite(a.member, {
        email: email('pm'),
        name: 'PM',
        role: 'programme_manager',
        programmeId: a.programme.id,
      });
      expect(manager.status).toBe(403);
    });

    it('gives nobody the link, and emails every invitation whoever sends it', async () => {
      const admin = await t.fixtures.user({ admin: true });
      const body = () => ({ email: email('link'), name: 'Link', role: 'member', firmId: a.firm.id });
      for (const who of [admin, a.manager, a.facilitator, a.otherFacilitator, a.member]) {
        const res = await invite(who, body()).expect(201);
        expect(Object.keys(res.body).sort()).toEqual(NEUTRAL_KEYS);
        expect(await owed(res.body.id)).toEqual([{ kind: 'account_invitation', user_id: null }]);
        // The emailed link is the one way in, for a member's invitation as for a manager's.
        await accept(await mailed(res.body.id)).expect(200);
      }
    });

    it('a manager cannot invite into another programme (404)', async () => {
      const bodies = [
        { role: 'member', firmId: b.firm.id },
        { role: 'facilitator', groupId: b.group.id },
        { role: 'programme_manager', programmeId: b.programme.id },
      ];
      for (const body of bodies) {
        const res = await invite(a.manager, { email: email('elsewhere'), name: 'Elsewhere', ...body });
        expect([res.status, res.body.code]).toEqual([404, 'not_found']);
      }
    });

    it('a facilitator cannot invite a programme manager or another facilitator (403)', async () => {
      const pm = await invite(a.facilitator, {
        email: email('pm'),
        name: 'PM',
        role: 'programme_manager',
        programmeId: a.programme.id,
      }).expect(403);
      expect(pm.body.code).toBe('forbidden');
      await invite(a.facilitator, { email: email('fac'), name: 'F', role: 'facilitator', groupId: a.group.id }).expect(403);
      const count = await t.db.manager.countBy(InvitationEntity, { programmeId: a.programme.id, role: 'programme_manager' });
      expect(count).toBe(0);
    });

    it('refuses unknown roles and unknown fields (400) and names missing scope ids', async () => {
      const admin = await invite(a.manager, { email: email('x'), name: 'X', role: 'admin' }).expect(400);
      expect(fields(admin.body)).toContain('role');
      const extra = await invite(a.manager, {
        email: email('x'),
        name: 'X',
        role: 'member',
        firmId: a.firm.id,
        isAdmin: true,
        status: 'active',
      }).expect(400);
      expect(extra.body.message).toMatch(/property isAdmin should not exist/);
      const noFirm = await invite(a.manager, { email: email('x'), name: 'X', role: 'member' }).expect(400);
      expect(fields(noFirm.body)).toEqual(['firmId']);
      const acceptExtra = await t.http
        .post('/api/invitations/accept')
        .send({ token: 'x'.repeat(43), password: 'a long new passphrase', email: 'me@x' })
        .expect(400);
      expect(acceptExtra.body.code).toBe('validation_failed');
    });

    it('accepts a link exactly once when it is used many times at once', async () => {
      const address = email('race');
      const res = await invite(a.manager, { email: address, name: 'Race', role: 'member', firmId: a.firm.id }).expect(201);
      const token = await mailed(res.body.id);
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => accept(token, `passphrase number ${i}`)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
      const user = await t.db.manager.findOneByOrFail(UserEntity, { email: address });
      expect(await t.db.manager.countBy(SessionEntity, { userId: user.id })).toBe(1);
    });

    it('makes one invitation when it is sent several times at once', async () => {
      const address = email('double-click');
      const body = { email: address, name: 'Double Click', role: 'member', firmId: a.firm.id };
      const results = await Promise.all([invite(a.manager, body), invite(a.manager, body), invite(a.manager, body)]);
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await t.db.manager.countBy(InvitationEntity, { email: address })).toBe(1);
      // And one email: the renewals came within the minute of the first.
      expect(await owed(results[0].body.id)).toHaveLength(1);
    });

    it('a manager renewing a member’s invitation becomes its inviter; the person accepts the emailed link', async () => {
      const address = email('pending-member');
      const first = await invite(a.member, { email: address, name: 'Colleague', role: 'member', firmId: a.firm.id }).expect(201);
      const again = await invite(a.manager, { email: address, name: 'Colleague', role: 'member', firmId: a.firm.id }).expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect((await t.db.manager.findOneByOrFail(InvitationEntity, { id: first.body.id })).invitedById).toBe(a.manager.user.id);
      const accepted = await accept(await mailed(again.body.id)).expect(200);
      expect(accepted.body.user).toMatchObject({ email: address, firmId: a.firm.id });
    });

    it('gives an existing account the grant only with its own password, which stays unchanged', async () => {
      const existing = await t.fixtures.user({ password: PASSWORD });
      const res = await invite(a.manager, {
        email: existing.user.email.toUpperCase(),
        name: 'Ignored',
        role: 'facilitator',
        groupId: a.otherGroup.id,
      }).expect(201);
      const token = await mailed(res.body.id);
      // Whoever holds the link cannot take the account over with a password of their own.
      const takeover = await accept(token, 'the inviter’s own passphrase').expect(401);
      expect(takeover.body.code).toBe('invalid_credentials');
      await login(t, existing.user.email, 'the inviter’s own passphrase').expect(401);
      const accepted = await accept(token, PASSWORD).expect(200);
      expect(accepted.body.user).toMatchObject({ id: existing.user.id, name: existing.user.name });
      const roles = await t.db.manager.findBy(RoleAssignmentEntity, { userId: existing.user.id });
      expect(roles).toEqual([expect.objectContaining({ role: 'facilitator', groupId: a.otherGroup.id })]);
      await login(t, existing.user.email, PASSWORD).expect(200);
      // Their other sessions go on.
      await t.http.get('/api/auth/me').set(existing.auth).expect(200);
    });

    it('never pulls an existing account into a firm, nor gives a person of a firm a staff role', async () => {
      const staff = await t.fixtures.user({ managerOf: b.programme.id, password: PASSWORD });
      const intoFirm = await invite(a.manager, { email: staff.user.email, name: 'x', role: 'member', firmId: a.firm.id }).expect(
        201,
      );
      const intoFirmToken = await mailed(intoFirm.body.id);
      const refused = await accept(intoFirmToken, PASSWORD).expect(409);
      expect(refused.body.code).toBe('invitation_not_applicable');
      // Following the link again and again with the right password is no failed login.
      for (let i = 0; i < 6; i += 1) await accept(intoFirmToken, PASSWORD).expect(409);
      await login(t, staff.user.email, PASSWORD).expect(200);
      expect((await t.http.get('/api/auth/me').set(staff.auth).expect(200)).body.firmId).toBeNull();
      const person = await t.fixtures.user({ firmId: b.firm.id, password: PASSWORD });
      const asStaff = await invite(a.manager, {
        email: person.user.email,
        name: 'x',
        role: 'facilitator',
        groupId: a.group.id,
      }).expect(201);
      const noStaff = await accept(await mailed(asStaff.body.id), PASSWORD).expect(409);
      expect(noStaff.body.code).toBe('account_is_firm_member');
      expect(await t.db.manager.countBy(RoleAssignmentEntity, { userId: person.user.id })).toBe(0);
      // Refused grants stay pending: staff can withdraw them.
      await t.http.delete(`/api/invitations/${asStaff.body.id}`).set(a.manager.auth).expect(204);
    });

    it('refuses a link whose inviter may no longer grant it, keeps it pending, and a manager’s renewal revives it', async () => {
      const w = await buildProgrammeWorld(t.fixtures);
      const refusedAsNoLongerAuthorised = async (token: string, address: string) => {
        const res = await accept(token).expect(409);
        expect(res.body.code).toBe('inviter_no_longer_authorised');
        expect(await accounts(address)).toBe(0);
      };
      const stillPending = async (id: string) =>
        expect(await t.db.manager.findOneByOrFail(InvitationEntity, { id })).toMatchObject({
          acceptedAt: null,
          withdrawnAt: null,
        });
      // A manager invites a facilitator, then stops managing the programme.
      const formerManager = await t.fixtures.user({ managerOf: w.programme.id });
      const toStaff = await invite(formerManager, {
        email: email('facilitator'),
        name: 'F',
        role: 'facilitator',
        groupId: w.group.id,
      }).expect(201);
      await t.db.manager.delete(RoleAssignmentEntity, { userId: formerManager.user.id, role: 'programme_manager' });
      await refusedAsNoLongerAuthorised(await mailed(toStaff.body.id), toStaff.body.email);
      await stillPending(toStaff.body.id);
      // Another manager renews it and answers for it from then on.
      const renewed = await invite(w.manager, {
        email: toStaff.body.email,
        name: 'F',
        role: 'facilitator',
        groupId: w.group.id,
      }).expect(201);
      const accepted = await accept(await mailed(renewed.body.id)).expect(200);
      expect(accepted.body.user.roles).toEqual([{ role: 'facilitator', programmeId: w.programme.id, groupId: w.group.id }]);

      // A person of a firm invites colleagues, then leaves the firm, or is deactivated.
      const colleague = async () => {
        const res = await invite(w.member, { email: email('colleague'), name: 'C', role: 'member', firmId: w.firm.id });
        return { id: res.body.id as string, email: res.body.email as string, token: await mailed(res.body.id) };
      };
      const [first, second] = [await colleague(), await colleague()];
      await t.db.manager.update(UserEntity, { id: w.member.user.id }, { firmId: null });
      await refusedAsNoLongerAuthorised(first.token, first.email);
      await t.db.manager.update(UserEntity, { id: w.member.user.id }, { firmId: w.firm.id, status: 'disabled' });
      await refusedAsNoLongerAuthorised(second.token, second.email);
      await stillPending(second.id);
      // What counts is the inviter's standing when the link is followed.
      await t.db.manager.update(UserEntity, { id: w.member.user.id }, { status: 'active' });
      expect((await accept(first.token).expect(200)).body.user.firmId).toBe(w.firm.id);

      // A facilitator invites into a firm, then stops facilitating the programme's only group they had.
      const byFacilitator = await invite(w.facilitator, {
        email: email('colleague'),
        name: 'C',
        role: 'member',
        firmId: w.firm.id,
      });
      const token = await mailed(byFacilitator.body.id);
      await t.http.delete(`/api/groups/${w.group.id}/facilitators/${w.facilitator.user.id}`).set(w.manager.auth).expect(200);
      await refusedAsNoLongerAuthorised(token, byFacilitator.body.email);

      // An existing account's password is checked first, and nothing is granted either.
      const existing = await t.fixtures.user({ password: PASSWORD });
      const formerAgain = await t.fixtures.user({ managerOf: w.programme.id });
      const toExisting = await invite(formerAgain, {
        email: existing.user.email,
        name: 'E',
        role: 'facilitator',
        groupId: w.otherGroup.id,
      }).expect(201);
      await t.db.manager.delete(RoleAssignmentEntity, { userId: formerAgain.user.id });
      const refused = await accept(await mailed(toExisting.body.id), PASSWORD).expect(409);
      expect(refused.body.code).toBe('inviter_no_longer_authorised');
      expect(await t.db.manager.countBy(RoleAssignmentEntity, { userId: existing.user.id })).toBe(0);
    });

    it('lists pending invitations to those who could have made them', async () => {
      const toFirm = await invite(a.member, { email: email('listed'), name: 'Listed', role: 'member', firmId: a.firm.id }).expect(
        201,
      );
      const toStaff = await invite(a.manager, {
        email: email('staff'),
        name: 'Staff',
        role: 'facilitator',
        groupId: a.group.id,
      }).expect(201);
      const ids = async (who: SignedIn) =>
        ((await t.http.get('/api/invitations?pageSize=100').set(who.auth).expect(200)).body.items as { id: string }[]).map(
          (i) => i.id,
        );
      expect(await ids(a.manager)).toEqual(expect.arrayContaining([toFirm.body.id, toStaff.body.id]));
      expect(await ids(a.facilitator)).toContain(toFirm.body.id);
      expect(await ids(a.facilitator)).not.toContain(toStaff.body.id);
      expect(await ids(a.member)).toContain(toFirm.body.id);
      expect(await ids(a.member)).not.toContain(toStaff.body.id);
      for (const who of [a.otherMember, b.manager, b.member, b.facilitator]) {
        const seen = await ids(who);
        expect(seen).not.toContain(toFirm.body.id);
        expect(seen).not.toContain(toStaff.body.id);
      }
      const [listed] = (
        await t.http
          .get(`/api/invitations?q=${encodeURIComponent(toFirm.body.email)}`)
          .set(a.manager.auth)
          .expect(200)
      ).body.items;
      expect(listed).toEqual({ ...toFirm.body, createdAt: expect.any(String) });
    });

    it('staff withdraw a pending invitation and its link stops working; others cannot', async () => {
      const res = await invite(a.manager, { email: email('withdrawn'), name: 'W', role: 'member', firmId: a.firm.id }).expect(
        201,
      );
      const url = `/api/invitations/${res.body.id}`;
      const token = await mailed(res.body.id);
      await t.http.delete(url).set(a.member.auth).expect(403);
      for (const who of [a.otherMember, b.manager, b.facilitator]) await t.http.delete(url).set(who.auth).expect(404);
      await t.http.delete(url).set(a.facilitator.auth).expect(204);
      await t.http.delete(url).set(a.manager.auth).expect(204);
      expect((await accept(token).expect(400)).body.code).toBe('invitation_invalid');
      const listed = await t.http.get('/api/invitations?pageSize=100').set(a.manager.auth).expect(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(res.body.id);

      const used = await invite(a.manager, { email: email('used'), name: 'U', role: 'member', firmId: a.firm.id }).expect(201);
      await accept(await mailed(used.body.id)).expect(200);
      const late = await t.http.delete(`/api/invitations/${used.body.id}`).set(a.manager.auth).expect(409);
      expect(late.body.code).toBe('invitation_accepted');
    });

    describe('resending', () => {
      const resend = (who: SignedIn, id: string) => t.http.post(`/api/invitations/${id}/resend`).set(who.auth).send();

      it('the inviter and the programme’s staff resend it, at most once a minute; anyone else is refused', async () => {
        const res = await invite(a.member, { email: email('resent'), name: 'R', role: 'member', firmId: a.firm.id }).expect(201);
        const id: string = res.body.id;
        await mailed(id);
        // The first email went a moment ago.
        const tooSoon = await resend(a.member, id).expect(429);
        expect(tooSoon.body.code).toBe('invitation_resend_too_soon');
        expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(tooSoon.headers['retry-after'])).toBeLessThanOrEqual(60);
        await aMinuteLater(id);
        // A colleague in the same firm sees it but did not send it; other people cannot see it.
        const colleague = await t.fixtures.user({ firmId: a.firm.id });
        expect((await resend(colleague, id).expect(403)).body.code).toBe('forbidden');
        for (const who of [a.otherMember, b.manager, b.facilitator, b.member]) {
          expect((await resend(who, id).expect(404)).body.code).toBe('not_found');
        }
        expect(await owed(id)).toHaveLength(1);

        const again = await resend(a.member, id).expect(202);
        expect(again.body).toMatchObject({ id, status: 'pending' });
        expect(Object.keys(again.body).sort()).toEqual(NEUTRAL_KEYS);
        expect(await owed(id)).toEqual([
          { kind: 'account_invitation', user_id: null },
          { kind: 'account_invitation', user_id: null },
        ]);
        expect((await resend(a.facilitator, id).expect(429)).body.code).toBe('invitation_resend_too_soon');
        await mailed(id);
        await aMinuteLater(id);
        await resend(a.facilitator, id).expect(202);
        await mailed(id);
        await aMinuteLater(id);
        await resend(a.manager, id).expect(202);
        expect(await owed(id)).toHaveLength(4);
        // Many at once, a minute later: one email, the others wait.
        await mailed(id);
        await aMinuteLater(id);
        const burst = await Promise.all([a.member, a.manager, a.facilitator, a.member, a.manager].map((who) => resend(who, id)));
        expect(burst.map((r) => r.status).sort()).toEqual([202, 429, 429, 429, 429]);
        expect(await owed(id)).toHaveLength(5);
        // Resending changes nothing of who answers for it.
        expect((await t.db.manager.findOneByOrFail(InvitationEntity, { id })).invitedById).toBe(a.member.user.id);
      });

      it('owes nothing more while an earlier email is still waiting to go out', async () => {
        const res = await invite(a.manager, { email: email('waiting'), name: 'W', role: 'member', firmId: a.firm.id }).expect(
          201,
        );
        // Handed to the queue and not sent yet (as while the SMTP server refuses): a resend adds no second email.
        await t.db.query(`UPDATE notification SET status = 'queued', queued_at = now() WHERE invitation_id = $1`, [res.body.id]);
        await aMinuteLater(res.body.id);
        await resend(a.manager, res.body.id).expect(202);
        expect(await owed(res.body.id)).toHaveLength(1);
      });

      it('refuses an accepted or withdrawn invitation (409)', async () => {
        const accepted = await invite(a.manager, { email: email('done'), name: 'D', role: 'member', firmId: a.firm.id }).expect(
          201,
        );
        await accept(await mailed(accepted.body.id)).expect(200);
        await aMinuteLater(accepted.body.id);
        expect((await resend(a.manager, accepted.body.id).expect(409)).body.code).toBe('invitation_accepted');
        const withdrawn = await invite(a.manager, { email: email('gone'), name: 'G', role: 'member', firmId: a.firm.id }).expect(
          201,
        );
        await t.http.delete(`/api/invitations/${withdrawn.body.id}`).set(a.manager.auth).expect(204);
        await aMinuteLater(withdrawn.body.id);
        expect((await resend(a.manager, withdrawn.body.id).expect(409)).body.code).toBe('invitation_withdrawn');
      });

      it('revives an expired invitation with a new link, counted against its inviter’s quota again', async () => {
        const app = await createTestApp({ INVITATION_MAX_PENDING_PER_INVITER: '2' });
        try {
          const w = await buildProgrammeWorld(app.fixtures);
          const send = (address = email('quota')) =>
            app.http
              .post('/api/invitations')
              .set(w.member.auth)
              .send({ email: address, name: 'Q', role: 'member', firmId: w.firm.id });
          const lapsed = (await send().expect(201)).body;
          const token = await app.fixtures.mailInvitation(lapsed.id);
          await app.db.manager.update(InvitationEntity, { id: lapsed.id }, { expiresAt: new Date(Date.now() - 60_000) });
          await app.db.query(`UPDATE notification SET created_at = created_at - interval '61 seconds' WHERE invitation_id = $1`, [
            lapsed.id,
          ]);
          await send().expect(201);
          await send().expect(201);
          // Its inviter has two live invitations: reviving a third is refused, whoever asks.
          for (const who of [w.member, w.manager]) {
            const full = await app.http.post(`/api/invitations/${lapsed.id}/resend`).set(who.auth).send().expect(409);
            expect(full.body.code).toBe('invitation_quota_reached');
            expect(full.body.message).toMatch(/2 pending invitations.*INVITATION_MAX_PENDING_PER_INVITER/);
          }
          await app.db.query(`UPDATE invitation SET withdrawn_at = now() WHERE invited_by_id = $1 AND id <> $2`, [
            w.member.user.id,
            lapsed.id,
          ]);
          const revived = await app.http.post(`/api/invitations/${lapsed.id}/resend`).set(w.manager.auth).send().expect(202);
          expect(revived.body.status).toBe('pending');
          // The expired link stays dead; the new email's link works.
          await app.http.post('/api/invitations/accept').send({ token, password: 'a long new passphrase' }).expect(400);
          const fresh = await app.fixtures.mailInvitation(lapsed.id);
          await app.http.post('/api/invitations/accept').send({ token: fresh, password: 'a long new passphrase' }).expect(200);
        } finally {
          await app.close();
        }
      });
    });
  });

  describe('invitation limits', () => {
    it('caps pending invitations per inviter and per firm, naming the limit', async () => {
      const app = await createTestApp({ INVITATION_MAX_PENDING_PER_INVITER: '3', INVITATION_MAX_PENDING_PER_FIRM: '4' });
      try {
        const w = await buildProgrammeWorld(app.fixtures);
        const send = (who: SignedIn, address = email('quota')) =>
          app.http.post('/api/invitations').set(who.auth).send({ email: address, name: 'Q', role: 'member', firmId: w.firm.id });
        const made = [];
        for (let i = 0; i < 3; i += 1) made.push((await send(w.member).expect(201)).body);
        const over = await send(w.member).expect(409);
        expect(over.body.code).toBe('invitation_quota_reached');
        expect(over.body.message).toMatch(/3 pending invitations.*INVITATION_MAX_PENDING_PER_INVITER/);
        // Renewing one that is already pending is not a new one.
        await send(w.member, made[0].email).expect(201);
        // The firm's own cap holds whoever sends them.
        await send(w.manager).expect(201);
        const firmFull = await send(w.facilitator).expect(409);
        expect(firmFull.body.message).toMatch(/4 pending invitations.*INVITATION_MAX_PENDING_PER_FIRM/);
        // Withdrawn and accepted invitations free their place.
        await app.http.delete(`/api/invitations/${made[1].id}`).set(w.manager.auth).expect(204);
        await send(w.member).expect(201);
      } finally {
        await app.close();
      }
    });

    it('counts a renewal against the quota of whoever renews it, who becomes its inviter', async () => {
      const app = await createTestApp({ INVITATION_MAX_PENDING_PER_INVITER: '2' });
      try {
        const w = await buildProgrammeWorld(app.fixtures);
        const send = (who: SignedIn, address: string, firmId = w.firm.id) =>
          app.http.post('/api/invitations').set(who.auth).send({ email: address, name: 'R', role: 'member', firmId });
        const inviterOf = async (id: string) => (await app.db.manager.findOneByOrFail(InvitationEntity, { id })).invitedById;
        const colleague = (await send(w.member, email('colleague')).expect(201)).body;
        const managers = [
          (await send(w.manager, email('other'), w.otherFirm.id).expect(201)).body,
          (await send(w.manager, email('other'), w.otherFirm.id).expect(201)).body,
        ];
        // The manager has the most they may have: renewing the member's invitation would be a third.
        const over = await send(w.manager, colleague.email).expect(409);
        expect(over.body).toMatchObject({ code: 'invitation_quota_reached' });
        expect(over.body.message).toMatch(/2 pending invitations.*INVITATION_MAX_PENDING_PER_INVITER/);
        expect(await inviterOf(colleague.id)).toBe(w.member.user.id);
        // With room again, the renewal is the manager's, and the member's place is free for another.
        await app.http.delete(`/api/invitations/${managers[0].id}`).set(w.manager.auth).expect(204);
        const renewed = await send(w.manager, colleague.email).expect(201);
        expect(renewed.body.id).toBe(colleague.id);
        expect(await inviterOf(colleague.id)).toBe(w.manager.user.id);
        await send(w.manager, email('third'), w.otherFirm.id).expect(409);
        await send(w.member, email('colleague')).expect(201);
        await send(w.member, email('colleague')).expect(201);
        await send(w.member, email('colleague')).expect(409);
      } finally {
        await app.close();
      }
    });

    it('counts a renewal that revives an expired invitation, per inviter and per firm', async () => {
      const app = await createTestApp({ INVITATION_MAX_PENDING_PER_INVITER: '2', INVITATION_MAX_PENDING_PER_FIRM: '3' });
      try {
        const w = await buildProgrammeWorld(app.fixtures);
        const admin = await app.fixtures.user({ admin: true });
        const send = (who: SignedIn, address: string, firmId = w.firm.id) =>
          app.http.post('/api/invitations').set(who.auth).send({ email: address, name: 'R', role: 'member', firmId });
        const expire = (id: string) =>
          app.db.manager.update(InvitationEntity, { id }, { expiresAt: new Date(Date.now() - 60_000) });
        // Per inviter: an expired invitation frees its place, so reviving it takes one again.
        const lapsed = (await send(w.manager, email('lapsed'), w.otherFirm.id).expect(201)).body;
        await expire(lapsed.id);
        await send(w.manager, email('new'), w.otherFirm.id).expect(201);
        await send(w.manager, email('new'), w.otherFirm.id).expect(201);
        const inviterFull = await send(w.manager, lapsed.email, w.otherFirm.id).expect(409);
        expect(inviterFull.body.message).toMatch(/INVITATION_MAX_PENDING_PER_INVITER/);
        expect((await app.db.manager.findOneByOrFail(InvitationEntity, { id: lapsed.id })).expiresAt.getTime()).toBeLessThan(
          Date.now(),
        );
        // Per firm, whoever renews it.
        const old = (await send(w.member, email('old')).expect(201)).body;
        await expire(old.id);
        await send(w.member, email('member')).expect(201);
        await send(w.facilitator, email('facilitator')).expect(201);
        const live = (await send(w.facilitator, email('facilitator')).expect(201)).body;
        const firmFull = await send(admin, old.email).expect(409);
        expect(firmFull.body.message).toMatch(/3 pending invitations.*INVITATION_MAX_PENDING_PER_FIRM/);
        // A renewal of one still live takes no second place in the firm.
        await send(admin, live.email).expect(201);
      } finally {
        await app.close();
      }
    });

    it('holds the cap when many invitations are sent at once', async () => {
      const app = await createTestApp({ INVITATION_MAX_PENDING_PER_INVITER: '3' });
      try {
        const w = await buildProgrammeWorld(app.fixtures);
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            app.http
              .post('/api/invitations')
              .set(w.manager.auth)
              .send({ email: email('burst'), name: 'B', role: 'facilitator', groupId: w.group.id }),
          ),
        );
        expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
        expect(await app.db.manager.countBy(InvitationEntity, { invitedById: w.manager.user.id })).toBe(3);
      } finally {
        await app.close();
      }
    });

    it('looks the token up before any password work, and limits invalid links per address', async () => {
      const app = await createTestApp({ TRUST_PROXY: '1', INVITATION_ACCEPT_MAX_FAILURES_PER_ADDRESS: '3' });
      const hashing = jest.spyOn(app.app.get(PasswordService), 'hash');
      try {
        const w = await buildProgrammeWorld(app.fixtures);
        const bogus = (i: number) =>
          app.http
            .post('/api/invitations/accept')
            .set('X-Forwarded-For', '203.0.113.99')
            .send({ token: `not-a-real-token-${i}-${uid()}`, password: 'a long new passphrase' });
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => bogus(i)));
        expect(results.map((r) => r.status).sort()).toEqual([...Array(3).fill(400), ...Array(9).fill(429)]);
        for (const r of results.filter((x) => x.status === 429)) {
          expect(r.body.code).toBe('too_many_invitation_attempts');
          expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
        }
        expect(hashing).not.toHaveBeenCalled();
        // A real link from that address waits too; from anywhere else it works.
        const res = await app.http
          .post('/api/invitations')
          .set(w.manager.auth)
          .send({ email: email('real'), name: 'Real', role: 'member', firmId: w.firm.id })
          .expect(201);
        const token = await app.fixtures.mailInvitation(res.body.id);
        const body = { token, password: 'a long new passphrase' };
        await app.http.post('/api/invitations/accept').set('X-Forwarded-For', '203.0.113.99').send(body).expect(429);
        await app.http.post('/api/invitations/accept').set('X-Forwarded-For', '198.51.100.99').send(body).expect(200);
        expect(hashing).toHaveBeenCalledTimes(1);
      } finally {
        hashing.mockRestore();
        await app.close();
      }
    });
  });

  it('throttles guesses of the current password like logins', async () => {
    const limited = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    try {
      const who = await limited.fixtures.user({ password: 'the-right-password' });
      const change = (currentPassword: string) =>
        limited.http.post('/api/auth/password').set(who.auth).send({ currentPassword, newPassword: 'a-brand-new-password' });
      for (let i = 0; i < 3; i++) await change(`wrong-${i}-password`).expect(400);
      const blocked = await change('the-right-password').expect(429);
      expect(blocked.body.code).toBe('too_many_login_attempts');
    } finally {
      await limited.close();
    }
  });

  describe('PATCH /auth/me', () => {
    it('updates name and time zone', async () => {
      const person = await t.fixtures.user();
      const res = await t.http
        .patch('/api/auth/me')
        .set(person.auth)
        .send({
          name: 'Eilidh Ross',
          timezone: 'America/New_York',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        id: person.user.id,
        name: 'Eilidh Ross',
        timezone: 'America/New_York',
      });
      const me = await t.http.get('/api/auth/me').set(person.auth).expect(200);
      expect(me.body).toEqual(res.body);
      const partial = await t.http.patch('/api/auth/me').set(person.auth).send({ name: 'Eilidh R.' }).expect(200);
      expect(partial.body).toMatchObject({ name: 'Eilidh R.', timezone: 'America/New_York' });
    });

    it('accepts an empty change', async () => {
      const person = await t.fixtures.user({ name: 'Unchanged' });
      const res = await t.http.patch('/api/auth/me').set(person.auth).send({}).expect(200);
      expect(res.body.name).toBe('Unchanged');
    });

    it('rejects a bad time zone (400 naming timezone) and unknown fields (preferences have their own route)', async () => {
      const person = await t.fixtures.user();
      const tz = await t.http.patch('/api/auth/me').set(person.auth).send({ timezone: 'Mars/Olympus' }).expect(400);
      expect(tz.body.code).toBe('validation_failed');
      expect(fields(tz.body)).toEqual(['timezone']);
      for (const body of [
        { notificationPreferences: { reminders: false } },
        { email: 'new@example.com' },
        { firmId: a.firm.id },
        { roles: [{ role: 'admin' }] },
        { status: 'active' },
      ]) {
        const res = await t.http.patch('/api/auth/me').set(person.auth).send(body).expect(400);
        expect(res.body.message).toMatch(/should not exist/);
      }
      const stored = await t.db.manager.findOneByOrFail(UserEntity, { id: person.user.id });
      expect(stored).toMatchObject({ email: person.user.email, firmId: null, timezone: 'Europe/London' });
    });

    it('requires a session', async () => {
      await t.http.patch('/api/auth/me').send({ name: 'Nobody' }).expect(401);
    });
  });
});
