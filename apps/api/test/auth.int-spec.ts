import { InvitationEntity, RoleAssignmentEntity, SessionEntity, UserEntity } from '@roundtable/server-data';
import { randomUUID } from 'node:crypto';
import {
  buildProgrammeWorld,
  createTestApp,
  invitationToken,
  ProgrammeWorld,
  setCookie,
  SignedIn,
  TestApp,
  uid,
} from './support';

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
    // A generous IP limit: this file signs in many times from 127.0.0.1; the limits get their own apps below.
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
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
    it('locks an account after LOGIN_MAX_FAILURES_PER_ACCOUNT failures, even for the right password', async () => {
      const app = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        const bystander = await app.fixtures.user({ password: PASSWORD });
        // Failures count against the account however the email is written.
        for (const address of [user.email, user.email.toUpperCase(), ` ${user.email}`]) {
          await login(app, address.trim(), 'wrong password').expect(401);
        }
        const locked = await login(app, user.email, PASSWORD).expect(429);
        expect(locked.body).toMatchObject({ statusCode: 429, code: 'too_many_login_attempts' });
        expect(locked.body.message).toMatch(/Try again in \d+ minutes?/);
        expect(setCookie(locked, 'rt_session')).toBeUndefined();
        // Another account from the same address is unaffected.
        await login(app, bystander.user.email, PASSWORD).expect(200);
      } finally {
        await app.close();
      }
    });

    it('holds the account limit against many guesses sent at once', async () => {
      const app = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login(app, user.email, `guess ${i}`)));
        const statuses = results.map((r) => r.status);
        expect(statuses.filter((s) => s === 401)).toHaveLength(3);
        expect(statuses.filter((s) => s === 429)).toHaveLength(9);
        await login(app, user.email, PASSWORD).expect(429);
      } finally {
        await app.close();
      }
    });

    it('clears the failure count after a successful login', async () => {
      const app = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
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

    it('limits attempts per IP address across different accounts', async () => {
      const app = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '5' });
      try {
        const { user } = await app.fixtures.user({ password: PASSWORD });
        for (let i = 0; i < 5; i += 1) await login(app, email(`spray${i}`), PASSWORD).expect(401);
        const refused = await login(app, user.email, PASSWORD).expect(429);
        expect(refused.body.code).toBe('too_many_login_attempts');
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

    it('a manager invites a facilitator of their group, who sets a password and is signed in', async () => {
      const address = email('facilitator');
      const res = await invite(a.manager, {
        email: address,
        name: 'Fiona Facilitator',
        role: 'facilitator',
        groupId: a.group.id,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email: address, existingAccount: false, expiresAt: expect.any(String) });
      expect(res.body.setPasswordUrl).toMatch(new RegExp(`^${t.config.PUBLIC_URL}/set-password\\?token=`));
      const pending = await t.db.manager.findOneByOrFail(UserEntity, { id: res.body.userId });
      expect(pending).toMatchObject({ status: 'invited', passwordHash: null, timezone: a.programme.timezone });

      const accepted = await accept(invitationToken(res.body.setPasswordUrl), 'fiona sets a passphrase').expect(200);
      expect(setCookie(accepted, 'rt_session')).toContain(`rt_session=${accepted.body.token};`);
      expect(accepted.body.user).toMatchObject({
        id: res.body.userId,
        email: address,
        roles: [{ role: 'facilitator', programmeId: a.programme.id, groupId: a.group.id }],
      });
      await t.http.get('/api/auth/me').set(bearer(accepted.body.token)).expect(200);
      const stored = await t.db.manager.findOneByOrFail(UserEntity, { id: res.body.userId });
      expect(stored.status).toBe('active');
      expect(stored.passwordHash?.startsWith(ARGON2_PREFIX)).toBe(true);
      await login(t, address, 'fiona sets a passphrase').expect(200);
    });

    it('a manager invites a person of a firm in their programme; the link works once', async () => {
      const res = await invite(a.manager, {
        email: email('member'),
        name: 'Mhairi Member',
        role: 'member',
        firmId: a.firm.id,
      }).expect(201);
      const token = invitationToken(res.body.setPasswordUrl);
      const accepted = await accept(token).expect(200);
      expect(accepted.body.user).toMatchObject({ firmId: a.firm.id, roles: [] });
      const again = await accept(token).expect(400);
      expect(again.body).toMatchObject({ code: 'invitation_invalid' });
      expect(fields(again.body)).toEqual(['token']);
    });

    it('refuses an expired link', async () => {
      const res = await invite(a.manager, { email: email('late'), name: 'Late', role: 'member', firmId: a.firm.id }).expect(201);
      await t.db.manager.update(InvitationEntity, { userId: res.body.userId }, { expiresAt: new Date(Date.now() - 60_000) });
      const late = await accept(invitationToken(res.body.setPasswordUrl)).expect(400);
      expect(late.body.code).toBe('invitation_invalid');
      expect((await t.db.manager.findOneByOrFail(UserEntity, { id: res.body.userId })).status).toBe('invited');
    });

    it('a new invitation supersedes the earlier link', async () => {
      const address = email('twice');
      const first = await invite(a.manager, { email: address, name: 'Twice', role: 'member', firmId: a.firm.id }).expect(201);
      const second = await invite(a.manager, { email: address, name: 'Twice', role: 'member', firmId: a.firm.id }).expect(201);
      expect(second.body.userId).toBe(first.body.userId);
      expect((await accept(invitationToken(first.body.setPasswordUrl)).expect(400)).body.code).toBe('invitation_invalid');
      await accept(invitationToken(second.body.setPasswordUrl)).expect(200);
    });

    it('an already active person is given the role without a link', async () => {
      const existing = await t.fixtures.user({ password: PASSWORD });
      const res = await invite(a.manager, {
        email: existing.user.email.toUpperCase(),
        name: 'Ignored',
        role: 'facilitator',
        groupId: a.otherGroup.id,
      }).expect(201);
      expect(res.body).toMatchObject({ userId: existing.user.id, existingAccount: true, setPasswordUrl: null });
      const roles = await t.db.manager.findBy(RoleAssignmentEntity, { userId: existing.user.id });
      expect(roles).toEqual([expect.objectContaining({ role: 'facilitator', groupId: a.otherGroup.id })]);
    });

    it('a member may invite a colleague into their own firm but not into another firm (404)', async () => {
      const own = await invite(a.member, { email: email('colleague'), name: 'Colleague', role: 'member', firmId: a.firm.id });
      expect(own.status).toBe(201);
      expect(own.body.setPasswordUrl).toEqual(expect.any(String));
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
      const count = await t.db.manager.countBy(RoleAssignmentEntity, { programmeId: a.programme.id, role: 'programme_manager' });
      expect(count).toBe(1);
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
      const res = await invite(a.manager, { email: email('race'), name: 'Race', role: 'member', firmId: a.firm.id }).expect(201);
      const token = invitationToken(res.body.setPasswordUrl);
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => accept(token, `passphrase number ${i}`)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
      expect(await t.db.manager.countBy(SessionEntity, { userId: res.body.userId })).toBe(1);
    });

    it('invites a new person once when the invitation is sent twice at once', async () => {
      const address = email('double-click');
      const body = { email: address, name: 'Double Click', role: 'member', firmId: a.firm.id };
      const results = await Promise.all([invite(a.manager, body), invite(a.manager, body), invite(a.manager, body)]);
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(results.map((r) => r.body.userId)).size).toBe(1);
      expect(await t.db.manager.countBy(UserEntity, { email: address })).toBe(1);
      // Exactly one of the links is live: each later one superseded the one before.
      const accepted = await Promise.all(results.map((r) => accept(invitationToken(r.body.setPasswordUrl))));
      expect(accepted.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    });

    it('does not hand someone else’s pending account to an inviter who could not have granted its roles', async () => {
      const address = email('pending-pm');
      const original = await invite(b.manager, {
        email: address,
        name: 'Pending PM',
        role: 'programme_manager',
        programmeId: b.programme.id,
      }).expect(201);
      // A manager of another programme, and a member of a firm there, invite the same address into a firm:
      // refused with one answer that tells nothing about the account, and the account is left as it was.
      for (const who of [a.manager, a.member]) {
        const res = await invite(who, { email: address, name: 'Hijack', role: 'member', firmId: a.firm.id }).expect(409);
        expect(res.body).toMatchObject({ code: 'existing_account' });
        expect(JSON.stringify(res.body)).not.toContain(original.body.userId);
      }
      expect(await t.db.manager.findOneByOrFail(UserEntity, { email: address })).toMatchObject({
        firmId: null,
        name: 'Pending PM',
      });
      // The person's own link still works and no other link was issued.
      const accepted = await accept(invitationToken(original.body.setPasswordUrl)).expect(200);
      expect(accepted.body.user.roles).toEqual([{ role: 'programme_manager', programmeId: b.programme.id, groupId: null }]);
      expect(await t.db.manager.countBy(InvitationEntity, { userId: original.body.userId })).toBe(1);
    });

    it('a manager re-inviting within their own programme still gets a fresh link', async () => {
      const address = email('pending-member');
      const first = await invite(a.member, { email: address, name: 'Colleague', role: 'member', firmId: a.firm.id }).expect(201);
      const again = await invite(a.manager, { email: address, name: 'Colleague', role: 'member', firmId: a.firm.id }).expect(201);
      expect(again.body.setPasswordUrl).toEqual(expect.any(String));
      await accept(invitationToken(first.body.setPasswordUrl)).expect(400);
      await accept(invitationToken(again.body.setPasswordUrl)).expect(200);
    });
  });

  it('never pulls an existing account into a firm, nor gives a person of a firm a staff role', async () => {
    const invite = (who: SignedIn, body: Record<string, unknown>) => t.http.post('/api/invitations').set(who.auth).send(body);
    const staff = await t.fixtures.user({ managerOf: b.programme.id });
    const refused = await invite(a.member, { email: staff.user.email, name: 'x', role: 'member', firmId: a.firm.id }).expect(409);
    expect(refused.body.code).toBe('existing_account');
    const elsewhere = await t.fixtures.user({ firmId: b.firm.id });
    const again = await invite(a.manager, { email: elsewhere.user.email, name: 'x', role: 'member', firmId: a.firm.id }).expect(
      409,
    );
    expect(again.body).toEqual(refused.body);
    expect((await t.http.get('/api/auth/me').set(staff.auth).expect(200)).body.firmId).toBeNull();
    const asStaff = await invite(a.manager, {
      email: a.member.user.email,
      name: 'x',
      role: 'facilitator',
      groupId: a.group.id,
    }).expect(409);
    expect(asStaff.body.code).toBe('account_is_firm_member');
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
    it('updates name, time zone and notification preferences', async () => {
      const person = await t.fixtures.user();
      const res = await t.http
        .patch('/api/auth/me')
        .set(person.auth)
        .send({
          name: 'Eilidh Ross',
          timezone: 'America/New_York',
          notificationPreferences: { invitations: false, reminders: true, digest: true },
        })
        .expect(200);
      expect(res.body).toMatchObject({
        id: person.user.id,
        name: 'Eilidh Ross',
        timezone: 'America/New_York',
        notificationPreferences: { invitations: false, reminders: true, digest: true },
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

    it('rejects a bad time zone (400 naming timezone), incomplete preferences and unknown fields', async () => {
      const person = await t.fixtures.user();
      const tz = await t.http.patch('/api/auth/me').set(person.auth).send({ timezone: 'Mars/Olympus' }).expect(400);
      expect(tz.body.code).toBe('validation_failed');
      expect(fields(tz.body)).toEqual(['timezone']);
      const prefs = await t.http
        .patch('/api/auth/me')
        .set(person.auth)
        .send({ notificationPreferences: { invitations: true, reminders: 'yes' } })
        .expect(400);
      expect(fields(prefs.body).sort()).toEqual(['notificationPreferences.digest', 'notificationPreferences.reminders']);
      for (const body of [
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
