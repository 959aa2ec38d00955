import { buildProgrammeWorld, ProgrammeWorld, scheduleMeeting, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/**
 * The routes the web app needs beyond the rest of the API: my groups with their next session, cancelling
 * my booking by its meeting, a group's health, a programme's overview and people, and the admins' accounts.
 */
describe('routes for the web app', () => {
  let t: TestApp;
  let admin: SignedIn;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.fixtures.user({ admin: true });
    b = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  const get = (path: string, who: SignedIn) => t.http.get(path).set(who.auth);
  const cancelMine = (meetingId: string, who: SignedIn) =>
    t.http.delete(`/api/meetings/${meetingId}/bookings/mine`).set(who.auth);
  const book = (meetingId: string, who: SignedIn) =>
    t.http.post(`/api/meetings/${meetingId}/bookings`).set(who.auth).send({}).expect(201);
  const openEvent = (w: ProgrammeWorld, capacity: number) =>
    scheduleMeeting(t, w.manager, { programmeId: w.programme.id, days: 7, capacity });
  /** Moves a meeting `days` back in time, as history loaded from elsewhere would be. */
  const moveBack = (meetingId: string, days: number) =>
    t.db.query(`UPDATE meeting SET starts_at = starts_at - make_interval(days => $2) WHERE id = $1`, [meetingId, days]);

  describe('GET /api/me/groups', () => {
    let w: ProgrammeWorld;
    let next: { id: string; startsAt: string };

    beforeAll(async () => {
      w = await buildProgrammeWorld(t.fixtures);
      await t.http
        .patch(`/api/groups/${w.group.id}`)
        .set(w.manager.auth)
        .send({ defaultMeetingLink: 'https://meet.example.org/web-routes' })
        .expect(200);
      await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: -3 });
      const cancelled = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 2 });
      await t.http.post(`/api/meetings/${cancelled}/cancel`).set(w.facilitator.auth).send({ message: 'Snow' }).expect(200);
      const nextId = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 5 });
      await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 9 });
      next = { id: nextId, startsAt: (await get(`/api/meetings/${nextId}`, w.facilitator).expect(200)).body.startsAt };
    });

    it('gives a facilitator the groups they facilitate and a member their firm’s, each with its next session', async () => {
      for (const who of [w.facilitator, w.member]) {
        const res = await get('/api/me/groups', who).expect(200);
        expect(res.body).toHaveLength(1);
        expect(res.body[0]).toMatchObject({
          id: w.group.id,
          activeMemberCount: 1,
          defaultMeetingLink: 'https://meet.example.org/web-routes',
          nextMeetingId: next.id,
          nextMeetingStartsAt: next.startsAt,
        });
      }
      const other = await get('/api/me/groups', w.otherMember).expect(200);
      expect(other.body.map((g: { id: string }) => g.id)).toEqual([w.otherGroup.id]);
      expect(other.body[0]).toMatchObject({ nextMeetingId: null, nextMeetingStartsAt: null });
    });

    it('lists nothing for staff who facilitate no group, nor another programme’s groups, nor a group the firm left', async () => {
      expect((await get('/api/me/groups', w.manager).expect(200)).body).toEqual([]);
      expect((await get('/api/me/groups', admin).expect(200)).body).toEqual([]);
      const elsewhere = await get('/api/me/groups', b.member).expect(200);
      expect(elsewhere.body.map((g: { id: string }) => g.id)).toEqual([b.group.id]);

      const leaver = await t.fixtures.firm(w.programme.id, { sicCode: '47710', localAuthorityCode: 'S12000036' });
      const person = await t.fixtures.user({ firmId: leaver.id });
      const membership = await t.fixtures.membership(w.group.id, leaver.id);
      expect((await get('/api/me/groups', person).expect(200)).body.map((g: { id: string }) => g.id)).toEqual([w.group.id]);
      await t.http.post(`/api/memberships/${membership.id}/leave`).set(person.auth).send({ reason: 'Too busy' }).expect(200);
      expect((await get('/api/me/groups', person).expect(200)).body).toEqual([]);
    });

    it('shows people browsing the programme when a group meets next, but not a session they may not open', async () => {
      const res = await get(`/api/programmes/${w.programme.id}/groups`, w.otherMember).expect(200);
      const group = res.body.items.find((g: { id: string }) => g.id === w.group.id);
      expect(group).toMatchObject({
        capacity: 10,
        nextMeetingStartsAt: next.startsAt,
        nextMeetingId: null,
        defaultMeetingLink: null,
      });
      const staff = await get(`/api/groups/${w.group.id}`, w.manager).expect(200);
      expect(staff.body).toMatchObject({ nextMeetingId: next.id, nextMeetingStartsAt: next.startsAt });
    });
  });

  describe('DELETE /api/meetings/{meetingId}/bookings/mine', () => {
    let w: ProgrammeWorld;

    beforeAll(async () => {
      w = await buildProgrammeWorld(t.fixtures);
    });

    async function people(n: number): Promise<SignedIn[]> {
      const firm = await t.fixtures.firm(w.programme.id, { companiesHouseNumber: null });
      return Promise.all(Array.from({ length: n }, () => t.fixtures.user({ firmId: firm.id })));
    }
    const myBooking = async (who: SignedIn, meetingId: string) =>
      (await get('/api/me/bookings', who).expect(200)).body.find((x: { meetingId: string }) => x.meetingId === meetingId);

    it('cancels the caller’s own booking, moves the waitlist up and owes the same emails as cancelling by id', async () => {
      const [first, second, third] = await people(3);
      const meetingId = await openEvent(w, 1);
      const booked = (await book(meetingId, first)).body;
      const waiting = (await book(meetingId, second)).body;
      const last = (await book(meetingId, third)).body;
      expect(await myBooking(third, meetingId)).toMatchObject({ id: last.id, status: 'waitlisted', position: 2 });
      const meeting = await get(`/api/meetings/${meetingId}`, third).expect(200);
      expect(meeting.body.myBooking).toEqual({ id: last.id, status: 'waitlisted', position: 2 });

      const left = await cancelMine(meetingId, second).expect(200);
      expect(left.body).toMatchObject({ id: waiting.id, status: 'cancelled', userId: second.user.id });
      expect(await myBooking(third, meetingId)).toMatchObject({ status: 'waitlisted', position: 1 });

      const freed = await cancelMine(meetingId, first).expect(200);
      expect(freed.body).toMatchObject({ id: booked.id, status: 'cancelled', position: null, cancelledAt: expect.any(String) });
      expect(await myBooking(third, meetingId)).toMatchObject({ status: 'confirmed', position: null });
      expect(await myBooking(first, meetingId)).toBeUndefined();

      const owed: { kind: string; booking_id: string; data: Record<string, unknown> }[] = await t.db.query(
        `SELECT kind, booking_id, data FROM notification WHERE booking_id = ANY($1) AND kind IN ('booking_cancelled', 'booking_promoted')`,
        [[booked.id, waiting.id, last.id]],
      );
      const find = (kind: string, bookingId: string) => owed.filter((n) => n.kind === kind && n.booking_id === bookingId);
      expect(find('booking_cancelled', booked.id)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ bySelf: true, wasConfirmed: true }) }),
      ]);
      expect(find('booking_cancelled', waiting.id)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ bySelf: true, wasConfirmed: false }) }),
      ]);
      expect(find('booking_promoted', last.id)).toHaveLength(1);

      const again = await cancelMine(meetingId, first).expect(404);
      expect(again.body.code).toBe('not_found');
    });

    it('gives 6 parallel cancellations 6 promotions in waitlist order, and one of two identical cancellations', async () => {
      const crowd = await people(12);
      const meetingId = await openEvent(w, 6);
      const bookings = [];
      for (const p of crowd) bookings.push((await book(meetingId, p)).body);
      const responses = await Promise.all(crowd.slice(0, 6).map((p) => cancelMine(meetingId, p)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const roster = await get(`/api/meetings/${meetingId}/bookings?pageSize=100`, w.manager).expect(200);
      expect(roster.body.items.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual(
        bookings.slice(6).map((x) => [x.id, 'confirmed']),
      );

      const [one, two] = await Promise.all([cancelMine(meetingId, crowd[6]), cancelMine(meetingId, crowd[6])]);
      expect([one.status, two.status]).toContain(200);
      const loser = one.status === 200 ? two : one;
      expect([404, 409]).toContain(loser.status);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE meeting_id = $1 AND status = 'confirmed'`, [
        meetingId,
      ]);
      expect(n).toBe(5);
    });

    it('refuses once the meeting has started, and keeps the seat', async () => {
      const meetingId = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 1 });
      const booked = (await book(meetingId, w.member)).body;
      await moveBack(meetingId, 2);
      const res = await cancelMine(meetingId, w.member).expect(409);
      expect(res.body.code).toBe('meeting_started');
      const [row] = await t.db.query(`SELECT status FROM booking WHERE id = $1`, [booked.id]);
      expect(row.status).toBe('confirmed');
    });

    it('refuses people without a booking: 404 where they may see the meeting or outside the programme, 403 inside it', async () => {
      const meetingId = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 4 });
      const booked = (await book(meetingId, w.member)).body;
      await cancelMine(meetingId, w.facilitator).expect(404);
      await cancelMine(meetingId, w.manager).expect(404);
      await cancelMine(meetingId, b.member).expect(404);
      await cancelMine(meetingId, b.manager).expect(404);
      expect((await cancelMine(meetingId, w.otherMember).expect(403)).body.code).toBe('forbidden');
      const [row] = await t.db.query(`SELECT status FROM booking WHERE id = $1`, [booked.id]);
      expect(row.status).toBe('confirmed');
    });
  });

  describe('GET /api/groups/{groupId}/health', () => {
    let w: ProgrammeWorld;
    let colleague: SignedIn;
    let drifter: SignedIn;
    let absent: SignedIn;
    let newcomer: SignedIn;
    let driftingFirmId: string;
    const held: { id: string; startsAt: string }[] = [];

    /** A session `daysAgo` days back, booked by `bookers` before it started, with the sheet `records`. */
    async function heldSession(daysAgo: number, bookers: SignedIn[], records: [SignedIn, string][]): Promise<string> {
      const id = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 1 });
      for (const who of bookers) await book(id, who);
      await moveBack(id, daysAgo + 1);
      await t.http
        .put(`/api/meetings/${id}/attendance`)
        .set(w.facilitator.auth)
        .send({ records: records.map(([who, status]) => ({ userId: who.user.id, status })) })
        .expect(200);
      return id;
    }

    beforeAll(async () => {
      w = await buildProgrammeWorld(t.fixtures);
      colleague = await t.fixtures.user({ firmId: w.firm.id, name: 'Colleague Health' });
      const driftingFirm = await t.fixtures.firm(w.programme.id, { name: 'Drifting Firm Ltd', sicCode: '47710' });
      driftingFirmId = driftingFirm.id;
      drifter = await t.fixtures.user({ firmId: driftingFirm.id, name: 'Aileen Drifter' });
      absent = await t.fixtures.user({ firmId: driftingFirm.id, name: 'Bruce Absent' });
      const disabled = await t.fixtures.user({ firmId: driftingFirm.id, name: 'Carla Disabled' });
      await t.db.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [disabled.user.id]);
      await t.fixtures.membership(w.group.id, driftingFirm.id);
      const lateFirm = await t.fixtures.firm(w.programme.id, { name: 'Late Joiner Ltd', sicCode: '56101' });
      newcomer = await t.fixtures.user({ firmId: lateFirm.id, name: 'Newcomer Late' });
      await t.fixtures.membership(w.group.id, lateFirm.id);
      await t.db.query(
        `UPDATE membership SET joined_at = now() - CASE WHEN firm_id = $2 THEN interval '10 days' ELSE interval '60 days' END
          WHERE group_id = $1`,
        [w.group.id, lateFirm.id],
      );

      const s1 = await heldSession(
        21,
        [w.member, colleague, drifter],
        [
          [w.member, 'present'],
          [colleague, 'late'],
          [drifter, 'present'],
        ],
      );
      // The colleague comes without a booking.
      const s2 = await heldSession(
        14,
        [w.member, drifter],
        [
          [w.member, 'present'],
          [drifter, 'apologies'],
          [colleague, 'present'],
        ],
      );
      const s3 = await heldSession(
        7,
        [w.member, colleague, drifter, newcomer],
        [
          [w.member, 'late'],
          [colleague, 'no_show'],
          [newcomer, 'no_show'],
        ],
      );
      // Neither a session that started without a sheet nor a cancelled one has been held.
      const unrecorded = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 1 });
      await moveBack(unrecorded, 4);
      const cancelled = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 1 });
      await t.http.post(`/api/meetings/${cancelled}/cancel`).set(w.facilitator.auth).send({ message: 'Flood' }).expect(200);
      await moveBack(cancelled, 3);
      for (const id of [s1, s2, s3]) held.push({ id, startsAt: (await get(`/api/meetings/${id}`, w.manager)).body.startsAt });
    });

    it('shows the held sessions’ attendance, oldest first, and who came to neither of the last two', async () => {
      const res = await get(`/api/groups/${w.group.id}/health`, w.facilitator).expect(200);
      expect(res.body.groupId).toBe(w.group.id);
      expect(res.body.sessions).toEqual([
        {
          meetingId: held[0].id,
          title: expect.any(String),
          startsAt: held[0].startsAt,
          confirmedCount: 3,
          attendedConfirmedCount: 3,
          attendedCount: 3,
          apologiesCount: 0,
          noShowCount: 0,
          attendanceRate: 1,
        },
        {
          meetingId: held[1].id,
          title: expect.any(String),
          startsAt: held[1].startsAt,
          confirmedCount: 2,
          attendedConfirmedCount: 1,
          attendedCount: 2,
          apologiesCount: 1,
          noShowCount: 0,
          attendanceRate: 0.5,
        },
        {
          meetingId: held[2].id,
          title: expect.any(String),
          startsAt: held[2].startsAt,
          confirmedCount: 4,
          attendedConfirmedCount: 1,
          attendedCount: 1,
          apologiesCount: 0,
          noShowCount: 2,
          attendanceRate: 0.25,
        },
      ]);
      expect(res.body.attendanceRate).toBe(0.556);
      // The newcomer's firm joined after the earlier of the two; the disabled account is not counted.
      expect(res.body.missedLastTwo).toEqual([
        {
          userId: drifter.user.id,
          name: 'Aileen Drifter',
          firmId: driftingFirmId,
          firmName: 'Drifting Firm Ltd',
          missed: [
            { meetingId: held[2].id, startsAt: held[2].startsAt, status: null },
            { meetingId: held[1].id, startsAt: held[1].startsAt, status: 'apologies' },
          ],
          lastAttendedAt: held[0].startsAt,
        },
        {
          userId: absent.user.id,
          name: 'Bruce Absent',
          firmId: driftingFirmId,
          firmName: 'Drifting Firm Ltd',
          missed: [
            { meetingId: held[2].id, startsAt: held[2].startsAt, status: null },
            { meetingId: held[1].id, startsAt: held[1].startsAt, status: null },
          ],
          lastAttendedAt: null,
        },
      ]);
    });

    it('looks back over as many sessions as asked', async () => {
      const res = await get(`/api/groups/${w.group.id}/health?sessions=2`, w.manager).expect(200);
      expect(res.body.sessions.map((s: { meetingId: string }) => s.meetingId)).toEqual([held[1].id, held[2].id]);
      expect(res.body.attendanceRate).toBe(0.333);
      await get(`/api/groups/${w.group.id}/health?sessions=25`, w.manager).expect(400);
    });

    it('names nobody until two sessions are held', async () => {
      await heldSessionOf(w.otherGroup.id, w.otherFacilitator, w.otherMember, 'no_show');
      const res = await get(`/api/groups/${w.otherGroup.id}/health`, w.otherFacilitator).expect(200);
      expect(res.body.sessions).toHaveLength(1);
      expect(res.body.sessions[0]).toMatchObject({ confirmedCount: 0, noShowCount: 1, attendanceRate: null });
      expect(res.body.attendanceRate).toBeNull();
      expect(res.body.missedLastTwo).toEqual([]);
    });

    async function heldSessionOf(groupId: string, facilitator: SignedIn, person: SignedIn, status: string) {
      const id = await scheduleMeeting(t, facilitator, { groupId, days: -2 });
      await t.http
        .put(`/api/meetings/${id}/attendance`)
        .set(facilitator.auth)
        .send({ records: [{ userId: person.user.id, status }] })
        .expect(200);
    }

    it('is for the group’s facilitators, managers and admins: 403 for others in the programme, 404 outside it', async () => {
      await get(`/api/groups/${w.group.id}/health`, admin).expect(200);
      for (const who of [w.member, colleague, w.otherFacilitator, w.otherMember]) {
        expect((await get(`/api/groups/${w.group.id}/health`, who).expect(403)).body.code).toBe('forbidden');
      }
      for (const who of [b.manager, b.facilitator, b.member]) await get(`/api/groups/${w.group.id}/health`, who).expect(404);
    });
  });

  describe('GET /api/programmes/{programmeId}/overview', () => {
    let w: ProgrammeWorld;

    beforeAll(async () => {
      w = await buildProgrammeWorld(t.fixtures);
      await t.fixtures.group(w.programme.id, { status: 'forming' });
      await t.fixtures.group(w.programme.id, { status: 'forming' });
      await t.fixtures.group(w.programme.id, { status: 'closed' });
      await t.fixtures.firm(w.programme.id, { sicCode: '47710' });
      await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 5 });
      await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: 40 });
      await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: -2 });
      const cancelled = await scheduleMeeting(t, w.otherFacilitator, { groupId: w.otherGroup.id, days: 3 });
      await t.http.post(`/api/meetings/${cancelled}/cancel`).set(w.otherFacilitator.auth).send({ message: 'Ill' }).expect(200);
      await scheduleMeeting(t, w.manager, { programmeId: w.programme.id, days: 10 });
    });

    it('counts the groups by status, the firms, the facilitators and the next 30 days’ sessions', async () => {
      const before = Date.now();
      const res = await get(`/api/programmes/${w.programme.id}/overview`, w.manager).expect(200);
      expect(res.body).toEqual({
        programmeId: w.programme.id,
        groups: { forming: 2, active: 2, closed: 1, total: 5 },
        firms: 3,
        firmsInGroups: 2,
        facilitators: 2,
        upcomingGroupSessions: 1,
        upcomingOpenEvents: 1,
        upcomingUntil: expect.any(String),
      });
      const until = Date.parse(res.body.upcomingUntil) - before;
      expect(Math.abs(until - 30 * 86400_000)).toBeLessThan(60_000);
      const other = await get(`/api/programmes/${b.programme.id}/overview`, b.manager).expect(200);
      expect(other.body).toMatchObject({ groups: { total: 2 }, firms: 2, upcomingGroupSessions: 0, upcomingOpenEvents: 0 });
    });

    it('is for the programme’s managers and admins: 403 for its other people, 404 outside it', async () => {
      await get(`/api/programmes/${w.programme.id}/overview`, admin).expect(200);
      for (const who of [w.facilitator, w.member]) await get(`/api/programmes/${w.programme.id}/overview`, who).expect(403);
      for (const who of [b.manager, b.member]) await get(`/api/programmes/${w.programme.id}/overview`, who).expect(404);
    });
  });

  describe('GET /api/programmes/{programmeId}/people', () => {
    let w: ProgrammeWorld;
    let both: SignedIn;
    let colleague: SignedIn;

    beforeAll(async () => {
      w = await buildProgrammeWorld(t.fixtures);
      both = await t.fixtures.user({
        managerOf: w.programme.id,
        facilitatorOf: { groupId: w.group.id, programmeId: w.programme.id },
      });
      colleague = await t.fixtures.user({ firmId: w.firm.id, name: `Zebedee Quill ${uid()}` });
    });

    const people = async (query: string, who: SignedIn = w.manager) =>
      (await get(`/api/programmes/${w.programme.id}/people?${query}`, who).expect(200)).body;
    const ids = (page: { items: { id: string }[] }) => page.items.map((p) => p.id).sort();

    it('lists everyone holding a role in the programme, with every role they hold there', async () => {
      const all = await people('pageSize=100');
      const everyone = [w.manager, both, w.facilitator, w.otherFacilitator, w.member, w.otherMember, colleague];
      expect(all.total).toBe(7);
      expect(ids(all)).toEqual(everyone.map((p) => p.user.id).sort());
      expect(all.items.find((p: { id: string }) => p.id === both.user.id)).toEqual({
        id: both.user.id,
        name: both.user.name,
        email: both.user.email,
        status: 'active',
        roles: ['facilitator', 'programme_manager'],
        firmId: null,
        firmName: null,
        facilitatedGroupIds: [w.group.id],
      });
      expect(all.items.find((p: { id: string }) => p.id === w.member.user.id)).toMatchObject({
        roles: ['member'],
        firmId: w.firm.id,
        firmName: w.firm.name,
        facilitatedGroupIds: [],
      });
    });

    it('filters by role, searches name and email, and pages', async () => {
      expect(ids(await people('role=facilitator'))).toEqual(
        [both, w.facilitator, w.otherFacilitator].map((p) => p.user.id).sort(),
      );
      expect(ids(await people('role=programme_manager'))).toEqual([w.manager, both].map((p) => p.user.id).sort());
      expect(ids(await people('role=member'))).toEqual([w.member, w.otherMember, colleague].map((p) => p.user.id).sort());
      expect(ids(await people('q=zebedee%20QUILL'))).toEqual([colleague.user.id]);
      const local = w.otherFacilitator.user.email.split('@')[0];
      expect(ids(await people(`q=${local}&role=facilitator`))).toEqual([w.otherFacilitator.user.id]);
      expect((await people(`q=${local}&role=member`)).total).toBe(0);

      const asc = await people('pageSize=100');
      const desc = await people('pageSize=100&order=desc');
      expect(desc.items.map((p: { id: string }) => p.id)).toEqual([...asc.items].reverse().map((p: { id: string }) => p.id));
      const page2 = await people('pageSize=3&page=2');
      expect(page2).toMatchObject({ total: 7, page: 2, pageSize: 3 });
      expect(page2.items.map((p: { id: string }) => p.id)).toEqual(asc.items.slice(3, 6).map((p: { id: string }) => p.id));
      await get(`/api/programmes/${w.programme.id}/people?role=admin`, w.manager).expect(400);
    });

    it('lets the manager assign a facilitator chosen from the list', async () => {
      const [candidate] = (await people(`role=facilitator&q=${w.otherFacilitator.user.email.split('@')[0]}`)).items;
      const group = await t.http.put(`/api/groups/${w.group.id}/facilitators/${candidate.id}`).set(w.manager.auth).expect(200);
      expect(group.body.facilitators.map((f: { userId: string }) => f.userId)).toContain(candidate.id);
      const after = await people(`role=facilitator&q=${w.otherFacilitator.user.email.split('@')[0]}`);
      expect(after.items[0].facilitatedGroupIds.sort()).toEqual([w.group.id, w.otherGroup.id].sort());
    });

    it('is for the programme’s managers and admins: 403 for its other people, 404 outside it', async () => {
      expect((await people('pageSize=100', admin)).total).toBe(7);
      for (const who of [w.facilitator, w.member]) await get(`/api/programmes/${w.programme.id}/people`, who).expect(403);
      for (const who of [b.manager, b.member]) await get(`/api/programmes/${w.programme.id}/people`, who).expect(404);
    });
  });

  describe('GET /api/admin/accounts', () => {
    const tag = `acct${uid()}`;
    let w: ProgrammeWorld;
    let manager: SignedIn;
    let facilitator: SignedIn;
    let member: SignedIn;

    beforeAll(async () => {
      w = await buildProgrammeWorld(t.fixtures);
      manager = await t.fixtures.user({
        name: `${tag} Anna Manager`,
        managerOf: w.programme.id,
        facilitatorOf: { groupId: w.group.id, programmeId: w.programme.id },
      });
      facilitator = await t.fixtures.user({
        name: `${tag} Brian Facilitator`,
        facilitatorOf: { groupId: w.otherGroup.id, programmeId: w.programme.id },
      });
      member = await t.fixtures.user({ name: `${tag} Cara Member`, firmId: w.firm.id, email: `cara-${tag}@example.org` });
    });

    const accounts = async (query: string) => (await get(`/api/admin/accounts?${query}`, admin).expect(200)).body;

    it('lists accounts by name with their firm and every role, searchable by name and email', async () => {
      const res = await accounts(`q=${tag}`);
      expect(res).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(res.items.map((a: { id: string }) => a.id)).toEqual([manager.user.id, facilitator.user.id, member.user.id]);
      expect(res.items[0]).toEqual({
        id: manager.user.id,
        email: manager.user.email,
        name: manager.user.name,
        status: 'active',
        timezone: 'Europe/London',
        firmId: null,
        firmName: null,
        firmProgrammeId: null,
        roles: expect.arrayContaining([
          { role: 'programme_manager', programmeId: w.programme.id, groupId: null },
          { role: 'facilitator', programmeId: w.programme.id, groupId: w.group.id },
        ]),
        createdAt: expect.any(String),
      });
      expect(res.items[0].roles).toHaveLength(2);
      expect(res.items[2]).toMatchObject({
        firmId: w.firm.id,
        firmName: w.firm.name,
        firmProgrammeId: w.programme.id,
        roles: [],
      });
      expect((await accounts(`q=CARA-${tag}@EXAMPLE`)).items.map((a: { id: string }) => a.id)).toEqual([member.user.id]);
    });

    it('filters by role and pages', async () => {
      const ids = async (query: string) => (await accounts(query)).items.map((a: { id: string }) => a.id);
      expect(await ids(`q=${tag}&role=facilitator`)).toEqual([manager.user.id, facilitator.user.id]);
      expect(await ids(`q=${tag}&role=programme_manager`)).toEqual([manager.user.id]);
      expect(await ids(`q=${tag}&role=member`)).toEqual([member.user.id]);
      expect(await ids(`q=${tag}&role=admin`)).toEqual([]);
      expect((await accounts('role=admin&pageSize=100')).items.map((a: { id: string }) => a.id)).toContain(admin.user.id);
      const second = await accounts(`q=${tag}&pageSize=2&page=2`);
      expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(second.items.map((a: { id: string }) => a.id)).toEqual([member.user.id]);
      expect(await ids(`q=${tag}&order=desc`)).toEqual([member.user.id, facilitator.user.id, manager.user.id]);
    });

    it('is for admins only', async () => {
      for (const who of [w.manager, manager, facilitator, member]) {
        expect((await get('/api/admin/accounts', who).expect(403)).body.code).toBe('forbidden');
      }
    });
  });
});
