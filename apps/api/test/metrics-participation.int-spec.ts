import { refreshMetrics } from '@roundtable/server-metrics';
import { MetricsWorld, SignedIn } from '@roundtable/server-testing';
import { TestApp } from './support';
import { figuresOf, holdM4, metricsRoute, startMetricsApp, withRebuildsHeld } from './support/metrics';

/**
 * GET /api/metrics/participation over the fixed data set of `buildMetricsWorld` (its comment lists every session,
 * booking and attendance record): each figure below is counted by hand from that list. The summaries are rebuilt
 * by the worker's `refreshMetrics`, called here in place of the worker's schedule.
 */

const ZERO = {
  sessionsScheduled: 0,
  sessionsHeld: 0,
  hybridSessionsHeld: 0,
  booked: 0,
  confirmed: 0,
  attended: 0,
  waitlisted: 0,
  attendanceRate: null,
  confirmedNoShows: 0,
  noShowRate: null,
  present: 0,
  late: 0,
  apologies: 0,
  noShows: 0,
  hybridOnline: 0,
  hybridInPerson: 0,
  hybridModeUnrecorded: 0,
};
const figures = figuresOf(ZERO);

// March: m1 (group 1) and m5 (group 2). m2 (31 March 23:30 UTC) is 00:30 on 1 April in London: April.
const MARCH = figures({
  sessionsScheduled: 2,
  sessionsHeld: 2,
  hybridSessionsHeld: 1, // m5
  booked: 6, // m1: a1 a2 b1; m5: c1 c2 c3
  confirmed: 5, // m1: a1 a2 b1; m5: c1 c2
  attended: 3, // a1 and b1 at m1, c1 at m5 (a3 was present at m1 without booking)
  waitlisted: 1, // c3
  attendanceRate: 0.6, // 3 / 5
  confirmedNoShows: 2, // a2 at m1, c2 at m5
  noShowRate: 0.4, // 2 / 5
  present: 3, // a1 and a3 at m1, c1 at m5
  late: 1, // b1
  noShows: 2,
  hybridModeUnrecorded: 1, // c1 at m5
});
const APRIL = figures({
  sessionsScheduled: 1, // m2; m3 was cancelled
  sessionsHeld: 1,
  hybridSessionsHeld: 1,
  booked: 3, // a1 a2 a3 (b1's cancelled booking left out)
  confirmed: 2,
  attended: 2,
  waitlisted: 1, // a3
  attendanceRate: 1,
  noShowRate: 0,
  present: 2,
  apologies: 1, // b1
  hybridOnline: 1, // a1
  hybridInPerson: 1, // a2
});
const MAY = figures({ sessionsScheduled: 1 }); // m4, attendance never taken
const TOTALS = figures({
  sessionsScheduled: 4,
  sessionsHeld: 3,
  hybridSessionsHeld: 2,
  booked: 9,
  confirmed: 7,
  attended: 5,
  waitlisted: 2,
  attendanceRate: 0.714, // 5 / 7 = 0.71428…
  confirmedNoShows: 2,
  noShowRate: 0.286, // 2 / 7 = 0.28571…
  present: 5,
  late: 1,
  apologies: 1,
  noShows: 2,
  hybridOnline: 1,
  hybridInPerson: 1,
  hybridModeUnrecorded: 1,
});
const GROUP_1 = figures({
  sessionsScheduled: 3, // m1 m2 m4
  sessionsHeld: 2,
  hybridSessionsHeld: 1,
  booked: 6, // m1: a1 a2 b1; m2: a1 a2 a3
  confirmed: 5,
  attended: 4, // a1 b1 at m1; a1 a2 at m2
  waitlisted: 1,
  attendanceRate: 0.8,
  confirmedNoShows: 1,
  noShowRate: 0.2,
  present: 4, // a1 a3 at m1; a1 a2 at m2
  late: 1,
  apologies: 1,
  noShows: 1,
  hybridOnline: 1,
  hybridInPerson: 1,
});
const GROUP_2 = figures({
  sessionsScheduled: 1,
  sessionsHeld: 1,
  hybridSessionsHeld: 1,
  booked: 3,
  confirmed: 2,
  attended: 1,
  waitlisted: 1,
  attendanceRate: 0.5,
  confirmedNoShows: 1,
  noShowRate: 0.5,
  present: 1,
  noShows: 1,
  hybridModeUnrecorded: 1,
});
// Firm A alone (SIC 62012 → section J; also local authority S12000017 with band 10-49).
const FIRM_A = figures({
  sessionsScheduled: 2, // group 1 in March (m1) and April (m2), the group-months firm A took part in
  sessionsHeld: 2,
  hybridSessionsHeld: 1,
  booked: 5, // m1: a1 a2; m2: a1 a2 a3
  confirmed: 4,
  attended: 3, // a1 at m1; a1 a2 at m2
  waitlisted: 1,
  attendanceRate: 0.75,
  confirmedNoShows: 1,
  noShowRate: 0.25,
  present: 4,
  noShows: 1,
  hybridOnline: 1,
  hybridInPerson: 1,
});
// Firm B alone (local authority S12000036): b1 late at m1; booking cancelled and apologies at m2.
const FIRM_B = figures({
  sessionsScheduled: 2,
  sessionsHeld: 2,
  hybridSessionsHeld: 1,
  booked: 1,
  confirmed: 1,
  attended: 1,
  attendanceRate: 1,
  noShowRate: 0,
  late: 1,
  apologies: 1,
});

