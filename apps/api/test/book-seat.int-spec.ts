import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { buildProgrammeWorld, ProgrammeWorld, SignedIn, TEST_DATABASE_URL } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const inDays = (days: number) => `${new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10)}T18:00`;

/** The one-statement booking (book_seat) and the per-meeting limit in front of it. */
describe('booking in one statement', () => {
  let t: TestApp;
  let a: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '20' });
    a = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  async function members(n: number): Promise<SignedIn[]> {
    const firm = await t.fixtures.firm(a.programme.id, { companiesHouseNumber: null });
    return Promise.all(Array.from({ length: n }, () => t.fixtures.user({ firmId: firm.id })));
  }

  async function openEvent(capacity: number): Promise<string> {
    const res = await t.http
      .post(`/api/programmes/${a.programme.id}/events`)
      .set(a.manager.auth)
      .send({ title: `Event ${randomUUID().slice(0, 4)}`, localStart: inDays(6), durationMinutes: 60, capacity })
      .expect(201);
    return res.body.id;
  }

  it('answers a booking as the meeting and the list of my bookings show it', async () => {
    const [first, second] = await members(2);
    const meetingId = await openEvent(1);
    const seat = await t.http.post(`/api/meetings/${meetingId}/bookings`).set(first.auth).send({ mode: 'online' }).expect(201);
    const wait = await t.http.post(`/api/meetings/${meetingId}/bookings`).set(second.auth).send({}).expect(201);
    expect(seat.body).toEqual({
      id: expect.any(String),
      meetingId,
      userId: first.user.id,
      status: 'confirmed',
      position: null,
      mode: 'online',
      createdAt: expect.any(String),
      promotedAt: null,
      cancelledAt: null,
    });
    expect(wait.body).toMatchObject({ status: 'waitlisted', position: 1, mode: null });
    const mine = await t.http.get('/api/me/bookings').set(second.auth).expect(200);
    expect(mine.body.find((b: { id: string }) => b.id === wait.body.id)).toEqual(wait.body);
  });

  it('refuses a cancelled meeting, and writes nothing when it refuses', async () => {
    const [person] = await members(1);
    const meetingId = await openEvent(3);
    await t.http.post(`/api/meetings/${meetingId}/cancel`).set(a.manager.auth).send({ message: 'Venue flooded' }).expect(200);
    const refused = await t.http.post(`/api/meetings/${meetingId}/bookings`).set(person.auth).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'meeting_not_scheduled', message: 'This meeting is cancelled' });
    await t.http.post(`/api/meetings/${randomUUID()}/bookings`).set(person.auth).send({}).expect(404);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE user_id = $1`, [person.user.id]);
    expect(n).toBe(0);
  });

  it('keeps queue numbers after cancellations, so positions stay gap-free', async () => {
    const people = await members(5);
    const meetingId = await openEvent(1);
    const bookings = [];
    for (const p of people) bookings.push((await t.http.post(`/api/meetings/${meetingId}/bookings`).set(p.auth).send({})).body);
    // The last in the queue leaves, then someone books again: they go to the back, position 4.
    await t.http.post(`/api/bookings/${bookings[4].id}/cancel`).set(people[4].auth).send().expect(200);
    const again = await t.http.post(`/api/meetings/${meetingId}/bookings`).set(people[4].auth).send({}).expect(201);
    expect(again.body).toMatchObject({ status: 'waitlisted', position: 4 });
    const [{ queue }] = await t.db.query(`SELECT queue_number AS queue FROM booking WHERE id = $1`, [again.body.id]);
    expect(queue).toBe(5);
  });

  it('holds capacity and order when keyed and unkeyed bookings of one meeting arrive together', async () => {
    const people = await members(40);
    const meetingId = await openEvent(7);
    const responses = await Promise.all(
      people.map((p, i) => {
        const req = t.http.post(`/api/meetings/${meetingId}/bookings`).set(p.auth);
        return (i % 2 ? req.set('Idempotency-Key', randomUUID()) : req).send({});
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(people.map(() => 201));
    expect(responses.filter((r) => r.body.status === 'confirmed')).toHaveLength(7);
    const positions = responses
      .filter((r) => r.body.status === 'waitlisted')
      .map((r) => r.body.position as number)
      .sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
  });

  it('answers 503 busy with Retry-After within BOOKING_WAIT_MS while the meeting is locked elsewhere, and books once it is free', async () => {
    const app = await createTestApp({ BOOKING_WAIT_MS: '500', DATABASE_POOL_SIZE: '20' });
    const holder = new Client({ connectionString: TEST_DATABASE_URL });
    try {
      const w = await buildProgrammeWorld(app.fixtures);
      const firm = await app.fixtures.firm(w.programme.id, { companiesHouseNumber: null });
      const people = await Promise.all(Array.from({ length: 10 }, () => app.fixtures.user({ firmId: firm.id })));
      const event = await app.http
        .post(`/api/programmes/${w.programme.id}/events`)
        .set(w.manager.auth)
        .send({ title: 'Locked', localStart: inDays(6), durationMinutes: 60, capacity: 5 })
        .expect(201);
      const book = (p: SignedIn, keyed: boolean) => {
        const req = app.http.post(`/api/meetings/${event.body.id}/bookings`).set(p.auth);
        return (keyed ? req.set('Idempotency-Key', randomUUID()) : req).send({});
      };
      // Another connection holds the meeting's row lock and does not let go: a stuck transaction.
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM meeting WHERE id = $1 FOR UPDATE', [event.body.id]);

      // 4 take their turn and wait on the lock, 6 wait for a turn: keyed and unkeyed alike give up in time.
      const started = Date.now();
      const responses = await Promise.all(people.map((p, i) => book(p, i % 2 === 1)));
      const elapsed = Date.now() - started;
      expect(responses.map((r) => [r.status, r.body.code, r.headers['retry-after']])).toEqual(
        people.map(() => [503, 'busy', '5']),
      );
      expect(elapsed).toBeGreaterThanOrEqual(450);
      expect(elapsed).toBeLessThan(3000);

      await holder.query('ROLLBACK');
      const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM booking WHERE meeting_id = $1`, [event.body.id]);
      expect(n).toBe(0);
      await book(people[0], false).expect(201);
      await book(people[1], true).expect(201);
    } finally {
      await holder.end();
      await app.close();
    }
  });
});
