import { randomUUID } from 'node:crypto';
import { buildProgrammeWorld, ProgrammeWorld, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const inDays = (days: number) => `${new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10)}T18:00`;

describe('bookings and the waitlist', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '20' });
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  async function members(n: number): Promise<SignedIn[]> {
    const people: SignedIn[] = [];
    for (let i = 0; i < n; i += 5) {
      const firm = await t.fixtures.firm(a.programme.id, { companiesHouseNumber: null });
      people.push(...(await Promise.all(Array.from({ length: Math.min(5, n - i) }, () => t.fixtures.user({ firmId: firm.id })))));
    }
    return people;
  }

  async function openEvent(capacity: number, days = 7): Promise<string> {
    const res = await t.http
      .post(`/api/programmes/${a.programme.id}/events`)
      .set(a.manager.auth)
      .send({ title: `Open event ${randomUUID().slice(0, 4)}`, localStart: inDays(days), durationMinutes: 120, capacity })
      .expect(201);
    return res.body.id;
  }

  it('gives 200 parallel bookings for 12 seats exactly 12 confirmed and 188 gap-free waitlist positions', async () => {
    const people = await members(200);
    const meetingId = await openEvent(12);
    const responses = await Promise.all(
      people.map((p) => t.http.post(`/api/meetings/${meetingId}/bookings`).set(p.auth).send({})),
    );
    expect(responses.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const confirmed = responses.filter((r) => r.body.status === 'confirmed');
    const waitlisted = responses.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(12);
    expect(waitlisted).toHaveLength(188);
    const positions = waitlisted.map((r) => r.body.position as number).sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 188 }, (_, i) => i + 1));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE meeting_id = $1 AND status = 'confirmed'`, [
      meetingId,
    ]);
    expect(n).toBe(12);
    const meeting = await t.http.get(`/api/meetings/${meetingId}`).set(a.manager.auth).expect(200);
    expect(meeting.body).toMatchObject({ confirmedCount: 12, waitlistCount: 188 });
  });

  it('promotes exactly 50 waitlisted people, first come first served, when 50 confirmed seats are cancelled in parallel', async () => {
    const people = await members(110);
    const meetingId = await openEvent(50);
    const bookings = [];
    for (const p of people) {
      bookings.push((await t.http.post(`/api/meetings/${meetingId}/bookings`).set(p.auth).send({}).expect(201)).body);
    }
    const confirmed = bookings.filter((x) => x.status === 'confirmed');
    const waiting = bookings.filter((x) => x.status === 'waitlisted');
    expect(confirmed).toHaveLength(50);
    expect(waiting).toHaveLength(60);

    const cancels = await Promise.all(
      confirmed.map((booking) => {
        const owner = people.find((p) => p.user.id === booking.userId)!;
        return t.http.post(`/api/bookings/${booking.id}/cancel`).set(owner.auth).send();
      }),
    );
    expect(cancels.every((r) => r.status === 200 && r.body.status === 'cancelled')).toBe(true);

    const roster = await t.http.get(`/api/meetings/${meetingId}/bookings?pageSize=100`).set(a.manager.auth).expect(200);
    expect(roster.body.total).toBe(roster.body.items.length);
    const nowConfirmed = roster.body.items
      .filter((x: { status: string }) => x.status === 'confirmed')
      .map((x: { id: string }) => x.id);
    expect(nowConfirmed).toHaveLength(50);
    expect(new Set(nowConfirmed)).toEqual(new Set(waiting.slice(0, 50).map((x) => x.id)));
    const stillWaiting = roster.body.items.filter((x: { status: string }) => x.status === 'waitlisted');
    expect(stillWaiting.map((x: { id: string; position: number }) => [x.id, x.position])).toEqual(
      waiting.slice(50).map((x, i) => [x.id, i + 1]),
    );
  });

  it('promotes when capacity is raised and refuses lowering it below the confirmed seats', async () => {
    const people = await members(5);
    const meetingId = await openEvent(2);
    for (const p of people) await t.http.post(`/api/meetings/${meetingId}/bookings`).set(p.auth).send({}).expect(201);
    const low = await t.http.patch(`/api/meetings/${meetingId}`).set(a.manager.auth).send({ capacity: 1 }).expect(409);
    expect(low.body.code).toBe('capacity_below_confirmed');
    const raised = await t.http.patch(`/api/meetings/${meetingId}`).set(a.manager.auth).send({ capacity: 4 }).expect(200);
    expect(raised.body).toMatchObject({ capacity: 4, confirmedCount: 4, waitlistCount: 1 });
    const last = await t.http.get(`/api/meetings/${meetingId}`).set(people[4].auth).expect(200);
    expect(last.body.myBooking).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('enforces one active booking per person and meeting, also in the database', async () => {
    const meetingId = await openEvent(5);
    await t.http.post(`/api/meetings/${meetingId}/bookings`).set(a.member.auth).send({}).expect(201);
    const again = await t.http.post(`/api/meetings/${meetingId}/bookings`).set(a.member.auth).send({}).expect(409);
    expect(again.body.code).toBe('already_booked');
    await expect(
      t.db.query(`INSERT INTO booking (meeting_id, user_id, status, confirmed_at) VALUES ($1, $2, 'confirmed', now())`, [
        meetingId,
        a.member.user.id,
      ]),
    ).rejects.toThrow(/uq_booking_active/);
  });

  it('refuses, in the database too, more confirmed seats than the capacity', async () => {
    const people = await members(3);
    const meetingId = await openEvent(2);
    for (const p of people.slice(0, 2)) await t.http.post(`/api/meetings/${meetingId}/bookings`).set(p.auth).send({}).expect(201);
    await expect(
      t.db.query(`INSERT INTO booking (meeting_id, user_id, status, confirmed_at) VALUES ($1, $2, 'confirmed', now())`, [
        meetingId,
        people[2].user.id,
      ]),
    ).rejects.toThrow(/meeting is full/);
    await expect(t.db.query(`UPDATE meeting SET capacity = 1 WHERE id = $1`, [meetingId])).rejects.toThrow(
      /below the 2 confirmed/,
    );
  });

  it('replays an Idempotency-Key with the same body and refuses it with a different one', async () => {
    const meetingId = await openEvent(5);
    const other = await openEvent(5);
    const key = randomUUID();
    const [r1, r2] = await Promise.all([
      t.http.post(`/api/meetings/${meetingId}/bookings`).set(a.member.auth).set('Idempotency-Key', key).send({ mode: 'online' }),
      t.http.post(`/api/meetings/${meetingId}/bookings`).set(a.member.auth).set('Idempotency-Key', key).send({ mode: 'online' }),
    ]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r1.body.id).toBe(r2.body.id);
    expect([r1.headers['idempotent-replayed'], r2.headers['idempotent-replayed']]).toContain('true');
    const different = await t.http
      .post(`/api/meetings/${meetingId}/bookings`)
      .set(a.member.auth)
      .set('Idempotency-Key', key)
      .send({ mode: 'in_person' });
    expect(different.status).toBe(422);
    expect(different.body.code).toBe('idempotency_key_reused');
    await t.http
      .post(`/api/meetings/${other}/bookings`)
      .set(a.member.auth)
      .set('Idempotency-Key', key)
      .send({ mode: 'online' })
      .expect(422);
    // A key is remembered for 24 hours; after that the same key is a new request.
    await t.db.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    const fresh = await t.http
      .post(`/api/meetings/${other}/bookings`)
      .set(a.member.auth)
      .set('Idempotency-Key', key)
      .send({ mode: 'online' });
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE user_id = $1 AND meeting_id = $2`, [
      a.member.user.id,
      meetingId,
    ]);
    expect(n).toBe(1);
  });

  it('replays an Idempotency-Key with the very bytes of the first response', async () => {
    const meetingId = await openEvent(5);
    const key = randomUUID();
    const send = () =>
      t.http.post(`/api/meetings/${meetingId}/bookings`).set(a.otherMember.auth).set('Idempotency-Key', key).send({});
    const first = await send().expect(201);
    const replay = await send().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['content-type']).toBe(first.headers['content-type']);
    // The same fields in the same order, not jsonb's rendering of them.
    expect(replay.text).toBe(first.text);
    expect(Object.keys(replay.body)).toEqual(Object.keys(first.body));
  });

  it('pages the roster of a meeting, confirmed seats first and then the waitlist in order', async () => {
    const people = await members(7);
    const meetingId = await openEvent(3);
    for (const p of people) await t.http.post(`/api/meetings/${meetingId}/bookings`).set(p.auth).send({}).expect(201);
    await t.http
      .post(`/api/bookings/${await bookingOf(meetingId, people[0])}/cancel`)
      .set(people[0].auth)
      .expect(200);
    const url = `/api/meetings/${meetingId}/bookings`;
    const page = async (query: string) => (await t.http.get(`${url}?${query}`).set(a.manager.auth).expect(200)).body;

    const first = await page('pageSize=4');
    expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(first.items.map((x: { status: string }) => x.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted']);
    const second = await page('pageSize=4&page=2');
    expect(second).toMatchObject({ total: 6, page: 2 });
    expect(second.items.map((x: { position: number }) => x.position)).toEqual([2, 3]);
    expect((await page('pageSize=4&page=3')).items).toEqual([]);

    const all = await page('includeCancelled=true&pageSize=100');
    expect(all.total).toBe(7);
    expect(all.items.at(-1)).toMatchObject({ status: 'cancelled', userId: people[0].user.id });
    const reversed = await page('includeCancelled=true&order=desc&pageSize=100');
    expect(reversed.items.map((x: { id: string }) => x.id)).toEqual(all.items.map((x: { id: string }) => x.id).reverse());

    // A name search keeps each person's real place on the waitlist.
    const last = all.items.find((x: { position: number | null }) => x.position === 3);
    const found = await page(`q=${encodeURIComponent(last.userName)}`);
    expect(found).toMatchObject({ total: 1, items: [{ id: last.id, position: 3 }] });

    for (const bad of ['pageSize=0', 'pageSize=101', 'page=0', 'includeCancelled=yes', 'order=up']) {
      const res = await t.http.get(`${url}?${bad}`).set(a.manager.auth).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  async function bookingOf(meetingId: string, who: SignedIn): Promise<string> {
    const [{ id }] = await t.db.query(`SELECT id FROM booking WHERE meeting_id = $1 AND user_id = $2`, [meetingId, who.user.id]);
    return id as string;
  }

  it('closes booking at the start and keeps group meetings to current members', async () => {
    const past = await t.http
      .post(`/api/groups/${a.group.id}/meetings`)
      .set(a.facilitator.auth)
      .send({ title: 'Already started', localStart: inDays(1), durationMinutes: 60 })
      .expect(201);
    // The API schedules only in the future; this one started yesterday.
    await t.db.query(`UPDATE meeting SET starts_at = now() - interval '1 day' WHERE id = $1`, [past.body.id]);
    const closed = await t.http.post(`/api/meetings/${past.body.id}/bookings`).set(a.member.auth).send({}).expect(409);
    expect(closed.body.code).toBe('booking_closed');

    const future = await t.http
      .post(`/api/groups/${a.group.id}/meetings`)
      .set(a.facilitator.auth)
      .send({ title: 'Members only', localStart: inDays(5), durationMinutes: 60 })
      .expect(201);
    await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(a.otherMember.auth).send({}).expect(403);
    await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(b.member.auth).send({}).expect(404);
    await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(a.facilitator.auth).send({}).expect(403);

    const leaver = await t.fixtures.user({ firmId: a.firm.id });
    const booked = await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(leaver.auth).send({}).expect(201);
    await t.db.query(
      `UPDATE membership SET status = 'left', ended_at = now(), end_reason = 'moved on' WHERE firm_id = $1 AND group_id = $2`,
      [a.firm.id, a.group.id],
    );
    const refused = await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(a.member.auth).send({}).expect(403);
    expect(refused.body.message).toMatch(/current members/);
    // They can still see, and cancel, the booking they already hold.
    await t.http.post(`/api/bookings/${booked.body.id}/cancel`).set(leaver.auth).send().expect(200);
    await t.db.query(`INSERT INTO membership (group_id, firm_id, status) VALUES ($1, $2, 'active')`, [a.group.id, a.firm.id]);
  });

  it('lets only the booker or the meeting’s staff cancel, and only staff list the bookings', async () => {
    const meetingId = await openEvent(5);
    const booking = await t.http.post(`/api/meetings/${meetingId}/bookings`).set(a.member.auth).send({}).expect(201);
    await t.http.post(`/api/bookings/${booking.body.id}/cancel`).set(a.otherMember.auth).send().expect(403);
    await t.http.post(`/api/bookings/${booking.body.id}/cancel`).set(b.manager.auth).send().expect(404);
    await t.http.get(`/api/meetings/${meetingId}/bookings`).set(a.member.auth).expect(403);
    await t.http.get(`/api/meetings/${meetingId}/bookings`).set(b.facilitator.auth).expect(404);
    const mine = await t.http.get('/api/me/bookings').set(a.member.auth).expect(200);
    expect(mine.body.map((x: { id: string }) => x.id)).toContain(booking.body.id);
    await t.http.post(`/api/bookings/${booking.body.id}/cancel`).set(a.otherFacilitator.auth).send().expect(200);
    await t.http.post(`/api/bookings/${booking.body.id}/cancel`).set(a.member.auth).send().expect(409);
  });
  it('gives up a firm’s seats at future meetings when it leaves the group, and moves the waitlist up', async () => {
    const firm = await t.fixtures.firm(a.programme.id, { companiesHouseNumber: null, sicCode: '85590' });
    const leaver = await t.fixtures.user({ firmId: firm.id });
    const membership = await t.fixtures.membership(a.group.id, firm.id);
    const future = await t.http
      .post(`/api/groups/${a.group.id}/meetings`)
      .set(a.facilitator.auth)
      .send({ title: 'Tight room', localStart: inDays(9), durationMinutes: 60, capacity: 1 })
      .expect(201);
    const seat = await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(leaver.auth).send({}).expect(201);
    expect(seat.body.status).toBe('confirmed');
    const waiting = await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(a.member.auth).send({}).expect(201);
    expect(waiting.body).toMatchObject({ status: 'waitlisted', position: 1 });

    await t.http
      .post(`/api/memberships/${membership.id}/remove`)
      .set(a.facilitator.auth)
      .send({ reason: 'Moved away' })
      .expect(200);

    const after = await t.http.get(`/api/meetings/${future.body.id}`).set(a.member.auth).expect(200);
    expect(after.body).toMatchObject({
      confirmedCount: 1,
      waitlistCount: 0,
      myBooking: { id: waiting.body.id, status: 'confirmed' },
    });
    const [released] = await t.db.query(`SELECT status, cancelled_by_id FROM booking WHERE id = $1`, [seat.body.id]);
    expect(released).toEqual({ status: 'cancelled', cancelled_by_id: a.facilitator.user.id });
    await t.http.get(`/api/meetings/${future.body.id}`).set(leaver.auth).expect(403);
    await t.http.post(`/api/meetings/${future.body.id}/bookings`).set(leaver.auth).send({}).expect(403);
    const again = await t.http.post(`/api/bookings/${seat.body.id}/cancel`).set(leaver.auth).send().expect(409);
    expect(again.body.code).toBe('booking_not_active');
  });
});
