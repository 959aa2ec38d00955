import { buildProgrammeWorld, ProgrammeWorld, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

describe('programmes API', () => {
  let t: TestApp;
  let admin: SignedIn;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.fixtures.user({ admin: true });
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  it('lets an admin create a programme with default reminders and completion rule', async () => {
    const name = `Peer Works ${uid()}`;
    const res = await t.http
      .post('/api/programmes')
      .set(admin.auth)
      .send({ name, region: 'Highlands and Islands', funder: 'HIE', timezone: 'Europe/London' })
      .expect(201);
    expect(res.body).toMatchObject({
      name,
      reminderOffsetsMinutes: [1440, 60],
      completionMinAttended: 6,
      completionOfSessions: 9,
    });
  });

  it('refuses programme creation to a programme manager', async () => {
    const res = await t.http
      .post('/api/programmes')
      .set(a.manager.auth)
      .send({ name: `X ${uid()}`, region: 'r', funder: 'f', timezone: 'Europe/London' })
      .expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'forbidden' });
  });

  it('names the bad field and rejects unknown fields', async () => {
    const bad = await t.http
      .post('/api/programmes')
      .set(admin.auth)
      .send({ name: `X ${uid()}`, region: 'r', funder: 'f', timezone: 'Mars/Olympus' })
      .expect(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('timezone');
    const unknown = await t.http
      .patch(`/api/programmes/${a.programme.id}`)
      .set(a.manager.auth)
      .send({ id: 'x', owner: 'me' })
      .expect(400);
    expect(unknown.body.message).toMatch(/property id should not exist/);
  });

  it('rejects a completion rule where N exceeds M', async () => {
    const res = await t.http
      .patch(`/api/programmes/${a.programme.id}`)
      .set(a.manager.auth)
      .send({ completionMinAttended: 10, completionOfSessions: 8 })
      .expect(400);
    expect(res.body.code).toBe('invalid_completion_rule');
  });

  it('lists only the programmes a person takes part in', async () => {
    for (const who of [a.manager, a.facilitator, a.member]) {
      const res = await t.http.get('/api/programmes?pageSize=100').set(who.auth).expect(200);
      expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([a.programme.id]);
      expect(res.body.total).toBe(1);
    }
    const all = await t.http.get('/api/programmes?pageSize=100').set(admin.auth).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(2);
  });

  it('lets the manager change their programme and hides other programmes (404)', async () => {
    await t.http.patch(`/api/programmes/${a.programme.id}`).set(a.manager.auth).send({ funder: 'UKSPF' }).expect(200);
    await t.http.get(`/api/programmes/${b.programme.id}`).set(a.manager.auth).expect(404);
    await t.http.patch(`/api/programmes/${b.programme.id}`).set(a.manager.auth).send({ funder: 'x' }).expect(404);
    await t.http.patch(`/api/programmes/${a.programme.id}`).set(a.facilitator.auth).send({ funder: 'x' }).expect(403);
    await t.http.patch(`/api/programmes/${a.programme.id}`).set(a.member.auth).send({ funder: 'x' }).expect(403);
  });

  it('requires a session', async () => {
    const res = await t.http.get('/api/programmes').expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});
