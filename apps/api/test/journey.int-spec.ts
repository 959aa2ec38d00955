import { localStartIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/**
 * One programme, walked end to end through the HTTP API as its people would: an admin sets it up,
 * a manager builds it, a facilitator runs a group, and two firm owners take part until one leaves.
 */

type Auth = { Authorization: string };
interface Meeting {
  id: string;
  localStart: string;
  icalSequence: number;
  status: string;
}

/** The first Tuesday of next month at 09:30, as a local wall-clock start. */
function firstTuesdayNextMonth(): string {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return `${day.toISOString().slice(0, 10)}T09:30`;
}

describe('a programme from set-up to a firm leaving', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is set up, run and evaluated by its people through the API', async () => {
    const admin = await t.fixtures.user({ admin: true });
    const ids = (list: { id: string }[]) => list.map((x) => x.id);

    /** Invites someone and follows the link emailed to them: the session token they get is how they act from then on. */
    const inviteAndAccept = async (by: Auth, body: Record<string, string>) => {
      const invited = await t.http.post('/api/invitations').set(by).send(body).expect(201);
      expect(invited.body).toMatchObject({ email: body.email, status: 'pending' });
      const accepted = await t.http
        .post('/api/invitations/accept')
        .send({ token: await t.fixtures.mailInvitation(invited.body.id), password: 'a long enough passphrase' })
        .expect(200);
      expect(accepted.body.user).toMatchObject({ email: body.email, name: body.name });
      return { id: accepted.body.user.id as string, auth: { Authorization: `Bearer ${accepted.body.token}` } };
    };

    // 1. The admin creates the programme and invites its manager, who accepts the link.
    const programme = await t.http
      .post('/api/programmes')
      .set(admin.auth)
      .send({
        name: `Peer Works Highlands ${uid()}`,
        region: 'Highlands',
        funder: 'Scottish Enterprise',
        timezone: 'Europe/London',
      })
      .expect(201);
    const programmeId: string = programme.body.id;
    const manager = await inviteAndAccept(admin.auth, {
      email: `pm-${uid()}@journey.test`,
      name: 'Morag Manager',
      role: 'programme_manager',
      programmeId,
    });
    const myProgrammes = await t.http.get('/api/programmes').set(manager.auth).expect(200);
    expect(ids(myProgrammes.body.items)).toEqual([programmeId]);

    // 2. The manager adds two firms in the same line of business and place, a group, its facilitator and one owner per firm.
    const addFirm = (name: string, companiesHouseNumber: string, sicCode: string) =>
      t.http
        .post(`/api/programmes/${programmeId}/firms`)
        .set(manager.auth)
        .send({
          name,
          companiesHouseNumber,
          sicCode,
          employeeBand: '10-49',
          localAuthorityCode: 'S12000017',
          postcode: 'iv2 3aa',
        })
        .expect(201);
    const kitchen = (await addFirm('Highland Kitchen Ltd', 'SC123456', '56101')).body;
    const cafe = (await addFirm('Nairn Cafe Ltd', 'sc 654321', '56102')).body;
    expect(kitchen).toMatchObject({ companiesHouseNumber: 'SC123456', postcode: 'IV2 3AA', programmeId });
    expect(cafe.companiesHouseNumber).toBe('SC654321');

    const group = await t.http
      .post(`/api/programmes/${programmeId}/groups`)
      .set(manager.auth)
      .send({ name: 'Inverness Digital Leaders', theme: 'Going digital', format: 'online', capacity: 8 })
      .expect(201);
    const groupId: string = group.body.id;
    expect(group.body).toMatchObject({ status: 'forming', capacity: 8 });

    const facilitator = await inviteAndAccept(manager.auth, {
      email: `fac-${uid()}@journey.test`,
      name: 'Iain Facilitator',
      role: 'facilitator',
      groupId,
    });
    const ailsa = await inviteAndAccept(manager.auth, {
      email: `ailsa-${uid()}@journey.test`,
      name: 'Ailsa Grant',
      role: 'member',
      firmId: kitchen.id,
    });
    const ewan = await inviteAndAccept(manager.auth, {
      email: `ewan-${uid()}@journey.test`,
      name: 'Ewan Ross',
      role: 'member',
      firmId: cafe.id,
    });

    // 3. Both owners apply. Once the kitchen is in, the café (restaurants both, in one council area) is flagged as
    //    its competitor to the facilitator, who approves it anyway.
    const apply = (who: Auth) =>
      t.http
        .post(`/api/groups/${groupId}/applications`)
        .set(who)
        .send({ answers: { why: 'Take bookings online' } })
        .expect(201);
    const kitchenApp = (await apply(ailsa.auth)).body;
    const cafeApp = (await apply(ewan.auth)).body;
    expect(kitchenApp).toMatchObject({ status: 'pending', competitorConflict: null, applicant: { id: ailsa.id } });

    const approve = (id: string) =>
      t.http.post(`/api/applications/${id}/approve`).set(facilitator.auth).send({ note: 'Welcome aboard!' }).expect(200);
    expect((await approve(kitchenApp.id)).body).toMatchObject({ status: 'approved', competitorConflict: false });
    const queue = await t.http.get(`/api/groups/${groupId}/applications?status=pending`).set(facilitator.auth).expect(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        id: cafeApp.id,
        competitorConflict: true,
        conflictingFirms: [{ id: kitchen.id, name: 'Highland Kitchen Ltd' }],
      }),
    ]);
    // The applicant never sees the screening: it describes a roster they may not read.
    const ownView = await t.http.get(`/api/applications/${cafeApp.id}`).set(ewan.auth).expect(200);
    expect(ownView.body).toMatchObject({ status: 'pending', competitorConflict: null, conflictingFirms: null });
    const approved = await approve(cafeApp.id);
    expect(approved.body).toMatchObject({ status: 'approved', competitorConflict: true, decidedBy: { id: facilitator.id } });

    // 4. The facilitator schedules six monthly sessions; both owners see them and book the first, one retrying.
    const series = await t.http
      .post(`/api/groups/${groupId}/series`)
      .set(facilitator.auth)
      .send({
        title: 'Monthly set',
        localStart: firstTuesdayNextMonth(),
        timezone: 'Europe/London',
        durationMinutes: 180,
        rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=6',
      })
      .expect(201);
    const sessions = series.body.meetings as Meeting[];
    expect(sessions).toHaveLength(6);
    expect(sessions.every((m) => m.localStart.endsWith('T09:30') && m.status === 'scheduled')).toBe(true);
    const [first, second, third, fourth] = sessions;

    for (const owner of [ailsa, ewan]) {
      const upcoming = await t.http.get('/api/me/meetings').set(owner.auth).expect(200);
      expect(ids(upcoming.body)).toEqual(ids(sessions));
      expect(upcoming.body[0].myBooking).toBeNull();
    }
    const book = (meetingId: string, who: Auth, key = uid()) =>
      t.http.post(`/api/meetings/${meetingId}/bookings`).set(who).set('Idempotency-Key', key).send({});
    const ailsaBooking = await book(first.id, ailsa.auth, 'ailsa-first').expect(201);
    expect(ailsaBooking.body).toMatchObject({ status: 'confirmed', meetingId: first.id, userId: ailsa.id });
    const retry = await book(first.id, ailsa.auth, 'ailsa-first').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(ailsaBooking.body.id);
    await book(first.id, ewan.auth).expect(201);
    const ewanLater = (await book(third.id, ewan.auth).expect(201)).body;
    const ailsaLater = (await book(third.id, ailsa.auth).expect(201)).body;
    const ailsaUpcoming = await t.http.get('/api/me/meetings').set(ailsa.auth).expect(200);
    expect(ailsaUpcoming.body[0]).toMatchObject({ id: first.id, confirmedCount: 2, myBooking: { status: 'confirmed' } });

    // 5. The first session happens (moved into the past): attendance, a commitment, a note, feedback.
    const lastWeek = localStartIn(-8);
    const moved = await t.http
      .patch(`/api/meetings/${first.id}`)
      .set(facilitator.auth)
      .send({ localStart: lastWeek })
      .expect(200);
    expect(moved.body).toMatchObject({ localStart: lastWeek, icalSequence: first.icalSequence + 1 });

    const roster = await t.http.get(`/api/meetings/${first.id}/roster`).set(facilitator.auth).expect(200);
    expect(roster.body).toEqual([
      expect.objectContaining({ userId: ailsa.id, firmName: 'Highland Kitchen Ltd', bookingStatus: 'confirmed' }),
      expect.objectContaining({ userId: ewan.id, firmName: 'Nairn Cafe Ltd', bookingStatus: 'confirmed' }),
    ]);
    const sheet = await t.http
      .put(`/api/meetings/${first.id}/attendance`)
      .set(facilitator.auth)
      .send({
        records: [
          { userId: ailsa.id, status: 'present' },
          { userId: ewan.id, status: 'apologies' },
        ],
      })
      .expect(200);
    expect(sheet.body.meetingStatus).toBe('completed');
    const mine = await t.http.get(`/api/meetings/${first.id}/attendance/me`).set(ewan.auth).expect(200);
    expect(mine.body.status).toBe('apologies');

    const commitment = await t.http
      .post(`/api/meetings/${first.id}/commitments`)
      .set(facilitator.auth)
      .send({ userId: ailsa.id, text: 'Take table bookings online', theme: 'digital_adoption' })
      .expect(201);
    expect(commitment.body).toMatchObject({ userId: ailsa.id, status: 'open', createdById: facilitator.id, groupId });
    await t.http
      .post(`/api/meetings/${first.id}/notes`)
      .set(facilitator.auth)
      .send({ body: 'Ewan sent apologies; check in before the next session.' })
      .expect(201);

    const feedback = await t.http
      .post(`/api/meetings/${first.id}/feedback`)
      .set(ailsa.auth)
      .send({ usefulness: 5, wouldRecommend: 9, comment: 'Hearing how others handle no-shows was gold.' })
      .expect(201);
    expect(feedback.body).toMatchObject({ userId: ailsa.id, usefulness: 5, wouldRecommend: 9 });
    const absent = await t.http
      .post(`/api/meetings/${first.id}/feedback`)
      .set(ewan.auth)
      .send({ usefulness: 3, wouldRecommend: 5 })
      .expect(403);
    expect(absent.body.code).toBe('not_attended');

    // 6. The second session opens with last time's open commitment; Ailsa reports it done and it leaves the list.
    await t.http
      .patch(`/api/meetings/${second.id}`)
      .set(facilitator.auth)
      .send({ localStart: localStartIn(-1) })
      .expect(200);
    const review = await t.http.get(`/api/meetings/${second.id}/review`).set(facilitator.auth).expect(200);
    expect(review.body).toEqual([
      expect.objectContaining({
        id: commitment.body.id,
        userName: 'Ailsa Grant',
        meeting: expect.objectContaining({ id: first.id }),
      }),
    ]);
    const ownReview = await t.http.get(`/api/meetings/${second.id}/review`).set(ailsa.auth).expect(200);
    expect(ids(ownReview.body)).toEqual([commitment.body.id]);
    const done = await t.http
      .patch(`/api/commitments/${commitment.body.id}`)
      .set(ailsa.auth)
      .send({ status: 'done', outcome: 'Live since January; 30 bookings a week', reviewedMeetingId: second.id })
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'done',
      outcome: 'Live since January; 30 bookings a week',
      reviewedMeetingId: second.id,
    });
    const after = await t.http.get(`/api/meetings/${second.id}/review`).set(facilitator.auth).expect(200);
    expect(after.body).toEqual([]);
    const history = await t.http.get(`/api/commitments/${commitment.body.id}/history`).set(ailsa.auth).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ status: 'open', meetingId: first.id, changedById: facilitator.id }),
      expect.objectContaining({ status: 'done', meetingId: second.id, changedById: ailsa.id, outcome: done.body.outcome }),
    ]);

    // 7. The manager reads the feedback for the funder; the facilitator's notes stay the facilitator's.
    const report = await t.http.get(`/api/meetings/${first.id}/feedback`).set(manager.auth).expect(200);
    expect(report.body.summary).toEqual({
      responses: 1,
      averageUsefulness: 5,
      nps: 100,
      promoters: 1,
      passives: 0,
      detractors: 0,
    });
    expect(report.body.entries).toEqual([expect.objectContaining({ userName: 'Ailsa Grant', comment: feedback.body.comment })]);
    await t.http.get(`/api/meetings/${first.id}/notes`).set(manager.auth).expect(403);
    const notes = await t.http.get(`/api/meetings/${first.id}/notes`).set(facilitator.auth).expect(200);
    expect(notes.body).toEqual([expect.objectContaining({ authorId: facilitator.id, body: expect.stringMatching(/^Ewan/) })]);

    // 8. The café leaves: its seat at a later session is given up (the kitchen's stays) and it can book no more.
    const memberships = await t.http.get(`/api/firms/${cafe.id}/memberships`).set(ewan.auth).expect(200);
    expect(memberships.body).toEqual([expect.objectContaining({ groupId, status: 'active', applicationId: cafeApp.id })]);
    const left = await t.http
      .post(`/api/memberships/${memberships.body[0].id}/leave`)
      .set(ewan.auth)
      .send({ reason: 'Too busy with the summer season' })
      .expect(200);
    expect(left.body).toMatchObject({ status: 'left', endReason: 'Too busy with the summer season' });
    expect(left.body.endedAt).not.toBeNull();

    const seats = await t.http.get(`/api/meetings/${third.id}/bookings?includeCancelled=true`).set(facilitator.auth).expect(200);
    expect(seats.body.items).toEqual([
      expect.objectContaining({ id: ailsaLater.id, status: 'confirmed', userName: 'Ailsa Grant' }),
      expect.objectContaining({ id: ewanLater.id, status: 'cancelled', userName: 'Ewan Ross' }),
    ]);
    const ewanBookings = await t.http.get('/api/me/bookings').set(ewan.auth).expect(200);
    expect(ids(ewanBookings.body)).not.toContain(ewanLater.id);
    const refused = await book(fourth.id, ewan.auth).expect(403);
    expect(refused.body.message).toMatch(/current members/);
    expect((await t.http.get('/api/me/meetings').set(ewan.auth).expect(200)).body).toEqual([]);
    const members = await t.http.get(`/api/groups/${groupId}/members`).set(ailsa.auth).expect(200);
    expect(members.body).toEqual([expect.objectContaining({ firm: expect.objectContaining({ id: kitchen.id }) })]);
  });
});
