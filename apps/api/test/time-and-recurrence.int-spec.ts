import { EXPANSION_WINDOW_YEARS, MAX_LIVE_SERIES_PER_GROUP, TIME_ZONES } from '@roundtable/domain';
import { MeetingEntity, MeetingSeriesEntity } from '@roundtable/server-data';
import { MigrationInterface } from 'typeorm';
import { MIGRATIONS } from '@roundtable/migrations';
import { buildProgrammeWorld, localStartIn, ProgrammeWorld } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/** Time zones, recurrence and dates: what a calendar says, bounded, and refused clearly when wrong. */
describe('time zones, recurrence and dates', () => {
  let t: TestApp;
  let w: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  const series = (groupId: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/groups/${groupId}/series`)
      .set(w.facilitator.auth)
      .send({ title: 'Series', durationMinutes: 60, localStart: localStartIn(10), rrule: 'FREQ=WEEKLY;COUNT=1', ...body });
  const meeting = (body: Record<string, unknown>) =>
    t.http
      .post(`/api/groups/${w.group.id}/meetings`)
      .set(w.facilitator.auth)
      .send({ title: 'Session', durationMinutes: 60, localStart: localStartIn(10), ...body });

  describe('recurrence is bounded', () => {
    it.each([
      'FREQ=DAILY;COUNT=1;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=MONTHLY;COUNT=2;BYMONTH=4;BYMONTHDAY=31',
      'FREQ=WEEKLY;COUNT=2;BYDAY=MO;BYSETPOS=3',
    ])('refuses %s, which never occurs, saying it looked only within the window', async (rrule) => {
      const res = await series(w.group.id, { rrule }).expect(400);
      expect(res.body).toMatchObject({ code: 'invalid_rrule', errors: [{ field: 'rrule' }] });
      expect(res.body.message).toContain(`no occurrence within ${EXPANSION_WINDOW_YEARS} years`);
    });

    it.each([
      ['FREQ=MONTHLY;COUNT=2;BYSETPOS=400', 'BYSETPOS'],
      ['FREQ=WEEKLY;COUNT=2;BYMONTHDAY=30', 'BYMONTHDAY'],
      ['FREQ=MONTHLY;COUNT=2;BYMONTHDAY=40', 'BYMONTHDAY'],
      ['FREQ=YEARLY;COUNT=10', `${EXPANSION_WINDOW_YEARS} years`],
    ])('refuses %s with a 400 naming the rule part', async (rrule, part) => {
      const res = await series(w.group.id, { rrule }).expect(400);
      expect(res.body).toMatchObject({ code: 'invalid_rrule', errors: [{ field: 'rrule' }] });
      expect(res.body.message).toContain(part);
    });

    it('refuses the same rules for programme series', async () => {
      const res = await t.http
        .post(`/api/programmes/${w.programme.id}/series`)
        .set(w.manager.auth)
        .send({
          title: 'Open',
          durationMinutes: 60,
          capacity: 10,
          localStart: localStartIn(10),
          rrule: 'FREQ=DAILY;COUNT=1;BYMONTH=2;BYMONTHDAY=30',
        })
        .expect(400);
      expect(res.body.code).toBe('invalid_rrule');
    });

    it(`lets a group hold at most ${MAX_LIVE_SERIES_PER_GROUP} live series`, async () => {
      const group = await t.fixtures.group(w.programme.id);
      const created: { id: string; meetings: { id: string }[] }[] = [];
      for (let i = 0; i < MAX_LIVE_SERIES_PER_GROUP; i++) {
        created.push((await series(group.id, { rrule: 'FREQ=WEEKLY;COUNT=2' }).set(w.manager.auth).expect(201)).body);
      }
      const refused = await series(group.id, {}).set(w.manager.auth).expect(409);
      expect(refused.body.code).toBe('series_limit_reached');
      expect(refused.body.message).toContain(`at most ${MAX_LIVE_SERIES_PER_GROUP} live series`);
      // A series whose meetings are all cancelled is no longer live.
      await t.http
        .post(`/api/meetings/${created[0].meetings[0].id}/cancel`)
        .set(w.manager.auth)
        .send({ message: 'Not needed', scope: 'following' })
        .expect(200);
      await series(group.id, {}).set(w.manager.auth).expect(201);
    });
  });

  describe('time zones both the server and the database know', () => {
    it.each(['US/Pacific-New', 'Canada/East-Saskatchewan', 'SystemV/AST4', 'Mars/Phobos'])(
      'refuses %s for a programme, a meeting, a series and a person',
      async (zone) => {
        const programme = await t.http.patch(`/api/programmes/${w.programme.id}`).set(w.manager.auth).send({ timezone: zone });
        expect(programme.status).toBe(400);
        expect(programme.body.errors).toEqual([expect.objectContaining({ field: 'timezone' })]);
        expect((await meeting({ timezone: zone })).status).toBe(400);
        expect((await series(w.group.id, { timezone: zone })).status).toBe(400);
        expect((await t.http.patch('/api/auth/me').set(w.member.auth).send({ timezone: zone })).status).toBe(400);
      },
    );

    it('stores a zone in its canonical spelling whatever the case', async () => {
      const programme = await t.fixtures.programme();
      const manager = await t.fixtures.user({ managerOf: programme.id });
      const res = await t.http
        .patch(`/api/programmes/${programme.id}`)
        .set(manager.auth)
        .send({ timezone: 'europe/london' })
        .expect(200);
      expect(res.body.timezone).toBe('Europe/London');
      const created = await meeting({ timezone: 'AMERICA/NEW_YORK' }).expect(201);
      expect(created.body.timezone).toBe('America/New_York');
      const me = await t.http.patch('/api/auth/me').set(w.member.auth).send({ timezone: 'asia/kolkata' }).expect(200);
      expect(me.body.timezone).toBe('Asia/Kolkata');
    });

    it('lists only zones PostgreSQL knows', async () => {
      const rows: { name: string }[] = await t.db.query('SELECT name FROM pg_timezone_names');
      const known = new Set(rows.map((r) => r.name));
      expect(TIME_ZONES.filter((zone) => !known.has(zone))).toEqual([]);
    });

    it('repairs stored zones the database does not know, so the meetings can be read again', async () => {
      const programme = await t.fixtures.programme();
      const manager = await t.fixtures.user({ managerOf: programme.id });
      const group = await t.fixtures.group(programme.id);
      const created = await t.http
        .post(`/api/groups/${group.id}/meetings`)
        .set(manager.auth)
        .send({ title: 'Planned', durationMinutes: 60, localStart: localStartIn(20, '09:30') })
        .expect(201);
      const [pacific, unknown, lower] = await Promise.all(
        ['US/Pacific-New', 'SystemV/AST4', 'europe/london'].map((timezone) =>
          t.db.manager.save(
            t.db.manager.create(MeetingEntity, {
              programmeId: programme.id,
              groupId: group.id,
              title: `Stored in ${timezone}`,
              startsAt: new Date(Date.now() + 30 * 86400_000),
              timezone,
              durationMinutes: 60,
              mode: 'online',
              capacity: 8,
              icalUid: `${timezone}-${Date.now()}-${Math.random()}@roundtable`,
            }),
          ),
        ),
      );
      // Stored before zones were checked, so before the metrics triggers existed (they place sessions in months by the
      // programme's zone, which PostgreSQL must know): planted, and repaired below, with triggers off, as it happened.
      await t.db.transaction(async (em) => {
        await em.query(`SET LOCAL session_replication_role = replica`);
        await em.query(`UPDATE programme SET timezone = 'Canada/East-Saskatchewan' WHERE id = $1`, [programme.id]);
      });
      const user = await t.fixtures.user();
      await t.db.query(`UPDATE app_user SET timezone = 'SystemV/AST4' WHERE id = $1`, [user.user.id]);
      const seriesRow = await t.db.manager.save(
        t.db.manager.create(MeetingSeriesEntity, {
          programmeId: programme.id,
          groupId: group.id,
          rrule: 'FREQ=WEEKLY;COUNT=1',
          localStart: '2027-06-01T09:30',
          timezone: 'SystemV/AST4',
          title: 'Old series',
          durationMinutes: 60,
          mode: 'online',
          capacity: 8,
        }),
      );
      // Reading what PostgreSQL cannot place is what used to fail.
      expect((await t.http.get(`/api/meetings/${pacific.id}`).set(manager.auth)).status).toBe(500);

      const Repair = MIGRATIONS.find((m) => m.name === 'CanonicalTimeZones1795760000001');
      if (!Repair) throw new Error('The canonical-time-zones migration is not listed in migrations/index.ts');
      await t.db.transaction(async (em) => {
        await em.query(`SET LOCAL session_replication_role = replica`);
        await (new Repair() as MigrationInterface).up(em.queryRunner!);
      });

      const zoneOf = async (table: string, id: string) =>
        ((await t.db.query(`SELECT timezone FROM ${table} WHERE id = $1`, [id])) as { timezone: string }[])[0].timezone;
      expect(await zoneOf('programme', programme.id)).toBe('America/Regina');
      expect(await zoneOf('meeting', pacific.id)).toBe('America/Los_Angeles');
      expect(await zoneOf('meeting', unknown.id)).toBe('America/Regina');
      expect(await zoneOf('meeting', lower.id)).toBe('Europe/London');
      expect(await zoneOf('meeting', created.body.id)).toBe('Europe/London');
      expect(await zoneOf('meeting_series', seriesRow.id)).toBe('America/Regina');
      expect(await zoneOf('app_user', user.user.id)).toBe('Europe/London');
      const read = await t.http.get(`/api/meetings/${pacific.id}`).set(manager.auth).expect(200);
      expect(read.body.timezone).toBe('America/Los_Angeles');
    });
  });

  describe('dates are in a sensible range', () => {
    it.each([
      ['hour 24', `${localStartIn(10).slice(0, 10)}T24:00`],
      ['a start in the past', localStartIn(-1)],
      ['a start in 2000', '2000-01-04T09:30'],
      ['a start more than five years ahead', localStartIn(5 * 366 + 2)],
    ])('refuses %s for a meeting, an open event and a series, naming localStart', async (_what, localStart) => {
      const one = await meeting({ localStart }).expect(400);
      expect(one.body.errors).toEqual([expect.objectContaining({ field: 'localStart' })]);
      const event = await t.http
        .post(`/api/programmes/${w.programme.id}/events`)
        .set(w.manager.auth)
        .send({ title: 'Event', durationMinutes: 60, capacity: 10, localStart })
        .expect(400);
      expect(event.body.errors).toEqual([expect.objectContaining({ field: 'localStart' })]);
      const many = await series(w.group.id, { localStart }).expect(400);
      expect(many.body.errors).toEqual([expect.objectContaining({ field: 'localStart' })]);
    });

    it('refuses a meeting moved years into the past, and allows recording that it happened last week', async () => {
      const { body } = await meeting({}).expect(201);
      const far = await t.http
        .patch(`/api/meetings/${body.id}`)
        .set(w.facilitator.auth)
        .send({ localStart: '2000-01-04T09:30' })
        .expect(400);
      expect(far.body.errors).toEqual([expect.objectContaining({ field: 'localStart' })]);
      await t.http
        .patch(`/api/meetings/${body.id}`)
        .set(w.facilitator.auth)
        .send({ localStart: localStartIn(-7) })
        .expect(200);
    });

    it('refuses a due date of 9999-12-31 and a query for the year 0001', async () => {
      const meetingId = (await meeting({}).expect(201)).body.id;
      await t.db.query(`UPDATE meeting SET starts_at = now() - interval '1 day' WHERE id = $1`, [meetingId]);
      const res = await t.http
        .post(`/api/meetings/${meetingId}/commitments`)
        .set(w.member.auth)
        .send({ text: 'Someday', dueDate: '9999-12-31' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'dueDate' })]);
      const query = await t.http.get(`/api/groups/${w.group.id}/meetings?from=0001-01-01T00:00:00Z`).set(w.facilitator.auth);
      expect(query.status).toBe(400);
    });
  });

  describe('time is what a calendar says it is', () => {
    it('reads a local time that occurs twice as the first occurrence (RFC 5545)', async () => {
      const res = await meeting({ localStart: '2028-10-29T01:30', timezone: 'Europe/London' }).expect(201);
      expect(res.body).toMatchObject({ startsAt: '2028-10-29T00:30:00.000Z', localStart: '2028-10-29T01:30' });
    });

    it('keeps the local start when only the zone changes', async () => {
      const { body } = await meeting({ localStart: '2028-01-04T09:30', timezone: 'Europe/London' }).expect(201);
      const res = await t.http
        .patch(`/api/meetings/${body.id}`)
        .set(w.facilitator.auth)
        .send({ timezone: 'America/New_York' })
        .expect(200);
      expect(res.body).toMatchObject({
        localStart: '2028-01-04T09:30',
        timezone: 'America/New_York',
        startsAt: '2028-01-04T14:30:00.000Z',
        icalSequence: body.icalSequence + 1,
      });
    });

    it('keeps each later meeting’s local start when the zone of this and following changes', async () => {
      const created = await series(w.group.id, {
        localStart: '2028-02-29T09:30',
        timezone: 'Europe/London',
        rrule: 'FREQ=WEEKLY;COUNT=4',
      }).expect(201);
      const ids = (created.body.meetings as { id: string }[]).map((m) => m.id);
      await t.http
        .patch(`/api/meetings/${ids[1]}`)
        .set(w.facilitator.auth)
        .send({ scope: 'following', timezone: 'America/New_York' })
        .expect(200);
      const after = await t.http.get(`/api/series/${created.body.id}`).set(w.facilitator.auth).expect(200);
      const got = (after.body.meetings as { localStart: string; timezone: string; startsAt: string }[]).map((m) => [
        m.localStart,
        m.timezone,
        m.startsAt,
      ]);
      expect(got).toEqual([
        ['2028-02-29T09:30', 'Europe/London', '2028-02-29T09:30:00.000Z'],
        ['2028-03-07T09:30', 'America/New_York', '2028-03-07T14:30:00.000Z'],
        // New York's clocks go forward on 12 March: 09:30 local is then 13:30 UTC.
        ['2028-03-14T09:30', 'America/New_York', '2028-03-14T13:30:00.000Z'],
        ['2028-03-21T09:30', 'America/New_York', '2028-03-21T13:30:00.000Z'],
      ]);
    });
  });
});
