import { buildProgrammeWorld, localStartIn, ProgrammeWorld, scheduleMeeting, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

interface SheetRecord {
  userId: string;
  name: string;
  status: string;
  mode: string | null;
  recordedByName: string | null;
  history: { status: string; mode: string | null; changedByName: string | null; changedAt: string }[];
}

describe('attendance', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;
  let colleague: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
    colleague = await t.fixtures.user({ firmId: a.firm.id, name: 'Colleague Of Member' });
  });
  afterAll(() => t.close());

  const started = (mode?: 'hybrid' | 'online' | 'in_person') =>
    scheduleMeeting(t, a.facilitator, { groupId: a.group.id, days: -1, mode });
  const put = (meetingId: string, by: SignedIn, records: object[]) =>
    t.http.put(`/api/meetings/${meetingId}/attendance`).set(by.auth).send({ records });
  const recordOf = (sheet: { records: SheetRecord[] }, userId: string) => sheet.records.find((r) => r.userId === userId)!;

  it('lists a group meeting’s roster: the member firms’ people and bookers, with booking and attendance', async () => {
    const meetingId = await scheduleMeeting(t, a.facilitator, { groupId: a.group.id, days: 3 });
    await t.http.post(`/api/meetings/${meetingId}/bookings`).set(a.member.auth).send({}).expect(201);
    const res = await t.http.get(`/api/meetings/${meetingId}/roster`).set(a.facilitator.auth).expect(200);
    const byUser = new Map(res.body.map((p: { userId: string }) => [p.userId, p]));
    expect(byUser.get(a.member.user.id)).toEqual({
      userId: a.member.user.id,
      name: a.member.user.name,
      firmId: a.firm.id,
      firmName: a.firm.name,
      bookingStatus: 'confirmed',
      attendanceStatus: null,
      attendanceMode: null,
    });
    expect(byUser.get(colleague.user.id)).toMatchObject({ bookingStatus: null, attendanceStatus: null });
    expect(byUser.has(a.otherMember.user.id)).toBe(false);
    expect(byUser.has(a.facilitator.user.id)).toBe(false);
  });

  it('takes attendance, completes the meeting, and keeps the history of a correction', async () => {
    const meetingId = await started();
    const first = await put(meetingId, a.facilitator, [
      { userId: a.member.user.id, status: 'present' },
      { userId: colleague.user.id, status: 'apologies' },
    ]).expect(200);
    expect(first.body.meetingStatus).toBe('completed');
    expect(recordOf(first.body, colleague.user.id)).toMatchObject({
      name: colleague.user.name,
      status: 'apologies',
      recordedByName: a.facilitator.user.name,
    });
    const meeting = await t.http.get(`/api/meetings/${meetingId}`).set(a.member.auth).expect(200);
    expect(meeting.body.status).toBe('completed');

    // The manager corrects one person and re-sends the other unchanged.
    await put(meetingId, a.manager, [
      { userId: colleague.user.id, status: 'late' },
      { userId: a.member.user.id, status: 'present' },
    ]).expect(200);

    const sheet = await t.http.get(`/api/meetings/${meetingId}/attendance`).set(a.facilitator.auth).expect(200);
    expect(sheet.body.records).toHaveLength(2);
    const corrected = recordOf(sheet.body, colleague.user.id);
    expect(corrected).toMatchObject({ status: 'late', recordedByName: a.manager.user.name });
    expect(corrected.history.map((h) => [h.status, h.changedByName])).toEqual([
      ['apologies', a.facilitator.user.name],
      ['late', a.manager.user.name],
    ]);
    expect(new Date(corrected.history[1].changedAt).getTime()).toBeGreaterThan(
      new Date(corrected.history[0].changedAt).getTime(),
    );
    const unchanged = recordOf(sheet.body, a.member.user.id);
    expect(unchanged).toMatchObject({ status: 'present', recordedByName: a.facilitator.user.name });
    expect(unchanged.history).toHaveLength(1);

    const roster = await t.http.get(`/api/meetings/${meetingId}/roster`).set(a.manager.auth).expect(200);
    expect(roster.body.find((p: { userId: string }) => p.userId === colleague.user.id).attendanceStatus).toBe('late');
    const mine = await t.http.get(`/api/meetings/${meetingId}/attendance/me`).set(colleague.auth).expect(200);
    expect(mine.body).toMatchObject({ meetingId, userId: colleague.user.id, status: 'late', mode: null });
  });

  it('logs concurrent corrections one after the other, and the sheet ends on the last one', async () => {
    const meetingId = await started();
    const statuses = ['present', 'late', 'no_show', 'present', 'late', 'apologies', 'present', 'late'];
    const responses = await Promise.all(
      statuses.map((status, i) => put(meetingId, i % 2 ? a.manager : a.facilitator, [{ userId: a.member.user.id, status }])),
    );
    expect(responses.map((r) => r.status)).toEqual(statuses.map(() => 200));
    const sheet = await t.http.get(`/api/meetings/${meetingId}/attendance`).set(a.facilitator.auth).expect(200);
    const record = recordOf(sheet.body, a.member.user.id);
    const history = record.history;
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.length).toBeLessThanOrEqual(statuses.length);
    for (let i = 1; i < history.length; i += 1) {
      expect(history[i].status).not.toBe(history[i - 1].status);
      expect(new Date(history[i].changedAt).getTime()).toBeGreaterThanOrEqual(new Date(history[i - 1].changedAt).getTime());
    }
    expect(history[history.length - 1].status).toBe(record.status);
  });

  it('refuses attendance before the start (409) and on a cancelled meeting (409)', async () => {
    const future = await scheduleMeeting(t, a.facilitator, { groupId: a.group.id, days: 2 });
    const early = await put(future, a.facilitator, [{ userId: a.member.user.id, status: 'present' }]).expect(409);
    expect(early.body.code).toBe('meeting_not_started');

    const cancelled = await started();
    await t.http.post(`/api/meetings/${cancelled}/cancel`).set(a.facilitator.auth).send({ message: 'Snow' }).expect(200);
    const refused = await put(cancelled, a.facilitator, [{ userId: a.member.user.id, status: 'present' }]).expect(409);
    expect(refused.body.code).toBe('meeting_cancelled');
  });

  it('refuses people not on the roster, naming them, and writes nothing', async () => {
    const meetingId = await started();
    const res = await put(meetingId, a.facilitator, [
      { userId: a.member.user.id, status: 'present' },
      { userId: a.otherMember.user.id, status: 'present' },
    ]).expect(400);
    expect(res.body.code).toBe('not_on_roster');
    expect(res.body.errors).toEqual([{ field: 'records.1.userId', message: expect.stringContaining(a.otherMember.user.id) }]);
    const sheet = await t.http.get(`/api/meetings/${meetingId}/attendance`).set(a.facilitator.auth).expect(200);
    expect(sheet.body).toMatchObject({ meetingStatus: 'scheduled', records: [] });
  });

  it('validates the sheet: 1–200 records, each person once, known statuses', async () => {
    const meetingId = await started();
    const twice = await put(meetingId, a.facilitator, [
      { userId: a.member.user.id, status: 'present' },
      { userId: a.member.user.id, status: 'late' },
    ]).expect(400);
    expect(twice.body.errors.map((e: { field: string }) => e.field)).toEqual(['records']);
    await put(meetingId, a.facilitator, []).expect(400);
    const tooMany = Array.from({ length: 201 }, (_, i) => ({
      userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      status: 'present',
    }));
    const many = await put(meetingId, a.facilitator, tooMany).expect(400);
    expect(many.body.errors[0].field).toBe('records');
    const bad = await put(meetingId, a.facilitator, [{ userId: a.member.user.id, status: 'asleep' }]).expect(400);
    expect(bad.body.errors[0].field).toBe('records.0.status');
    await put(meetingId, a.facilitator, [{ userId: a.member.user.id, status: 'present', note: 'x' }]).expect(400);
  });

  it('takes the mode only at hybrid meetings, and needs it there for present and late', async () => {
    const hybrid = await started('hybrid');
    const missing = await put(hybrid, a.facilitator, [{ userId: a.member.user.id, status: 'late' }]).expect(400);
    expect(missing.body).toMatchObject({ code: 'mode_required', errors: [{ field: 'records.0.mode' }] });
    const absentWithMode = await put(hybrid, a.facilitator, [
      { userId: a.member.user.id, status: 'present', mode: 'online' },
      { userId: colleague.user.id, status: 'apologies', mode: 'online' },
    ]).expect(400);
    expect(absentWithMode.body).toMatchObject({ code: 'mode_not_allowed', errors: [{ field: 'records.1.mode' }] });
    const ok = await put(hybrid, a.facilitator, [
      { userId: a.member.user.id, status: 'present', mode: 'online' },
      { userId: colleague.user.id, status: 'apologies' },
    ]).expect(200);
    expect(recordOf(ok.body, a.member.user.id)).toMatchObject({ status: 'present', mode: 'online' });
    // Switching only the mode is a change, and is logged.
    const moved = await put(hybrid, a.facilitator, [{ userId: a.member.user.id, status: 'present', mode: 'in_person' }]).expect(
      200,
    );
    expect(recordOf(moved.body, a.member.user.id).history.map((h) => h.mode)).toEqual(['online', 'in_person']);
    const me = await t.http.get(`/api/meetings/${hybrid}/attendance/me`).set(a.member.auth).expect(200);
    expect(me.body).toMatchObject({ status: 'present', mode: 'in_person' });

    const online = await started('online');
    const notHybrid = await put(online, a.facilitator, [{ userId: a.member.user.id, status: 'present', mode: 'online' }]).expect(
      400,
    );
    expect(notHybrid.body).toMatchObject({ code: 'mode_not_allowed', errors: [{ field: 'records.0.mode' }] });
  });

  it('takes an open event’s attendance from its bookers only', async () => {
    const eventId = await scheduleMeeting(t, a.manager, { programmeId: a.programme.id, days: 2, capacity: 10 });
    await t.http.post(`/api/meetings/${eventId}/bookings`).set(a.member.auth).send({}).expect(201);
    await t.http.post(`/api/meetings/${eventId}/bookings`).set(a.otherMember.auth).send({}).expect(201);
    await t.http
      .patch(`/api/meetings/${eventId}`)
      .set(a.manager.auth)
      .send({ localStart: localStartIn(-1) })
      .expect(200);

    const roster = await t.http.get(`/api/meetings/${eventId}/roster`).set(a.otherFacilitator.auth).expect(200);
    expect(roster.body.map((p: { userId: string }) => p.userId).sort()).toEqual([a.member.user.id, a.otherMember.user.id].sort());
    const stranger = await put(eventId, a.facilitator, [{ userId: colleague.user.id, status: 'present' }]).expect(400);
    expect(stranger.body.code).toBe('not_on_roster');
    const ok = await put(eventId, a.otherFacilitator, [
      { userId: a.member.user.id, status: 'present' },
      { userId: a.otherMember.user.id, status: 'no_show' },
    ]).expect(200);
    expect(ok.body.records).toHaveLength(2);
    await t.http.get(`/api/meetings/${eventId}/attendance`).set(a.member.auth).expect(403);
    await t.http.get(`/api/meetings/${eventId}/attendance`).set(b.manager.auth).expect(404);
  });

  it('refuses every attendance route to the wrong people', async () => {
    const meetingId = await started();
    await put(meetingId, a.facilitator, [{ userId: a.member.user.id, status: 'present' }]).expect(200);
    const body = { records: [{ userId: a.member.user.id, status: 'late' }] };
    const routes = [
      () => t.http.get(`/api/meetings/${meetingId}/roster`),
      () => t.http.get(`/api/meetings/${meetingId}/attendance`),
      () => t.http.put(`/api/meetings/${meetingId}/attendance`).send(body),
    ];
    for (const route of routes) {
      await route().set(a.member.auth).expect(403);
      await route().set(a.otherMember.auth).expect(403);
      await route().set(a.otherFacilitator.auth).expect(403);
      await route().set(b.manager.auth).expect(404);
      await route().set(b.facilitator.auth).expect(404);
      await route().expect(401);
    }
    const me = () => t.http.get(`/api/meetings/${meetingId}/attendance/me`);
    await me().set(a.otherMember.auth).expect(403);
    await me().set(a.otherFacilitator.auth).expect(403);
    await me().set(b.manager.auth).expect(404);
    await me().set(b.member.auth).expect(404);
    // Staff see their own (empty) record, never someone else's.
    const staff = await me().set(a.facilitator.auth).expect(200);
    expect(staff.body).toMatchObject({ userId: a.facilitator.user.id, status: null });
    await t.http.get('/api/meetings/not-a-uuid/attendance').set(a.facilitator.auth).expect(400);
    // Nothing the refused callers sent was written.
    const sheet = await t.http.get(`/api/meetings/${meetingId}/attendance`).set(a.facilitator.auth).expect(200);
    expect(recordOf(sheet.body, a.member.user.id).history).toHaveLength(1);
  });
});