describe('participation metrics', () => {
  let t: TestApp;
  let w: MetricsWorld;
  let admin: SignedIn;
  let outsiderManager: SignedIn;

  beforeAll(async () => {
    ({ t, w } = await startMetricsApp());
    admin = await t.fixtures.user({ admin: true });
    const elsewhere = await t.fixtures.programme();
    outsiderManager = await t.fixtures.user({ managerOf: elsewhere.id });
  });
  afterAll(() => t.close());

  const { get, ok } = metricsRoute('/api/metrics/participation', () => t);

  it('gives every figure in total and by month in the programme’s zone: 23:30 UTC on 31 March is April in London', async () => {
    const body = await ok(w.manager, { programmeId: w.programme.id });
    expect(body).toEqual({
      programmeId: w.programme.id,
      from: '2026-03',
      to: '2026-05',
      totals: TOTALS,
      months: [
        { month: '2026-03', ...MARCH },
        { month: '2026-04', ...APRIL },
        { month: '2026-05', ...MAY },
      ],
    });
  });

  it('filters by group and by facilitator (the groups they facilitate)', async () => {
    expect((await ok(w.manager, { programmeId: w.programme.id, groupId: w.group1.id })).totals).toEqual(GROUP_1);
    expect((await ok(w.manager, { programmeId: w.programme.id, groupId: w.group2.id })).totals).toEqual(GROUP_2);
    expect((await ok(w.manager, { programmeId: w.programme.id, facilitatorId: w.f2.user.id })).totals).toEqual(GROUP_2);
    const group1 = await ok(w.manager, { programmeId: w.programme.id, facilitatorId: w.f1.user.id });
    expect(group1.totals).toEqual(GROUP_1);
    expect(group1.months.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05']);
  });

  it('filters by the firm dimensions: local authority, SIC section, employee band, and together', async () => {
    const q = (extra: Record<string, string>) => ok(w.manager, { programmeId: w.programme.id, ...extra });
    expect((await q({ sicSection: 'J' })).totals).toEqual(FIRM_A);
    expect((await q({ localAuthority: 'S12000017', employeeBand: '10-49' })).totals).toEqual(FIRM_A);
    expect((await q({ localAuthority: 'S12000036' })).totals).toEqual(FIRM_B);
    expect((await q({ sicSection: 'C' })).totals).toEqual(FIRM_B);
    expect((await q({ employeeBand: '50-249' })).totals).toEqual(GROUP_2);
    expect((await q({ sicSection: 'G', groupId: w.group1.id })).totals).toEqual(ZERO);
    const none = await q({ localAuthority: 'E06000001' });
    expect(none).toMatchObject({ from: null, to: null, totals: ZERO, months: [] });
  });

  it('limits the series to from..to, months with nothing included', async () => {
    const april = await ok(w.manager, { programmeId: w.programme.id, from: '2026-04', to: '2026-04' });
    expect(april).toMatchObject({ from: '2026-04', to: '2026-04', totals: APRIL, months: [{ month: '2026-04', ...APRIL }] });
    const early = await ok(w.manager, { programmeId: w.programme.id, from: '2026-02', to: '2026-03' });
    expect(early.months).toEqual([
      { month: '2026-02', ...ZERO },
      { month: '2026-03', ...MARCH },
    ]);
    expect(early.totals).toEqual(MARCH);
    const res = await get(w.manager, { programmeId: w.programme.id, from: '2026-05', to: '2026-04' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect((await get(w.manager, { programmeId: w.programme.id, from: '2026-13' })).status).toBe(400);
  });

  it('shows a change made through the API once the worker has rebuilt its slices', async () => {
    // Attendance taken for m4 (May): a held session, a1's confirmed booking attended.
    await withRebuildsHeld(t, w, async () => {
      await holdM4(t, w);
      // Firm B moves into section J (SIC 62020): its slices are marked as well.
      await t.http.patch(`/api/firms/${w.firmB.id}`).set(w.manager.auth).send({ sicCode: '62020' }).expect(200);
      const marked: { count: number }[] = await t.db.query(
        `SELECT count(*)::int AS count FROM metrics_dirty WHERE group_id = $1`,
        [w.group1.id],
      );
      expect(marked[0].count).toBeGreaterThan(0);
      // Not yet rebuilt: the figures are the summary's until the worker runs.
      expect((await ok(w.manager, { programmeId: w.programme.id, from: '2026-05', to: '2026-05' })).totals).toEqual(MAY);
    });
    await refreshMetrics(t.db);
    const may = await ok(w.manager, { programmeId: w.programme.id, from: '2026-05', to: '2026-05' });
    expect(may.totals).toEqual(
      figures({
        sessionsScheduled: 1,
        sessionsHeld: 1,
        booked: 1,
        confirmed: 1,
        attended: 1,
        attendanceRate: 1,
        noShowRate: 0,
        present: 1,
      }),
    );
    const sectionJ = await ok(w.manager, { programmeId: w.programme.id, sicSection: 'J', to: '2026-04' });
    // Firm A and now firm B: m1 a1 a2 b1 booked, m2 a1 a2 a3.
    expect(sectionJ.totals).toMatchObject({ booked: 6, confirmed: 5, attended: 4, late: 1, apologies: 1, sessionsHeld: 2 });
    expect((await ok(w.manager, { programmeId: w.programme.id, sicSection: 'C' })).totals).toEqual(ZERO);
  });

  it('lets each person see only what is theirs', async () => {
    // A facilitator sees their own groups only, whatever they ask for.
    const own = await ok(w.f2, { programmeId: w.programme.id });
    expect(own.totals).toEqual(GROUP_2);
    expect((await ok(w.f2, { programmeId: w.programme.id, groupId: w.group2.id })).totals).toEqual(GROUP_2);
    expect((await ok(w.f2, { programmeId: w.programme.id, facilitatorId: w.f1.user.id })).totals).toEqual(ZERO);
    const other = await get(w.f2, { programmeId: w.programme.id, groupId: w.group1.id });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('not_found');
    // A member of the programme: 403. Someone outside it: 404. A group of another programme: 404.
    const member = await get(w.a1, { programmeId: w.programme.id });
    expect(member.status).toBe(403);
    expect(member.body.code).toBe('forbidden');
    expect((await get(outsiderManager, { programmeId: w.programme.id })).status).toBe(404);
    expect((await get(outsiderManager, { programmeId: outsiderManager.user.id })).status).toBe(404);
    const foreignGroup = await get(w.manager, {
      programmeId: w.programme.id,
      groupId: (await t.fixtures.group((await t.fixtures.programme()).id)).id,
    });
    expect(foreignGroup.status).toBe(404);
    // Only admins may leave the programme out.
    const unnamed = await get(w.manager, {});
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.code).toBe('programme_required');
    const everything = await ok(admin, { groupId: w.group2.id });
    expect(everything).toMatchObject({ programmeId: null, totals: GROUP_2 });
    expect((await t.http.get('/api/metrics/participation').query({ programmeId: w.programme.id })).status).toBe(401);
  });
});
