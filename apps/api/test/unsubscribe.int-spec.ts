import { signUnsubscribeToken, UnsubscribeCategory } from '@roundtable/server-mail';
import { createPrepare, deliver, Mailer } from '@roundtable/server-notifications';
import { buildProgrammeWorld, localStartIn, ProgrammeWorld, SignedIn } from '@roundtable/server-testing';
import { randomUUID } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import { createTestApp, TestApp } from './support';

const FORM = 'application/x-www-form-urlencoded';
const ONE_CLICK = 'List-Unsubscribe=One-Click';

describe('notification preferences and one-click unsubscribe', () => {
  let t: TestApp;
  let w: ProgrammeWorld;

  const preferencesOf = async (userId: string) =>
    (await t.db.query(`SELECT notification_preferences AS p FROM app_user WHERE id = $1`, [userId]))[0].p as Record<
      string,
      boolean
    >;
  const tokenFor = (userId: string, category: UnsubscribeCategory) =>
    signUnsubscribeToken(t.config.SIGNING_SECRET, { userId, category });

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://roundtable.test' });
    w = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  describe('GET and PATCH /api/me/notification-preferences', () => {
    it('starts with everything on and changes only the switches given', async () => {
      const who = await t.fixtures.user();
      const get = () => t.http.get('/api/me/notification-preferences').set(who.auth).expect(200);
      expect((await get()).body).toEqual({ reminders: true, recaps: true, briefs: true });
      const changed = await t.http.patch('/api/me/notification-preferences').set(who.auth).send({ reminders: false }).expect(200);
      expect(changed.body).toEqual({ reminders: false, recaps: true, briefs: true });
      await t.http.patch('/api/me/notification-preferences').set(who.auth).send({ briefs: false, reminders: true }).expect(200);
      expect((await get()).body).toEqual({ reminders: true, recaps: true, briefs: false });
      expect((await t.http.patch('/api/me/notification-preferences').set(who.auth).send({}).expect(200)).body).toEqual({
        reminders: true,
        recaps: true,
        briefs: false,
      });
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: true, recaps: true, briefs: false });
    });

    it('refuses unknown switches (essential mail has none), non-booleans and null, and changes nothing', async () => {
      const who = await t.fixtures.user();
      for (const body of [{ invitations: false }, { digest: false }, { reminders: 'no' }, { recaps: null }, { briefs: 0 }]) {
        const res = await t.http.patch('/api/me/notification-preferences').set(who.auth).send(body).expect(400);
        expect(res.body.code).toBe('validation_failed');
      }
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: true, recaps: true, briefs: true });
    });

    it('is each person’s own: another person’s change never touches mine', async () => {
      const a = await t.fixtures.user();
      const b = await t.fixtures.user();
      await t.http.patch('/api/me/notification-preferences').set(b.auth).send({ recaps: false }).expect(200);
      expect(await preferencesOf(a.user.id)).toEqual({ reminders: true, recaps: true, briefs: true });
      await t.http.get('/api/me/notification-preferences').expect(401);
      await t.http.patch('/api/me/notification-preferences').send({ recaps: false }).expect(401);
    });

    it('keeps every change when a settings change and one-click unsubscribes arrive at once', async () => {
      const who = await t.fixtures.user();
      const requests = Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? t.http.patch('/api/me/notification-preferences').set(who.auth).send({ reminders: false })
          : t.http
              .post(`/api/unsubscribe/${tokenFor(who.user.id, i % 3 === 1 ? 'recaps' : 'briefs')}`)
              .type(FORM)
              .send(ONE_CLICK),
      );
      expect((await Promise.all(requests)).map((r) => r.status)).toEqual(Array(30).fill(200));
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: false, recaps: false, briefs: false });
    });

    it('is no longer part of /api/auth/me', async () => {
      const who = await t.fixtures.user();
      expect((await t.http.get('/api/auth/me').set(who.auth).expect(200)).body).not.toHaveProperty('notificationPreferences');
      await t.http
        .patch('/api/auth/me')
        .set(who.auth)
        .send({ notificationPreferences: { reminders: false } })
        .expect(400);
    });

    it('holds its shape in the database, whoever writes', async () => {
      const who = await t.fixtures.user();
      await expect(
        t.db.query(
          `UPDATE app_user SET notification_preferences = notification_preferences || '{"digest": true}' WHERE id = $1`,
          [who.user.id],
        ),
      ).rejects.toThrow(/ck_user_notification_preferences/);
      await expect(
        t.db.query(`UPDATE app_user SET notification_preferences = notification_preferences - 'recaps' WHERE id = $1`, [
          who.user.id,
        ]),
      ).rejects.toThrow(/ck_user_notification_preferences/);
      for (const value of ['[]', '{"reminders": true, "recaps": true, "briefs": "yes"}', '["reminders", "recaps", "briefs"]']) {
        await expect(
          t.db.query(`UPDATE app_user SET notification_preferences = $2::jsonb WHERE id = $1`, [who.user.id, value]),
        ).rejects.toThrow(/ck_user_notification_preferences/);
      }
    });
  });

  describe('the unsubscribe page (GET)', () => {
    it('says what the link turns off, offers the one-click form, runs no script and changes nothing', async () => {
      const who = await t.fixtures.user();
      const res = await t.http.get(`/api/unsubscribe/${tokenFor(who.user.id, 'recaps')}`).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.text).toContain('Turn off recaps');
      expect(res.text).toMatch(/<form method="post">/);
      expect(res.text).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
      expect(res.text).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: true, recaps: true, briefs: true });
    });

    it('says so when the mail is already off', async () => {
      const who = await t.fixtures.user();
      await t.http.patch('/api/me/notification-preferences').set(who.auth).send({ briefs: false }).expect(200);
      const res = await t.http.get(`/api/unsubscribe/${tokenFor(who.user.id, 'briefs')}`).expect(200);
      expect(res.text).toContain('Facilitator briefs are off');
      expect(res.text).not.toContain('<form');
    });
  });

  describe('one-click unsubscribe (POST, RFC 8058)', () => {
    it('turns the token’s category off with the one-click form, without cookies or a session', async () => {
      const who = await t.fixtures.user();
      const res = await t.http
        .post(`/api/unsubscribe/${tokenFor(who.user.id, 'reminders')}`)
        .type(FORM)
        .send(ONE_CLICK)
        .expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.text).toContain('Reminders are off');
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: false, recaps: true, briefs: true });
      // Again: still off, still 200.
      await t.http
        .post(`/api/unsubscribe/${tokenFor(who.user.id, 'reminders')}`)
        .type(FORM)
        .send(ONE_CLICK)
        .expect(200);
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: false, recaps: true, briefs: true });
    });

    it('works with no body at all, and with the form in UTF-8', async () => {
      const who = await t.fixtures.user();
      await t.http.post(`/api/unsubscribe/${tokenFor(who.user.id, 'recaps')}`).expect(200);
      await t.http
        .post(`/api/unsubscribe/${tokenFor(who.user.id, 'briefs')}`)
        .set('Content-Type', `${FORM}; charset=UTF-8`)
        .send(ONE_CLICK)
        .expect(200);
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: true, recaps: false, briefs: false });
    });

    it('is not blocked by the cross-site check: a cookie of the app and a foreign Origin change nothing about it', async () => {
      const who = await t.fixtures.user();
      const cookie = `rt_session=${who.token}`;
      await t.http
        .post(`/api/unsubscribe/${tokenFor(who.user.id, 'recaps')}`)
        .set('Cookie', cookie)
        .set('Origin', 'https://mail.example')
        .set('Sec-Fetch-Site', 'cross-site')
        .type(FORM)
        .send(ONE_CLICK)
        .expect(200);
      expect((await preferencesOf(who.user.id)).recaps).toBe(false);
      // Any other write signed in by the cookie from another site is still refused.
      const refused = await t.http
        .patch('/api/me/notification-preferences')
        .set('Cookie', cookie)
        .set('Origin', 'https://mail.example')
        .send({ recaps: true })
        .expect(403);
      expect(refused.body.code).toBe('cross_site_request');
      expect((await preferencesOf(who.user.id)).recaps).toBe(false);
    });

    it('refuses a tampered, foreign or unknown token and changes nothing', async () => {
      const who = await t.fixtures.user();
      const token = tokenFor(who.user.id, 'reminders');
      const [payload, mac] = token.split('.');
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      const otherCategory = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const forged = `${Buffer.from(JSON.stringify({ ...otherCategory, c: 'recaps' })).toString('base64url')}.${mac}`;
      const foreign = signUnsubscribeToken('another-deployment-secret-of-32-characters!', {
        userId: who.user.id,
        category: 'reminders',
      });
      for (const bad of [`${payload}.${flip(mac, 5)}`, `${flip(payload, 3)}.${mac}`, forged, foreign]) {
        for (const req of [
          t.http.get(`/api/unsubscribe/${bad}`),
          t.http.post(`/api/unsubscribe/${bad}`).type(FORM).send(ONE_CLICK),
        ]) {
          const res = await req;
          expect([res.status, res.body.code]).toEqual([404, 'not_found']);
        }
      }
      // A link of ours whose account is gone.
      await t.http
        .post(`/api/unsubscribe/${tokenFor(randomUUID(), 'reminders')}`)
        .type(FORM)
        .send(ONE_CLICK)
        .expect(404);
      // Not a token at all.
      for (const bad of ['not-a-token', `${payload}.${mac}x`, `${payload}`]) {
        const res = await t.http.post(`/api/unsubscribe/${bad}`).type(FORM).send(ONE_CLICK).expect(400);
        expect(res.body.code).toBe('validation_failed');
      }
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: true, recaps: true, briefs: true });
    });

    it('reads only the one-click form: another value, other fields or a field twice are refused', async () => {
      const who = await t.fixtures.user();
      const path = `/api/unsubscribe/${tokenFor(who.user.id, 'reminders')}`;
      for (const body of ['List-Unsubscribe=Yes', 'a=1&isAdmin=true', `${ONE_CLICK}&${ONE_CLICK}`, `${ONE_CLICK}&__proto__=x`]) {
        const res = await t.http.post(path).type(FORM).send(body);
        expect([body, res.status]).toEqual([body, 400]);
      }
      const big = await t.http
        .post(path)
        .type(FORM)
        .send(`${ONE_CLICK}&pad=${'x'.repeat(2000)}`);
      expect(big.status).toBe(413);
      expect((await t.http.post(path).type('text/plain').send(ONE_CLICK).expect(415)).body.code).toBe('unsupported_media_type');
      const latin1 = await t.http.post(path).set('Content-Type', `${FORM}; charset=latin1`).send(ONE_CLICK);
      expect(latin1.status).toBe(415);
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: true, recaps: true, briefs: true });
    });

    it('opens the form body on this route alone: every other route still answers 415 to a form', async () => {
      const who = await t.fixtures.user();
      const token = tokenFor(who.user.id, 'reminders');
      const attempts = [
        t.http.post('/api/auth/login').type(FORM).send('email=a%40b.c&password=x'),
        t.http.patch('/api/me/notification-preferences').set(who.auth).type(FORM).send('reminders=false'),
        t.http.post('/api/me/calendar-feed').set(who.auth).type(FORM).send(ONE_CLICK),
        t.http.post(`/api/meetings/${randomUUID()}/bookings`).set(who.auth).type(FORM).send(ONE_CLICK),
        t.http.get(`/api/unsubscribe/${token}`).type(FORM).send(ONE_CLICK),
      ];
      for (const res of await Promise.all(attempts)) {
        expect([res.status, res.body.code]).toEqual([415, 'unsupported_media_type']);
      }
      expect(await preferencesOf(who.user.id)).toEqual({ reminders: true, recaps: true, briefs: true });
    });
  });

  describe('the worker honours them', () => {
    interface Sent {
      message: Mail.Options;
    }
    const sent: Sent[] = [];
    const mailer: Mailer = {
      sendMail: (message) => {
        sent.push({ message });
        return Promise.resolve({ messageId: String(message.messageId), response: '250 2.0.0 queued' });
      },
    };
    const deliverNow = (notificationId: string) =>
      deliver(t.db, notificationId, {
        prepare: createPrepare({
          appUrl: t.config.PUBLIC_URL,
          from: 'Roundtable <roundtable@mail.test>',
          signingSecret: t.config.SIGNING_SECRET,
          invitationTtlHours: 72,
        }),
        mailer,
        domain: 'mail.test',
        worker: 'unsubscribe-test',
      });
    const remindersOf = async (who: SignedIn) =>
      (await t.db.query(
        `SELECT id, status, skipped_reason FROM notification WHERE kind = 'reminder' AND user_id = $1 ORDER BY due_at`,
        [who.user.id],
      )) as { id: string; status: string; skipped_reason: string | null }[];

    it('sends a reminder with a one-click link that, posted without a session, stops the next one (skipped, with its reason)', async () => {
      const who = await t.fixtures.user({ firmId: w.firm.id });
      const meeting = await t.http
        .post(`/api/groups/${w.group.id}/meetings`)
        .set(w.facilitator.auth)
        .send({ title: 'Reminded session', localStart: localStartIn(10), durationMinutes: 60 })
        .expect(201);
      await t.http.post(`/api/meetings/${meeting.body.id}/bookings`).set(who.auth).send({}).expect(201);
      const [first, second] = await remindersOf(who);
      expect(second).toBeDefined();

      expect(await deliverNow(first.id)).toBe('sent');
      const { message } = sent[sent.length - 1];
      const list = message.list as { unsubscribe: { url: string } };
      const url = new URL(list.unsubscribe.url);
      expect(url.origin).toBe('https://roundtable.test');
      expect(url.pathname).toMatch(/^\/api\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect((message.headers as Record<string, string>)['List-Unsubscribe-Post']).toBe(ONE_CLICK);

      // What a mail provider does: the one-click POST, from its own servers, with no cookie.
      await t.http.post(url.pathname).type(FORM).send(ONE_CLICK).expect(200);
      expect(await t.http.get('/api/me/notification-preferences').set(who.auth).expect(200)).toMatchObject({
        body: { reminders: false, recaps: true, briefs: true },
      });

      const before = sent.length;
      expect(await deliverNow(second.id)).toBe('skipped');
      expect(sent.length).toBe(before);
      const rows = await remindersOf(who);
      expect(rows.find((r) => r.id === second.id)).toMatchObject({
        status: 'skipped',
        skipped_reason: 'recipient turned reminders off',
      });
    });

    it('still sends essential mail to someone who turned everything off', async () => {
      const who = await t.fixtures.user({ firmId: w.firm.id });
      await t.http
        .patch('/api/me/notification-preferences')
        .set(who.auth)
        .send({ reminders: false, recaps: false, briefs: false });
      const meeting = await t.http
        .post(`/api/groups/${w.group.id}/meetings`)
        .set(w.facilitator.auth)
        .send({ title: 'Essential session', localStart: localStartIn(11), durationMinutes: 60 })
        .expect(201);
      await t.http.post(`/api/meetings/${meeting.body.id}/bookings`).set(who.auth).send({}).expect(201);
      const rows = (await t.db.query(`SELECT id, kind FROM notification WHERE user_id = $1 AND meeting_id = $2 ORDER BY kind`, [
        who.user.id,
        meeting.body.id,
      ])) as { id: string; kind: string }[];
      const outcomes = Object.fromEntries(await Promise.all(rows.map(async (r) => [r.kind, await deliverNow(r.id)] as const)));
      expect(outcomes).toMatchObject({ booking_confirmed: 'sent', meeting_invitation: 'sent', reminder: 'skipped' });
    });
  });
});
