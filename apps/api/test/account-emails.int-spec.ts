import { UserEntity } from '@roundtable/server-data';
import { buildProgrammeWorld, ProgrammeWorld, ReceivedMail, SmtpSink, uid } from '@roundtable/server-testing';
import { ApiWithWorker, startApiWithWorker, TestApp } from './support';

const APP_URL = 'https://roundtable.test';
const PASSWORD = 'the-old-passphrase';
const NEW_PASSWORD = 'a brand new passphrase';
const email = (label: string) => `${label}-${uid()}@test.roundtable.local`;

/**
 * Account emails end to end: the API owes them, the real worker (relay, BullMQ, delivery) sends them to an SMTP
 * server in this process, and the link read out of the parsed message is followed through the API. The API and
 * the worker share a database of their own: a worker's relay takes every due row of its database.
 */
describe('account emails through the worker', () => {
  let stack: ApiWithWorker;
  let api: TestApp;
  let sink: SmtpSink;
  let mailTo: ApiWithWorker['mailTo'];
  let w: ProgrammeWorld;

  beforeAll(async () => {
    stack = await startApiWithWorker('account_emails', { PUBLIC_URL: APP_URL });
    ({ api, sink, mailTo } = stack);
    w = await buildProgrammeWorld(api.fixtures);
  }, 60_000);

  afterAll(() => stack?.close());

  /** The token of the link to `path` in the message, checked to be the same in its text and HTML parts. */
  function linkToken(mail: ReceivedMail, path: string): string {
    const pattern = new RegExp(`${APP_URL}${path}\\?token=([A-Za-z0-9_%-]+)`);
    const inText = pattern.exec(mail.parsed.text ?? '')?.[1];
    const inHtml = pattern.exec(typeof mail.parsed.html === 'string' ? mail.parsed.html : '')?.[1];
    if (!inText) throw new Error(`No ${path} link in:\n${mail.parsed.text}`);
    expect(inHtml).toBe(inText);
    return decodeURIComponent(inText);
  }

  const invite = (by: { auth: Record<string, string> }, body: Record<string, string>) =>
    api.http.post('/api/invitations').set(by.auth).send(body).expect(201);
  const accept = (token: string) => api.http.post('/api/invitations/accept').send({ token, password: 'a long new passphrase' });
  const login = (address: string, password: string) => api.http.post('/api/auth/login').send({ email: address, password });

  it('emails a member’s invitation of a colleague; its link accepts it, once', async () => {
    const address = email('colleague');
    const res = await invite(w.member, { email: address, name: 'Col League', role: 'member', firmId: w.firm.id });
    expect(JSON.stringify(res.body)).not.toMatch(/token/i);
    const mail = await mailTo(address);
    expect(mail.parsed.subject).toContain(w.programme.name);
    expect(mail.parsed.text).toContain(w.member.user.name);
    expect(mail.parsed.html).toContain(w.firm.name);
    const token = linkToken(mail, '/invitations/accept');

    const accepted = await accept(token).expect(200);
    expect(accepted.body.user).toMatchObject({ email: address, name: 'Col League', firmId: w.firm.id });
    expect((await accept(token).expect(400)).body.code).toBe('invitation_invalid');
    const [row] = await api.db.query(`SELECT status, message_id FROM notification WHERE invitation_id = $1`, [res.body.id]);
    expect(row).toEqual({ status: 'sent', message_id: mail.parsed.messageId });
  });

  it('a resend emails a new link: the old one stops working and the new one works', async () => {
    const address = email('resent');
    const res = await invite(w.manager, { email: address, name: 'Re Sent', role: 'facilitator', groupId: w.group.id });
    const first = linkToken(await mailTo(address), '/invitations/accept');
    // The first email went a moment ago: a resend has to wait for the minute to pass (moved in the database).
    const tooSoon = await api.http.post(`/api/invitations/${res.body.id}/resend`).set(w.manager.auth).send().expect(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    await api.db.query(`UPDATE notification SET created_at = created_at - interval '61 seconds' WHERE invitation_id = $1`, [
      res.body.id,
    ]);
    await api.http.post(`/api/invitations/${res.body.id}/resend`).set(w.manager.auth).send().expect(202);
    const second = linkToken(await mailTo(address, 2), '/invitations/accept');
    expect(second).not.toBe(first);

    expect((await accept(first).expect(400)).body.code).toBe('invitation_invalid');
    const accepted = await accept(second).expect(200);
    expect(accepted.body.user.roles).toEqual([{ role: 'facilitator', programmeId: w.programme.id, groupId: w.group.id }]);
    expect(sink.received.filter((m) => m.to.includes(address))).toHaveLength(2);
  });

  it('emails a reset link only to an active account; it sets the password once and ends the other sessions', async () => {
    const active = await api.fixtures.user({ email: email('active'), password: PASSWORD });
    const disabled = await api.fixtures.user({ email: email('disabled'), password: PASSWORD });
    await api.db.manager.update(UserEntity, { id: disabled.user.id }, { status: 'disabled' });
    const unknown = email('unknown');
    const answers = [];
    for (const address of [unknown, disabled.user.email, active.user.email]) {
      const res = await api.http.post('/api/auth/password-reset').send({ email: address }).expect(202);
      answers.push(res.body as unknown);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);

    const mail = await mailTo(active.user.email);
    expect(mail.parsed.subject).toBe('Reset your Roundtable password');
    const token = linkToken(mail, '/reset-password');
    // The unknown and the disabled addresses were asked for first, and nothing was owed or sent to them.
    const others = await api.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'password_reset' AND user_id <> $1`,
      [active.user.id],
    );
    expect(others[0].n).toBe(0);
    expect(sink.received.filter((m) => m.to.includes(unknown) || m.to.includes(disabled.user.email))).toEqual([]);

    const elsewhere = await login(active.user.email, PASSWORD).expect(200);
    const res = await api.http.post('/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(200);
    for (const old of [active.token, elsewhere.body.token as string]) {
      await api.http.get('/api/auth/me').set('Authorization', `Bearer ${old}`).expect(401);
    }
    await api.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    await login(active.user.email, PASSWORD).expect(401);
    await login(active.user.email, NEW_PASSWORD).expect(200);
    const again = await api.http
      .post('/api/auth/password-reset/confirm')
      .send({ token, newPassword: 'yet another passphrase' })
      .expect(400);
    expect(again.body.code).toBe('password_reset_invalid');
  });

  it('a reset link works for an hour from when it is sent, and a newer request does not close it', async () => {
    const who = await api.fixtures.user({ email: email('hour'), password: PASSWORD });
    const ask = () => api.http.post('/api/auth/password-reset').send({ email: who.user.email }).expect(202);
    const confirm = (token: string) =>
      api.http.post('/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });

    await ask();
    const first = linkToken(await mailTo(who.user.email), '/reset-password');
    const [sent] = await api.db.query(
      `SELECT n.sent_at, r.id, r.expires_at FROM notification n JOIN password_reset r ON r.id = (n.data->>'passwordResetId')::uuid
        WHERE n.user_id = $1 AND n.kind = 'password_reset'`,
      [who.user.id],
    );
    const validFor = new Date(sent.expires_at).getTime() - new Date(sent.sent_at).getTime();
    // sent_at is the database's clock at the start of the delivery, expires_at the worker's: allow a little skew.
    expect(Math.abs(validFor - 3600_000)).toBeLessThan(5_000);
    // An hour later (moved in the database), the link no longer works.
    await api.db.query(`UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE id = $1`, [sent.id]);
    expect((await confirm(first).expect(400)).body.code).toBe('password_reset_invalid');
    await login(who.user.email, PASSWORD).expect(200);

    // Two requests (the second could be anyone's): the first link still works, and using it closes the other.
    await ask();
    const older = linkToken(await mailTo(who.user.email, 2), '/reset-password');
    await ask();
    const newer = linkToken(await mailTo(who.user.email, 3), '/reset-password');
    await confirm(older).expect(200);
    await login(who.user.email, NEW_PASSWORD).expect(200);
    expect((await confirm(newer).expect(400)).body.code).toBe('password_reset_invalid');
  });
});
