import { buildProgrammeWorld, ProgrammeWorld, scheduleMeeting, setCookie, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/**
 * What a browser on another site can make a signed-in user's browser send: forms and text/plain
 * bodies (no CORS preflight), and the session cookie along with them. And the headers every
 * answer carries.
 */
describe('requests from browsers: content types, cross-site writes, security headers', () => {
  let t: TestApp;
  let w: ProgrammeWorld;
  let origin: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildProgrammeWorld(t.fixtures);
    origin = new URL(t.config.PUBLIC_URL).origin;
  });
  afterAll(() => t.close());

  const cookie = (who: SignedIn) => ({ Cookie: `rt_session=${who.token}` });
  const bookings = async (meetingId: string) =>
    ((await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE meeting_id = $1`, [meetingId])) as { n: number }[])[0].n;

  function expectRefusal(res: { status: number; body: Record<string, unknown> }, status: number, code: string): void {
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, code, message: expect.stringMatching(/\w/) });
  }

  describe('content types', () => {
    it('refuses a cookie-authenticated booking sent as text/plain (415) and books nothing', async () => {
      const meetingId = await scheduleMeeting(t, w.manager, { programmeId: w.programme.id, days: 5 });
      const res = await t.http
        .post(`/api/meetings/${meetingId}/bookings`)
        .set(cookie(w.member))
        .set('Content-Type', 'text/plain')
        .send('{}');
      expectRefusal(res, 415, 'unsupported_media_type');
      expect(await bookings(meetingId)).toBe(0);
    });

    it('refuses form and multipart bodies, also empty ones, on a route that takes no body', async () => {
      const app = await t.http
        .post(`/api/groups/${w.group.id}/applications`)
        .set(w.member.auth)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('answers=x');
      expectRefusal(app, 415, 'unsupported_media_type');
      const meetingId = await scheduleMeeting(t, w.manager, { programmeId: w.programme.id, days: 5 });
      const booked = await t.http.post(`/api/meetings/${meetingId}/bookings`).set(w.member.auth).send({}).expect(201);
      for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
        const res = await t.http
          .post(`/api/bookings/${booked.body.id}/cancel`)
          .set(w.member.auth)
          .set('Content-Type', type)
          .send('');
        expectRefusal(res, 415, 'unsupported_media_type');
      }
      // No body and no Content-Type: a plain POST, as a cancel button sends it.
      const cancelled = await t.http.post(`/api/bookings/${booked.body.id}/cancel`).set(w.member.auth).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
    });

    it('reads application/json with a UTF-8 charset', async () => {
      const meetingId = await scheduleMeeting(t, w.manager, { programmeId: w.programme.id, days: 5 });
      await t.http
        .post(`/api/meetings/${meetingId}/bookings`)
        .set(w.member.auth)
        .set('Content-Type', 'application/json; charset=UTF-8')
        .send('{}')
        .expect(201);
    });
  });

  describe('cross-site writes', () => {
    let meetingId: string;
    beforeEach(async () => {
      meetingId = await scheduleMeeting(t, w.manager, { programmeId: w.programme.id, days: 5 });
    });
    const book = (headers: Record<string, string>) => t.http.post(`/api/meetings/${meetingId}/bookings`).set(headers).send({});

    it('refuses a cookie-authenticated write from a foreign Origin (403) and writes nothing', async () => {
      for (const from of ['https://evil.example', 'null', `${origin}.evil.example`, 'http://sibling.localhost:3000']) {
        expectRefusal(await book({ ...cookie(w.member), Origin: from }), 403, 'cross_site_request');
      }
      expectRefusal(await book({ ...cookie(w.member), 'Sec-Fetch-Site': 'cross-site' }), 403, 'cross_site_request');
      // A sibling subdomain is the same site: SameSite=Lax lets the cookie through, this does not.
      expectRefusal(
        await book({ ...cookie(w.member), 'Sec-Fetch-Site': 'same-site', Origin: 'https://other.example.org' }),
        403,
        'cross_site_request',
      );
      expect(await bookings(meetingId)).toBe(0);
    });

    it('accepts a cookie-authenticated write from the public origin', async () => {
      await book({ ...cookie(w.member), Origin: origin, 'Sec-Fetch-Site': 'same-origin' }).expect(201);
      await book({ ...cookie(w.otherMember), Origin: origin }).expect(201);
      expect(await bookings(meetingId)).toBe(2);
    });

    it('accepts what carries no ambient credential: Bearer writes with or without Origin, cookie writes from non-browsers', async () => {
      await book({ ...w.member.auth, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }).expect(201);
      await book(w.otherMember.auth).expect(201);
      // Neither Origin nor Sec-Fetch-Site: not a browser (a browser names the origin of every cross-origin write).
      const colleague = await t.fixtures.user({ firmId: w.firm.id });
      await book(cookie(colleague)).expect(201);
      expect(await bookings(meetingId)).toBe(3);
    });

    it('leaves reads alone whatever their origin', async () => {
      await t.http
        .get('/api/auth/me')
        .set({ ...cookie(w.member), Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })
        .expect(200);
    });
  });

  describe('security headers', () => {
    it('sends helmet’s headers, and a policy that lets an API answer run nothing', async () => {
      const res = await t.http.get('/api/auth/me').set(w.member.auth).expect(200);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
      const refused = await t.http.get('/api/auth/me').expect(401);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
    });

    it('still serves the Swagger UI, whose own scripts and styles its policy allows', async () => {
      const page = await t.http.get('/api/docs').redirects(1).expect(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/style-src 'self' https: 'unsafe-inline'/);
      const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      // Every script is a file of our own origin, which script-src 'self' allows; none is inline.
      expect(page.text).not.toMatch(/<script>/);
      for (const src of scripts) {
        expect(src).not.toMatch(/^https?:/);
        await t.http.get(new URL(src, `${origin}/api/docs/`).pathname).expect(200);
      }
    });
  });
});

describe('the session cookie', () => {
  const login = async (t: TestApp) => {
    const { user } = await t.fixtures.user({ password: 'a long enough passphrase' });
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'a long enough passphrase' })
      .expect(200);
    return setCookie(res, 'rt_session') ?? '';
  };

  it('is Secure when the public URL is https', async () => {
    const t = await createTestApp({ PUBLIC_URL: 'https://roundtable.example.org' });
    try {
      const cookie = await login(t);
      expect(cookie).toMatch(/;\s*HttpOnly/);
      expect(cookie).toMatch(/;\s*Secure/);
    } finally {
      await t.close();
    }
  });

  it('is not Secure when the public URL is http (local development)', async () => {
    const t = await createTestApp({ PUBLIC_URL: 'http://localhost:3000' });
    try {
      const cookie = await login(t);
      expect(cookie).toMatch(/;\s*HttpOnly/);
      expect(cookie).not.toMatch(/Secure/);
    } finally {
      await t.close();
    }
  });
});
