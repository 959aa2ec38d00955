import { ActorCache, hashToken } from '@roundtable/server-auth';
import { buildProgrammeWorld, ProgrammeWorld, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/** Polls until `check` passes or a second has gone by: NOTIFY arrives after the commit, asynchronously. */
async function eventually(check: () => Promise<void>, ms = 1500): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe('session cache (SESSION_CACHE_SECONDS > 0)', () => {
  let t: TestApp;
  let second: TestApp;
  let w: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_SECONDS: '60' });
    second = await createTestApp({ SESSION_CACHE_SECONDS: '60' });
    w = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(async () => {
    await t.close();
    await second.close();
  });

  const me = (app: TestApp, who: SignedIn) => app.http.get('/api/auth/me').set(who.auth);

  it('serves a resolved session from memory', async () => {
    const who = await t.fixtures.user();
    await me(t, who).expect(200);
    expect(t.app.get(ActorCache).get(hashToken(who.token))?.userId).toBe(who.user.id);
  });

  it('ends a session at logout at once, in this process and, through NOTIFY, in the others', async () => {
    const who = await t.fixtures.user();
    await me(t, who).expect(200);
    await me(second, who).expect(200);
    await t.http.post('/api/auth/logout').set(who.auth).expect(204);
    await me(t, who).expect(401);
    await eventually(() =>
      me(second, who)
        .expect(401)
        .then(() => undefined),
    );
  });

  it('drops a cached session revoked, or a user disabled, by another writer', async () => {
    const revoked = await t.fixtures.user();
    const disabled = await t.fixtures.user();
    await me(t, revoked).expect(200);
    await me(t, disabled).expect(200);
    await t.db.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1`, [revoked.user.id]);
    await t.db.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [disabled.user.id]);
    await eventually(() =>
      me(t, revoked)
        .expect(401)
        .then(() => undefined),
    );
    await eventually(() =>
      me(t, disabled)
        .expect(401)
        .then(() => undefined),
    );
  });

  it('takes a removed role away from a cached session', async () => {
    const facilitator = await t.fixtures.user({ facilitatorOf: { groupId: w.group.id, programmeId: w.programme.id } });
    await t.http.get(`/api/groups/${w.group.id}/applications`).set(facilitator.auth).expect(200);
    await t.db.query(`DELETE FROM role_assignment WHERE user_id = $1`, [facilitator.user.id]);
    await eventually(() =>
      t.http
        .get(`/api/groups/${w.group.id}/applications`)
        .set(facilitator.auth)
        .expect(404)
        .then(() => undefined),
    );
  });

  it('does not cache a lookup that an eviction overtook', async () => {
    const cache = t.app.get(ActorCache);
    const who = await t.fixtures.user();
    await me(t, who).expect(200);
    const actor = cache.get(hashToken(who.token))!;
    cache.evictUser(who.user.id);
    const generation = cache.begin();
    cache.evictUser(who.user.id); // a revocation committed while the lookup was reading
    cache.set(hashToken(who.token), actor, generation);
    expect(cache.get(hashToken(who.token))).toBeNull();
    cache.set(hashToken(who.token), actor, cache.begin());
    expect(cache.get(hashToken(who.token))).toEqual(actor);
  });

  it('caches nothing while the LISTEN connection is down, and recovers', async () => {
    const cache = t.app.get(ActorCache);
    expect(cache.enabled).toBe(true);
    await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN roundtable_auth%'`,
    );
    await eventually(async () => expect(cache.enabled).toBe(false));
    const who = await t.fixtures.user();
    await me(t, who).expect(200);
    expect(cache.get(hashToken(who.token))).toBeNull();
    await eventually(async () => expect(cache.enabled).toBe(true), 5000);
    await me(t, who).expect(200);
    expect(cache.get(hashToken(who.token))?.userId).toBe(who.user.id);
  });
});
