import { buildProgrammeWorld, ProgrammeWorld, scheduleMeeting, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

interface Commitment {
  id: string;
  userId: string;
  userName: string;
  status: string;
  text: string;
  meeting: { id: string; title: string; startsAt: string };
}

describe('action commitments', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;
  let colleague: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
    colleague = await t.fixtures.user({ firmId: a.firm.id });
  });
  afterAll(() => t.close());

  const groupMeeting = (days: number, title?: string) => scheduleMeeting(t, a.facilitator, { groupId: a.group.id, days, title });
  const commit = (meetingId: string, by: SignedIn, body: object) =>
    t.http.post(`/api/meetings/${meetingId}/commitments`).set(by.auth).send(body);
  const ids = (list: { id: string }[]) => list.map((c) => c.id);

  it('records a member’s own commitment and one the facilitator writes down for a colleague', async () => {
    const meetingId = await groupMeeting(-3);
    const own = await commit(meetingId, a.member, {
      text: 'Move invoicing to Xero',
      theme: 'digital_adoption',
      dueDate: '2027-04-30',
    }).expect(201);
    expect(own.body).toMatchObject({
      userId: a.member.user.id,
      userName: a.member.user.name,
      groupId: a.group.id,
      programmeId: a.programme.id,
      meeting: { id: meetingId },
      status: 'open',
      theme: 'digital_adoption',
      dueDate: '2027-04-30',
      outcome: null,
      createdById: a.member.user.id,
    });
    const forColleague = await commit(meetingId, a.facilitator, { userId: colleague.user.id, text: 'Hire an apprentice' }).expect(
      201,
    );
    expect(forColleague.body).toMatchObject({ userId: colleague.user.id, createdById: a.facilitator.user.id, theme: null });
    await commit(meetingId, a.manager, { userId: a.member.user.id, text: 'Price review' }).expect(201);

    const history = await t.http.get(`/api/commitments/${own.body.id}/history`).set(a.member.auth).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ status: 'open', meetingId, changedById: a.member.user.id, changedByName: a.member.user.name }),
    ]);

    const all = await t.http.get(`/api/meetings/${meetingId}/commitments`).set(a.facilitator.auth).expect(200);
    expect(all.body).toHaveLength(3);
    const mineOnly = await t.http.get(`/api/meetings/${meetingId}/commitments`).set(colleague.auth).expect(200);
    expect(ids(mineOnly.body)).toEqual([forColleague.body.id]);
  });

  it('refuses commitments for someone else, for people off the roster, at cancelled meetings, and bad input', async () => {
    const meetingId = await groupMeeting(-2);
    await commit(meetingId, a.member, { userId: colleague.user.id, text: 'For you' }).expect(403);
    const stranger = await commit(meetingId, a.facilitator, { userId: a.otherMember.user.id, text: 'x' }).expect(400);
    expect(stranger.body).toMatchObject({ code: 'not_on_roster', errors: [{ field: 'userId' }] });
    const staff = await commit(meetingId, a.facilitator, { text: 'My own' }).expect(400);
    expect(staff.body.code).toBe('not_on_roster');
    for (const body of [
      { text: '' },
      { text: 'x'.repeat(1001) },
      { text: 'ok', theme: 'astrology' },
      { text: 'ok', dueDate: '2027-02-30' },
      { text: 'ok', dueDate: '30/04/2027' },
      { text: 'ok', status: 'done' },
    ]) {
      await commit(meetingId, a.member, body).expect(400);
    }
    const cancelled = await groupMeeting(4);
    await t.http.post(`/api/meetings/${cancelled}/cancel`).set(a.facilitator.auth).send({ message: 'Ill' }).expect(200);
    const refused = await commit(cancelled, a.member, { text: 'Too late' }).expect(409);
    expect(refused.body.code).toBe('meeting_cancelled');
  });

  it('opens a session with last time’s open commitments, not the ones done or made later', async () => {
    // A world of its own, so no other test's commitments fall between these sessions.
    const w = await buildProgrammeWorld(t.fixtures);
    const colleague = await t.fixtures.user({ firmId: w.firm.id });
    const session = (days: number, title: string) => scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days, title });
    const last = await session(-20, 'January session');
    const now = await session(-10, 'February session');
    const later = await session(-1, 'March session');
    const elsewhere = await scheduleMeeting(t, w.otherFacilitator, { groupId: w.otherGroup.id, days: -20 });

    const open = (await commit(last, w.member, { text: 'Set up online booking', dueDate: '2027-02-01' }).expect(201)).body;
    const colleaguesOpen = (await commit(last, colleague, { text: 'Write a pricing policy' }).expect(201)).body;
    const done = (await commit(last, colleague, { text: 'Trial a CRM' }).expect(201)).body;
    await t.http.patch(`/api/commitments/${done.id}`).set(colleague.auth).send({ status: 'done' }).expect(200);
    const madeLater = (await commit(later, w.member, { text: 'Made after the session' }).expect(201)).body;
    const otherGroups = (await commit(elsewhere, w.otherMember, { text: 'Other group' }).expect(201)).body;

    const review = await t.http.get(`/api/meetings/${now}/review`).set(w.facilitator.auth).expect(200);
    expect(new Set(ids(review.body))).toEqual(new Set([open.id, colleaguesOpen.id]));
    const first = review.body.find((c: Commitment) => c.id === open.id);
    expect(first).toMatchObject({
      userName: w.member.user.name,
      text: 'Set up online booking',
      dueDate: '2027-02-01',
      theme: null,
      meeting: { id: last, title: 'January session' },
    });
    expect(ids(review.body)).not.toContain(done.id);
    expect(ids(review.body)).not.toContain(madeLater.id);
    expect(ids(review.body)).not.toContain(otherGroups.id);

    const own = await t.http.get(`/api/meetings/${now}/review`).set(w.member.auth).expect(200);
    expect(ids(own.body)).toEqual([open.id]);

    // The member reports back in the session: it leaves the review list of this and later sessions.
    const reported = await t.http
      .patch(`/api/commitments/${open.id}`)
      .set(w.member.auth)
      .send({ status: 'done', outcome: 'Live since January; 30 bookings a week', reviewedMeetingId: now })
      .expect(200);
    expect(reported.body).toMatchObject({ status: 'done', reviewedMeetingId: now, outcome: expect.stringMatching(/^Live/) });
    expect(reported.body.reviewedAt).not.toBeNull();
    const after = await t.http.get(`/api/meetings/${now}/review`).set(w.facilitator.auth).expect(200);
    expect(ids(after.body)).toEqual([colleaguesOpen.id]);
    const atLater = await t.http.get(`/api/meetings/${later}/review`).set(w.facilitator.auth).expect(200);
    expect(ids(atLater.body)).toEqual([colleaguesOpen.id]);
  });

  it('reviews an open event with the open commitments made at earlier open events by the people who booked it', async () => {
    const member = await t.fixtures.user({ firmId: a.firm.id });
    const pastEvent = await scheduleMeeting(t, a.manager, { programmeId: a.programme.id, days: -5 });
    // Booking closed when the past event started, so its bookings are written as they stood then.
    await t.db.query(
      `INSERT INTO booking (meeting_id, user_id, status, confirmed_at) VALUES ($1, $2, 'confirmed', now()), ($1, $3, 'confirmed', now())`,
      [pastEvent, member.user.id, colleague.user.id],
    );
    const theirs = (await commit(pastEvent, member, { text: 'Booked person’s action' }).expect(201)).body;
    const notBooked = (await commit(pastEvent, colleague, { text: 'Not at the next event' }).expect(201)).body;
    const inGroup = (await commit(await groupMeeting(-4), member, { text: 'Confidential to the group' }).expect(201)).body;
    const eventId = await scheduleMeeting(t, a.manager, { programmeId: a.programme.id, days: 6 });
    await t.http.post(`/api/meetings/${eventId}/bookings`).set(member.auth).send({}).expect(201);

    const review = await t.http.get(`/api/meetings/${eventId}/review`).set(a.otherFacilitator.auth).expect(200);
    expect(ids(review.body)).toContain(theirs.id);
    expect(ids(review.body)).not.toContain(notBooked.id);
    expect(ids(review.body)).not.toContain(inGroup.id);

    // A commitment made at an open event belongs to the programme and is reviewed at a later meeting of it.
    const atEvent = (await commit(pastEvent, member, { text: 'From the open event' }).expect(201)).body;
    expect(atEvent).toMatchObject({ groupId: null, programmeId: a.programme.id });
    await t.http.patch(`/api/commitments/${atEvent.id}`).set(member.auth).send({ reviewedMeetingId: eventId }).expect(200);
    const before = await scheduleMeeting(t, a.manager, { programmeId: a.programme.id, days: -9 });
    const tooEarly = await t.http
      .patch(`/api/commitments/${atEvent.id}`)
      .set(member.auth)
      .send({ reviewedMeetingId: before })
      .expect(400);
    expect(tooEarly.body).toMatchObject({ code: 'invalid_reviewed_meeting', errors: [{ field: 'reviewedMeetingId' }] });
    const otherGroups = await scheduleMeeting(t, a.otherFacilitator, { groupId: a.otherGroup.id, days: 8 });
    const intoGroup = await t.http
      .patch(`/api/commitments/${atEvent.id}`)
      .set(member.auth)
      .send({ reviewedMeetingId: otherGroups })
      .expect(400);
    expect(intoGroup.body.code).toBe('invalid_reviewed_meeting');
    const foreign = await scheduleMeeting(t, b.facilitator, { groupId: b.group.id, days: 3 });
    const refused = await t.http
      .patch(`/api/commitments/${atEvent.id}`)
      .set(member.auth)
      .send({ reviewedMeetingId: foreign })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'invalid_reviewed_meeting', errors: [{ field: 'reviewedMeetingId' }] });
  });

  it('lets a member update their own commitment, keeps every status and outcome change, and lists it in /me', async () => {
    const m1 = await groupMeeting(-8);
    const m2 = await groupMeeting(-1);
    const c = (await commit(m1, a.member, { text: 'Automate stock counts', theme: 'operations' }).expect(201)).body;
    await t.http
      .patch(`/api/commitments/${c.id}`)
      .set(a.member.auth)
      .send({ text: 'Automate stock counts with barcodes', dueDate: '2027-06-30', theme: null })
      .expect(200);
    await t.http
      .patch(`/api/commitments/${c.id}`)
      .set(a.member.auth)
      .send({ status: 'partly', outcome: 'Scanners bought' })
      .expect(200);
    await t.http
      .patch(`/api/commitments/${c.id}`)
      .set(a.facilitator.auth)
      .send({ outcome: 'Scanners bought; app chosen', reviewedMeetingId: m2 })
      .expect(200);
    const final = await t.http.patch(`/api/commitments/${c.id}`).set(a.manager.auth).send({ dueDate: null }).expect(200);
    expect(final.body).toMatchObject({
      text: 'Automate stock counts with barcodes',
      theme: null,
      dueDate: null,
      status: 'partly',
      outcome: 'Scanners bought; app chosen',
      reviewedMeetingId: m2,
    });

    const history = await t.http.get(`/api/commitments/${c.id}/history`).set(a.facilitator.auth).expect(200);
    expect(
      history.body.map((h: { status: string; outcome: string | null; changedByName: string; meetingId: string | null }) => [
        h.status,
        h.outcome,
        h.changedByName,
        h.meetingId,
      ]),
    ).toEqual([
      ['open', null, a.member.user.name, m1],
      ['partly', 'Scanners bought', a.member.user.name, null],
      ['partly', 'Scanners bought; app chosen', a.facilitator.user.name, m2],
    ]);

    const mine = await t.http.get('/api/me/commitments').set(a.member.auth).expect(200);
    expect(mine.body.items[0]).toMatchObject({ id: c.id, status: 'partly' });
    const createdAts = mine.body.items.map((x: { createdAt: string }) => x.createdAt);
    expect(createdAts).toEqual([...createdAts].sort().reverse());
    const partly = await t.http.get('/api/me/commitments?status=partly').set(a.member.auth).expect(200);
    expect(partly.body.items.every((x: Commitment) => x.status === 'partly')).toBe(true);
    expect(ids(partly.body.items)).toContain(c.id);
    const paged = await t.http.get('/api/me/commitments?pageSize=1&page=2').set(a.member.auth).expect(200);
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: mine.body.total });
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.items[0].id).toBe(mine.body.items[1].id);
    const others = await t.http.get('/api/me/commitments').set(colleague.auth).expect(200);
    expect(ids(others.body.items)).not.toContain(c.id);
    await t.http.get('/api/me/commitments?status=finished').set(a.member.auth).expect(400);
  });

  it('lets a member whose firm has left the group still report on their own commitment', async () => {
    const w = await buildProgrammeWorld(t.fixtures);
    const meetingId = await scheduleMeeting(t, w.facilitator, { groupId: w.group.id, days: -3 });
    const c = (await commit(meetingId, w.member, { text: 'Before we left' }).expect(201)).body;
    await t.db.query(
      `UPDATE membership SET status = 'left', ended_at = now(), end_reason = 'moved on' WHERE firm_id = $1 AND group_id = $2`,
      [w.firm.id, w.group.id],
    );
    await t.http.get(`/api/meetings/${meetingId}/commitments`).set(w.member.auth).expect(403);
    await t.http
      .patch(`/api/commitments/${c.id}`)
      .set(w.member.auth)
      .send({ status: 'done', outcome: 'Did it anyway' })
      .expect(200);
    const history = await t.http.get(`/api/commitments/${c.id}/history`).set(w.member.auth).expect(200);
    expect(history.body.map((h: { status: string }) => h.status)).toEqual(['open', 'done']);
    const mine = await t.http.get('/api/me/commitments').set(w.member.auth).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: c.id, status: 'done' })]);
  });

  it('validates changes', async () => {
    const meetingId = await groupMeeting(-4);
    const c = (await commit(meetingId, a.member, { text: 'Validate me' }).expect(201)).body;
    const empty = await t.http.patch(`/api/commitments/${c.id}`).set(a.member.auth).send({}).expect(400);
    expect(empty.body.code).toBe('nothing_to_change');
    for (const body of [{ status: 'finished' }, { outcome: 'x'.repeat(2001) }, { text: '' }, { userId: colleague.user.id }]) {
      await t.http.patch(`/api/commitments/${c.id}`).set(a.member.auth).send(body).expect(400);
    }
    const otherGroup = await scheduleMeeting(t, a.otherFacilitator, { groupId: a.otherGroup.id, days: -1 });
    const wrong = await t.http
      .patch(`/api/commitments/${c.id}`)
      .set(a.member.auth)
      .send({ reviewedMeetingId: otherGroup })
      .expect(400);
    expect(wrong.body.code).toBe('invalid_reviewed_meeting');
    await t.http
      .patch(`/api/commitments/${c.id}`)
      .set(a.member.auth)
      .send({ reviewedMeetingId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    await t.http
      .patch('/api/commitments/00000000-0000-4000-8000-000000000000')
      .set(a.member.auth)
      .send({ status: 'done' })
      .expect(404);
    const history = await t.http.get(`/api/commitments/${c.id}/history`).set(a.member.auth).expect(200);
    expect(history.body).toHaveLength(1);
  });

  it('refuses every commitment route to the wrong people', async () => {
    const meetingId = await groupMeeting(-2);
    const c = (await commit(meetingId, a.member, { text: 'Guarded' }).expect(201)).body;
    const routes = [
      () => t.http.post(`/api/meetings/${meetingId}/commitments`).send({ text: 'Intruder' }),
      () => t.http.get(`/api/meetings/${meetingId}/commitments`),
      () => t.http.get(`/api/meetings/${meetingId}/review`),
      () => t.http.patch(`/api/commitments/${c.id}`).send({ status: 'dropped' }),
      () => t.http.get(`/api/commitments/${c.id}/history`),
    ];
    for (const route of routes) {
      await route().set(a.otherMember.auth).expect(403);
      await route().set(a.otherFacilitator.auth).expect(403);
      await route().set(b.manager.auth).expect(404);
      await route().set(b.member.auth).expect(404);
      await route().expect(401);
    }
    // A member of the same group may not touch someone else's commitment.
    await t.http.patch(`/api/commitments/${c.id}`).set(colleague.auth).send({ status: 'dropped' }).expect(403);
    await t.http.get(`/api/commitments/${c.id}/history`).set(colleague.auth).expect(403);
    const seen = await t.http.get('/api/me/commitments').set(b.member.auth).expect(200);
    expect(ids(seen.body.items)).not.toContain(c.id);
    const unchanged = await t.http.get(`/api/commitments/${c.id}/history`).set(a.member.auth).expect(200);
    expect(unchanged.body.map((h: { status: string }) => h.status)).toEqual(['open']);
    const list = await t.http.get(`/api/meetings/${meetingId}/commitments`).set(a.facilitator.auth).expect(200);
    expect(ids(list.body)).toEqual([c.id]);
  });

  it('keeps the commitment history in order when the member and the facilitator change it at once', async () => {
    const meetingId = await groupMeeting(-2);
    const c = (await commit(meetingId, a.member, { text: 'Contested' }).expect(201)).body;
    const changes = ['done', 'partly', 'dropped', 'open', 'done', 'partly'];
    const responses = await Promise.all(
      changes.map((status, i) =>
        t.http
          .patch(`/api/commitments/${c.id}`)
          .set((i % 2 ? a.facilitator : a.member).auth)
          .send({ status }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(changes.map(() => 200));
    const history = await t.http.get(`/api/commitments/${c.id}/history`).set(a.member.auth).expect(200);
    const current = await t.http.get('/api/me/commitments').set(a.member.auth).expect(200);
    const statuses = history.body.map((h: { status: string }) => h.status);
    expect(statuses[0]).toBe('open');
    for (let i = 1; i < statuses.length; i += 1) expect(statuses[i]).not.toBe(statuses[i - 1]);
    expect(statuses[statuses.length - 1]).toBe(current.body.items.find((x: Commitment) => x.id === c.id).status);
  });
});
