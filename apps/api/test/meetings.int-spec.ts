import { buildProgrammeWorld, ProgrammeWorld } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const inDays = (days: number, time = '09:30') => {
  const d = new Date(Date.now() + days * 86400_000);
  return `${d.toISOString().slice(0, 10)}T${time}`;
};

describe('meetings and series', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  it('expands "first Tuesday monthly at 09:30 Europe/London" into 12 meetings at 09:30 local across both DST changes', async () => {
    const res = await t.http
      .post(`/api/groups/${a.group.id}/series`)
      .set(a.facilitator.auth)
      .send({
        title: 'Monthly set',
        localStart: '2028-01-04T09:30',
        timezone: 'Europe/London',
        durationMinutes: 180,
        rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=12',
      })
      .expect(201);
    const meetings = res.body.meetings as {
      localStart: string;
      startsAt: string;
      icalUid: string;
      capacity: number;
      seriesId: string;
    }[];
    expect(meetings).toHaveLength(12);
    expect(meetings.every((m) => m.localStart.endsWith('T09:30'))).toBe(true);
    expect(meetings[2].startsAt).toBe('2028-03-07T09:30:00.000Z');
    expect(meetings[3].startsAt).toBe('2028-04-04T08:30:00.000Z');
    expect(meetings[9].startsAt).toBe('2028-10-03T08:30:00.000Z');
    expect(meetings[10].startsAt).toBe('2028-11-07T09:30:00.000Z');
    expect(new Set(meetings.map((m) => m.icalUid)).size).toBe(12);
    expect(meetings.every((m) => m.capacity === a.group.capacity && m.seriesId === res.body.id)).toBe(true);

    const series = await t.http.get(`/api/series/${res.body.id}`).set(a.member.auth).expect(200);
    expect(series.body.meetings).toHaveLength(12);
  });

  it('rejects a bad rrule naming the field', async () => {
    const res = await t.http
      .post(`/api/groups/${a.group.id}/series`)
      .set(a.facilitator.auth)
      .send({ title: 'x', localStart: '2028-01-04T09:30', durationMinutes: 60, rrule: 'FREQ=MONTHLY;BYDAY=1TU' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'invalid_rrule', errors: [{ field: 'rrule' }] });
  });

  it('edits one meeting or this-and-following, raising SEQUENCE only on calendar-visible changes', async () => {
    const { body } = await t.http
      .post(`/api/groups/${a.group.id}/series`)
      .set(a.facilitator.auth)
      .send({ title: 'Edit me', localStart: '2028-01-12T10:00', durationMinutes: 120, rrule: 'FREQ=MONTHLY;COUNT=6' })
      .expect(201);
    const [m0, m1, m2] = body.meetings as { id: string; icalSequence: number }[];

    const one = await t.http
      .patch(`/api/meetings/${m0.id}`)
      .set(a.facilitator.auth)
      .send({ venue: 'Eden Court, Inverness' })
      .expect(200);
    expect(one.body).toMatchObject({ venue: 'Eden Court, Inverness', icalSequence: m0.icalSequence + 1 });
    const capOnly = await t.http.patch(`/api/meetings/${m0.id}`).set(a.facilitator.auth).send({ capacity: 11 }).expect(200);
    expect(capOnly.body.icalSequence).toBe(one.body.icalSequence);

    await t.http
      .patch(`/api/meetings/${m1.id}`)
      .set(a.facilitator.auth)
      .send({ scope: 'following', localStart: '2028-02-12T14:00' })
      .expect(200);
    const after = await t.http.get(`/api/series/${body.id}`).set(a.facilitator.auth).expect(200);
    const locals = after.body.meetings.map((m: { localStart: string }) => m.localStart);
    expect(locals).toEqual([
      '2028-01-12T10:00',
      '2028-02-12T14:00',
      '2028-03-12T14:00',
      '2028-04-12T14:00',
      '2028-05-12T14:00',
      '2028-06-12T14:00',
    ]);
    expect(after.body.meetings[3].startsAt).toBe('2028-04-12T13:00:00.000Z'); // BST
    expect(after.body.meetings[2].icalSequence).toBe(m2.icalSequence + 1);
    expect(after.body.meetings[0].localStart).toBe('2028-01-12T10:00');
  });

  it('cancels with a message (this and following), keeps the UID and raises SEQUENCE', async () => {
    const { body } = await t.http
      .post(`/api/groups/${a.group.id}/series`)
      .set(a.facilitator.auth)
      .send({ title: 'Cancel me', localStart: '2028-02-03T09:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=4' })
      .expect(201);
    const m = body.meetings[2];
    const res = await t.http
      .post(`/api/meetings/${m.id}/cancel`)
      .set(a.manager.auth)
      .send({ message: 'Venue flooded', scope: 'following' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      cancellationMessage: 'Venue flooded',
      icalUid: m.icalUid,
      icalSequence: m.icalSequence + 1,
    });
    const series = await t.http.get(`/api/series/${body.id}`).set(a.facilitator.auth).expect(200);
    expect(series.body.meetings.map((x: { status: string }) => x.status)).toEqual([
      'scheduled',
      'scheduled',
      'cancelled',
      'cancelled',
    ]);
    await t.http.post(`/api/meetings/${m.id}/cancel`).set(a.manager.auth).send({ message: 'again' }).expect(409);
    await t.http.patch(`/api/meetings/${m.id}`).set(a.manager.auth).send({ title: 'x' }).expect(409);
  });

  it('uses the group defaults and lists a member their upcoming meetings with their booking', async () => {
    const created = await t.http
      .post(`/api/groups/${a.group.id}/meetings`)
      .set(a.facilitator.auth)
      .send({ title: 'Soon', localStart: inDays(3), durationMinutes: 90 })
      .expect(201);
    expect(created.body).toMatchObject({
      capacity: a.group.capacity,
      mode: a.group.format,
      groupId: a.group.id,
      myBooking: null,
    });
    const event = await t.http
      .post(`/api/programmes/${a.programme.id}/events`)
      .set(a.otherFacilitator.auth)
      .send({ title: 'Open: AI for small firms', localStart: inDays(4), durationMinutes: 120, capacity: 30 })
      .expect(201);
    await t.http.post(`/api/meetings/${created.body.id}/bookings`).set(a.member.auth).send({}).expect(201);

    const mine = await t.http.get('/api/me/meetings').set(a.member.auth).expect(200);
    const ids = mine.body.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([created.body.id, event.body.id]));
    expect(mine.body.find((m: { id: string }) => m.id === created.body.id).myBooking.status).toBe('confirmed');
    const other = await t.http.get('/api/me/meetings').set(a.otherMember.auth).expect(200);
    expect(other.body.map((m: { id: string }) => m.id)).toContain(event.body.id);
    expect(other.body.map((m: { id: string }) => m.id)).not.toContain(created.body.id);
  });

  it('refuses scheduling and editing to the wrong people', async () => {
    const body = { title: 'x', localStart: inDays(10), durationMinutes: 60 };
    await t.http.post(`/api/groups/${a.group.id}/meetings`).set(a.otherFacilitator.auth).send(body).expect(403);
    await t.http.post(`/api/groups/${a.group.id}/meetings`).set(a.member.auth).send(body).expect(403);
    await t.http.post(`/api/groups/${a.group.id}/meetings`).set(b.manager.auth).send(body).expect(404);
    await t.http
      .post(`/api/programmes/${a.programme.id}/events`)
      .set(a.member.auth)
      .send({ ...body, capacity: 5 })
      .expect(403);
    await t.http
      .post(`/api/programmes/${a.programme.id}/events`)
      .set(b.facilitator.auth)
      .send({ ...body, capacity: 5 })
      .expect(404);
    const m = await t.http.post(`/api/groups/${a.group.id}/meetings`).set(a.facilitator.auth).send(body).expect(201);
    await t.http.get(`/api/meetings/${m.body.id}`).set(a.otherMember.auth).expect(403);
    await t.http.get(`/api/meetings/${m.body.id}`).set(b.member.auth).expect(404);
    await t.http.get(`/api/groups/${a.group.id}/meetings`).set(a.otherMember.auth).expect(403);
    await t.http.patch(`/api/meetings/${m.body.id}`).set(a.otherFacilitator.auth).send({ title: 'y' }).expect(403);
    await t.http.patch(`/api/meetings/${m.body.id}`).set(a.member.auth).send({ title: 'y' }).expect(403);
    await t.http.patch(`/api/meetings/${m.body.id}`).set(b.manager.auth).send({ title: 'y' }).expect(404);
    await t.http.post(`/api/meetings/${m.body.id}/cancel`).set(a.otherFacilitator.auth).send({ message: 'no' }).expect(403);
    await t.http.patch(`/api/meetings/${m.body.id}`).set(a.facilitator.auth).send({ capacity: 5, icalSequence: 0 }).expect(400);
  });
  it('shows a firm that has left only the meetings of a series it attended', async () => {
    const firm = await t.fixtures.firm(a.programme.id, { companiesHouseNumber: null, sicCode: '85590' });
    const leaver = await t.fixtures.user({ firmId: firm.id });
    const membership = await t.fixtures.membership(a.group.id, firm.id);
    const { body: series } = await t.http
      .post(`/api/groups/${a.group.id}/series`)
      .set(a.facilitator.auth)
      .send({ title: 'Weekly', localStart: inDays(1), durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=4' })
      .expect(201);
    // The API schedules only in the future: the series began two weeks ago as far as this test is concerned.
    await t.db.query(`UPDATE meeting SET starts_at = starts_at - interval '15 days' WHERE series_id = $1`, [series.id]);
    const attended = series.meetings[0].id;
    await t.db.query(`INSERT INTO attendance (meeting_id, user_id, status, recorded_at) VALUES ($1, $2, 'present', now())`, [
      attended,
      leaver.user.id,
    ]);
    expect((await t.http.get(`/api/series/${series.id}`).set(leaver.auth).expect(200)).body.meetings).toHaveLength(4);

    await t.http.post(`/api/memberships/${membership.id}/leave`).set(leaver.auth).send({ reason: 'Too busy' }).expect(200);
    const after = await t.http.get(`/api/series/${series.id}`).set(leaver.auth).expect(200);
    expect(after.body.meetings.map((m: { id: string }) => m.id)).toEqual([attended]);
    await t.http.get(`/api/meetings/${series.meetings[3].id}`).set(leaver.auth).expect(403);

    const { body: other } = await t.http
      .post(`/api/groups/${a.group.id}/series`)
      .set(a.facilitator.auth)
      .send({ title: 'Later', localStart: inDays(20), durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=2' })
      .expect(201);
    await t.http.get(`/api/series/${other.id}`).set(leaver.auth).expect(403);
    await t.http.get(`/api/series/${other.id}`).set(a.otherMember.auth).expect(403);
  });
});
