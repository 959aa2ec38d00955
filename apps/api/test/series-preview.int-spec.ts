import { MAX_LIVE_SERIES_PER_GROUP } from '@roundtable/domain';
import { buildProgrammeWorld, ProgrammeWorld } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/** Previewing a series answers exactly the meetings scheduling it creates, saves nothing, and is the schedulers' alone. */
describe('series preview', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  const body = {
    title: 'Monthly set',
    localStart: '2028-01-04T09:30',
    timezone: 'Europe/London',
    durationMinutes: 180,
    rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=12',
  };
  const seriesCount = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM meeting_series WHERE group_id = $1`, [a.group.id]))[0].n as number;

  it('answers the dates creation then saves, across both DST changes, without saving anything', async () => {
    const before = await seriesCount();
    const preview = await t.http.post(`/api/groups/${a.group.id}/series/preview`).set(a.facilitator.auth).send(body).expect(200);
    expect(await seriesCount()).toBe(before);
    expect(preview.body).toMatchObject({ rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=12', timezone: 'Europe/London' });
    const occurrences = preview.body.occurrences as { startsAt: string; localStart: string }[];
    expect(occurrences).toHaveLength(12);
    expect(occurrences[3]).toEqual({ startsAt: '2028-04-04T08:30:00.000Z', localStart: '2028-04-04T09:30' });

    const created = await t.http.post(`/api/groups/${a.group.id}/series`).set(a.manager.auth).send(body).expect(201);
    const meetings = created.body.meetings as { startsAt: string; localStart: string }[];
    expect(meetings.map((m) => [m.startsAt, m.localStart])).toEqual(occurrences.map((o) => [o.startsAt, o.localStart]));
  });

  it('refuses a rule it cannot expand as creation does, naming the field', async () => {
    const res = await t.http
      .post(`/api/groups/${a.group.id}/series/preview`)
      .set(a.facilitator.auth)
      .send({ ...body, rrule: 'FREQ=MONTHLY;BYDAY=1TU' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'invalid_rrule', errors: [{ field: 'rrule' }] });
  });

  it('refuses the group’s members and other programmes’ staff', async () => {
    const path = `/api/groups/${a.group.id}/series/preview`;
    await t.http.post(path).set(a.member.auth).send(body).expect(403);
    await t.http.post(path).set(b.facilitator.auth).send(body).expect(404);
    await t.http.post(path).set(b.manager.auth).send(body).expect(404);
    await t.http.post(path).send(body).expect(401);
  });

  it('refuses, as saving would, a series beyond the group’s quota of live series', async () => {
    const group = await t.fixtures.group(a.programme.id);
    const path = `/api/groups/${group.id}`;
    for (let i = 0; i < MAX_LIVE_SERIES_PER_GROUP; i++) {
      await t.http
        .post(`${path}/series`)
        .set(a.manager.auth)
        .send({ ...body, rrule: 'FREQ=WEEKLY;COUNT=2' })
        .expect(201);
    }
    const preview = await t.http.post(`${path}/series/preview`).set(a.manager.auth).send(body).expect(409);
    const saved = await t.http.post(`${path}/series`).set(a.manager.auth).send(body).expect(409);
    expect(preview.body.code).toBe('series_limit_reached');
    expect(preview.body).toEqual(saved.body);
  });
});
