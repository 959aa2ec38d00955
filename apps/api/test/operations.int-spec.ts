import { DELIVERY_QUEUE, HEARTBEAT_KEY, NotificationQueues, SCHEDULE_QUEUE } from '@roundtable/server-notifications';
import { buildProgrammeWorld, ProgrammeWorld, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/**
 * What an operator reaches: the queue dashboard (Bull Board, a Fastify plugin guarded by its own
 * session check), the worker's part of /api/health, and the admins' list of failed emails.
 */
describe('operations', () => {
  // Queues of their own: this suite adds jobs and pauses queues, which must not touch anyone else's.
  const prefix = `{rt-test-${uid()}}`;
  let t: TestApp;
  let world: ProgrammeWorld;
  let admin: SignedIn;
  let queues: NotificationQueues;

  beforeAll(async () => {
    t = await createTestApp({ QUEUE_PREFIX: prefix });
    world = await buildProgrammeWorld(t.fixtures);
    admin = await t.fixtures.user({ admin: true });
    queues = t.app.get(NotificationQueues);
  });
  afterAll(async () => {
    await Promise.all([queues.deliveries.obliterate({ force: true }), queues.schedules.obliterate({ force: true })]);
    await t.close();
  });

  const errorShape = (status: number, code: string) => ({ statusCode: status, code, message: expect.any(String) });
  const cookie = (who: SignedIn) => ({ Cookie: `rt_session=${who.token}` });

  describe('queue dashboard', () => {
    const PAGE = '/api/admin/queues';
    const API = '/api/admin/queues/api/queues';

    it('answers 401 without a session and 403 to everyone but an admin, in the API’s error shape', async () => {
      for (const path of [PAGE, `${PAGE}/`, API, `${PAGE}/queue/deliveries`, `${PAGE}/static/favicon-32x32.png`]) {
        const anonymous = await t.http.get(path);
        expect([path, anonymous.status, anonymous.body]).toEqual([path, 401, errorShape(401, 'unauthenticated')]);
        expect(anonymous.headers['content-type']).toMatch(/^application\/json/);
        const expired = await t.http.get(path).set({ Authorization: 'Bearer not-a-session' });
        expect([path, expired.status]).toEqual([path, 401]);
        for (const who of [world.member, world.facilitator, world.manager]) {
          const refused = await t.http.get(path).set(who.auth);
          expect([path, refused.status, refused.body]).toEqual([path, 403, errorShape(403, 'forbidden')]);
        }
      }
      // Writes are refused before Bull Board runs anything: the queue stays as it was.
      const pause = await t.http.put(`${API}/${DELIVERY_QUEUE}/pause`).set(world.member.auth);
      expect(pause.status).toBe(403);
      expect(await queues.deliveries.isPaused()).toBe(false);
    });

    it('serves an admin the page, its files and its API, under a policy of its own', async () => {
      const page = await t.http.get(PAGE).set(admin.auth).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<base href="/api/admin/queues/" />');
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('https:');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      // Every script the page loads is served, as the browser would ask for it (relative to <base>).
      const scripts = [...page.text.matchAll(/<script defer src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) {
        const file = await t.http.get(`${PAGE}/${src}`).set(cookie(admin)).expect(200);
        expect(file.headers['content-type']).toMatch(/javascript/);
      }
      const api = await t.http.get(API).set(cookie(admin)).expect(200);
      expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([DELIVERY_QUEUE, SCHEDULE_QUEUE].sort());
      // The API's own answers keep their policy of nothing at all.
      const me = await t.http.get('/api/auth/me').set(admin.auth).expect(200);
      expect(me.headers['content-security-policy']).toContain("default-src 'none'");
    });

    it('takes the dashboard’s own writes (JSON bodies, or none) from the page, and refuses them from another site', async () => {
      const fromPage = { ...cookie(admin), 'Sec-Fetch-Site': 'same-origin', Origin: t.config.PUBLIC_URL };
      await t.http.put(`${API}/${SCHEDULE_QUEUE}/pause`).set(fromPage).expect(200);
      expect(await queues.schedules.isPaused()).toBe(true);
      await t.http.put(`${API}/${SCHEDULE_QUEUE}/resume`).set(fromPage).expect(200);
      expect(await queues.schedules.isPaused()).toBe(false);
      const added = await t.http
        .post(`${API}/${SCHEDULE_QUEUE}/add`)
        .set(fromPage)
        .send({ name: 'relay', data: {}, options: { delay: 3_600_000 } })
        .expect(200);
      expect(added.body.status).toBe('delayed');
      expect(await queues.schedules.getJobCounts('delayed')).toEqual({ delayed: 1 });

      const crossSite = await t.http
        .put(`${API}/${SCHEDULE_QUEUE}/pause`)
        .set({ ...cookie(admin), 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' });
      expect([crossSite.status, crossSite.body]).toEqual([403, errorShape(403, 'cross_site_request')]);
      const form = await t.http.post(`${API}/${SCHEDULE_QUEUE}/add`).set(admin.auth).type('form').send('name=relay');
      expect([form.status, form.body]).toEqual([415, errorShape(415, 'unsupported_media_type')]);
      const unknownQueue = await t.http.put(`${API}/nonsense/pause`).set(admin.auth);
      expect(unknownQueue.status).toBe(404);
      expect(await queues.schedules.isPaused()).toBe(false);
    });
  });

  describe('health', () => {
    const heartbeat = (id: string) => `${prefix}:${HEARTBEAT_KEY}${id}`;
    /** Health answers are shared for a second; the next one is fresh. */
    const fresh = async () => {
      await new Promise((r) => setTimeout(r, 1_050));
      return t.http.get('/api/health');
    };

    it('reports no worker as degraded, still 200, with the queue’s depth and the oldest due email', async () => {
      const user = await t.fixtures.user();
      // Due two minutes ago and handed to a worker that never came: the backlog an operator must see.
      // (Queued, so no worker of another suite relays it again within its five minutes.)
      await t.db.query(
        `INSERT INTO notification (kind, user_id, due_at, status, queued_at, dedupe_key)
         VALUES ('booking_confirmed', $1, now() - interval '120 seconds', 'queued', now(), $2)`,
        [user.user.id, `ops-test:${uid()}`],
      );
      await queues.deliveries.add('deliver', { notificationId: 'none' }, { jobId: `n-ops-${uid()}` });
      const res = await fresh();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'degraded',
        postgres: 'up',
        redis: 'up',
        worker: {
          status: 'down',
          workers: 0,
          deliveries: { waiting: 1, active: 0, delayed: 0, failed: 0 },
          oldestDueSeconds: expect.any(Number),
        },
      });
      expect(res.body.worker.oldestDueSeconds).toBeGreaterThanOrEqual(120);
      await t.db.query(`DELETE FROM notification WHERE user_id = $1`, [user.user.id]);
    });

    it('reports the workers whose heartbeat is fresh, and none once it expires', async () => {
      await queues.connection.set(heartbeat('host-a:1'), String(Date.now()), 'PX', 20_000);
      await queues.connection.set(heartbeat('host-b:2'), String(Date.now()), 'PX', 1_500);
      // Another deployment's worker on the same Redis (another QUEUE_PREFIX) is not ours.
      await queues.connection.set(`{elsewhere}:${HEARTBEAT_KEY}x`, '1', 'PX', 20_000);
      const both = await fresh();
      expect([both.status, both.body.status, both.body.worker.status, both.body.worker.workers]).toEqual([200, 'ok', 'up', 2]);
      await queues.connection.del(heartbeat('host-a:1'));
      await new Promise((r) => setTimeout(r, 1_000));
      const none = await fresh();
      expect([none.status, none.body.status, none.body.worker.status, none.body.worker.workers]).toEqual([
        200,
        'degraded',
        'down',
        0,
      ]);
    });

    it('answers within two seconds, 503, when Redis is away, and does not know about the worker', async () => {
      const away = await createTestApp({ QUEUE_PREFIX: prefix, REDIS_URL: 'redis://127.0.0.1:9' });
      try {
        const started = Date.now();
        const res = await away.http.get('/api/health');
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({
          status: 'degraded',
          postgres: 'up',
          redis: 'down',
          worker: { status: 'unknown', workers: null, deliveries: null, oldestDueSeconds: expect.any(Number) },
        });
      } finally {
        await away.close();
        // ioredis keeps the reconnect timer of a connection that never came up for up to 2 s after disconnect.
        await new Promise((r) => setTimeout(r, 2_100));
      }
    });
  });

  describe('failed notifications for admins', () => {
    const LIST = '/api/admin/notifications';
    let person: SignedIn;
    let ids: { oldFailed: string; newFailed: string; sent: string };

    beforeAll(async () => {
      person = await t.fixtures.user({ email: `ops-${uid()}@failing.example` });
      const insert = async (kind: string, status: string, minutesAgo: number, lastError: string | null) => {
        const [row] = (await t.db.query(
          `INSERT INTO notification (kind, user_id, meeting_id, status, attempts, last_error, dedupe_key, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(mins => $8), now() - make_interval(mins => $8))
           RETURNING id`,
          [kind, person.user.id, null, status, status === 'failed' ? 8 : 1, lastError, `ops-test:${uid()}`, minutesAgo],
        )) as { id: string }[];
        return row.id;
      };
      ids = {
        oldFailed: await insert('reminder', 'failed', 30, '550 5.1.1 No such mailbox'),
        newFailed: await insert('booking_confirmed', 'failed', 5, 'Greeting never received'),
        sent: await insert('booking_confirmed', 'sent', 1, null),
      };
    });

    it('is for admins only', async () => {
      const anonymous = await t.http.get(`${LIST}?status=failed`);
      expect([anonymous.status, anonymous.body]).toEqual([401, errorShape(401, 'unauthenticated')]);
      for (const who of [world.member, world.facilitator, world.manager, world.otherFacilitator]) {
        const res = await t.http.get(`${LIST}?status=failed`).set(who.auth);
        expect([res.status, res.body]).toEqual([403, errorShape(403, 'forbidden')]);
      }
    });

    it('lists failed emails newest first, with who, what about, attempts, last error and times', async () => {
      const q = encodeURIComponent(person.user.email);
      const res = await t.http.get(`${LIST}?status=failed&q=${q}`).set(admin.auth).expect(200);
      expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([ids.newFailed, ids.oldFailed]);
      expect(res.body.items[1]).toEqual({
        id: ids.oldFailed,
        kind: 'reminder',
        status: 'failed',
        recipient: { userId: person.user.id, email: person.user.email },
        about: { meetingId: null, bookingId: null, applicationId: null, invitationId: null },
        attempts: 8,
        lastError: '550 5.1.1 No such mailbox',
        skippedReason: null,
        dueAt: expect.any(String),
        queuedAt: null,
        sentAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      const byKind = await t.http.get(`${LIST}?status=failed&kind=reminder&q=${q}`).set(admin.auth).expect(200);
      expect(byKind.body.items.map((n: { id: string }) => n.id)).toEqual([ids.oldFailed]);
      const everything = await t.http.get(`${LIST}?q=${q}&order=asc`).set(admin.auth).expect(200);
      expect(everything.body.items.map((n: { id: string }) => n.id)).toEqual([ids.oldFailed, ids.newFailed, ids.sent]);
      const second = await t.http.get(`${LIST}?status=failed&q=${q}&pageSize=1&page=2`).set(admin.auth).expect(200);
      expect(second.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: ids.oldFailed }] });
    });

    it('refuses an unknown status or kind', async () => {
      for (const query of ['status=lost', 'kind=postcard', 'pageSize=101']) {
        const res = await t.http.get(`${LIST}?${query}`).set(admin.auth);
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'validation_failed']);
      }
    });
  });
});
