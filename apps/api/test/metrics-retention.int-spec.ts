import { refreshMetrics } from '@roundtable/server-metrics';
import { MetricsWorld } from '@roundtable/server-testing';
import { TestApp } from './support';
import { figuresOf, metricsRoute, startMetricsApp, withRebuildsHeld } from './support/metrics';

/**
 * GET /api/metrics/retention over the second programme of `buildMetricsWorld` (completion 2 of 3; its comment
 * lists every session of group 3 and who came). Counted by hand, with last held session s5 (seq 5):
 * - d1: s1 s2 → 2 in the window s1–s3: completed (May cohort)
 * - d2: s1 s2 → completed (May)
 * - d3: s1 only, missed s2–s5 (4 in a row): dropped out after 1; window over: decided (May)
 * - d4: s3 s4 s5 → completed (June)
 * - d5: s3 only, missed s4 s5: at risk; window s3–s5 over: decided, not completed (June)
 * - e1: s4 only, firm E left the group: dropped out after 1; window s4–s6 not over: undecided (July)
 * s1 is 23:30 UTC on 30 April, 00:30 on 1 May in London: the first cohort is May's, not April's.
 */

const ZERO = {
  members: 0,
  completed: 0,
  decided: 0,
  completionRate: null,
  droppedOut: 0,
  droppedAfter1: 0,
  droppedAfter2: 0,
  droppedAfter3: 0,
  atRisk: 0,
};
const figures = figuresOf(ZERO);
const MAY = figures({ members: 3, completed: 2, decided: 3, completionRate: 0.667, droppedOut: 1, droppedAfter1: 1 });
const JUNE = figures({ members: 2, completed: 1, decided: 2, completionRate: 0.5, atRisk: 1 });
const JULY = figures({ members: 1, droppedOut: 1, droppedAfter1: 1 });
const TOTALS = figures({ members: 6, completed: 3, decided: 5, completionRate: 0.6, droppedOut: 2, droppedAfter1: 2, atRisk: 1 });

describe('retention metrics', () => {
  let t: TestApp;
  let w: MetricsWorld;

  beforeAll(async () => {
    ({ t, w } = await startMetricsApp());
  });
  afterAll(() => t.close());

  const { get, ok } = metricsRoute('/api/metrics/retention', () => t);

  it('counts completion, drop-out and members at risk by the month of the first session, in the programme’s zone', async () => {
    const body = await ok(w.manager2, { programmeId: w.programme2.id });
    expect(body).toMatchObject({ programmeId: w.programme2.id, from: '2026-05', to: '2026-07', totals: TOTALS });
    expect(body.months).toEqual([
      { month: '2026-05', ...MAY },
      { month: '2026-06', ...JUNE },
      { month: '2026-07', ...JULY },
    ]);
    // The curve is as long as the most sessions anyone attended (d4: 3).
    expect(body.cohorts).toEqual([
      { groupId: w.group3.id, month: '2026-05', members: 3, retained: [3, 2, 0], retentionRate: [1, 0.667, 0] },
      { groupId: w.group3.id, month: '2026-06', members: 2, retained: [2, 1, 1], retentionRate: [1, 0.5, 0.5] },
      { groupId: w.group3.id, month: '2026-07', members: 1, retained: [1, 0, 0], retentionRate: [1, 0, 0] },
    ]);
  });

  it('filters by firm dimensions and months', async () => {
    const q = (extra: Record<string, string>) => ok(w.manager2, { programmeId: w.programme2.id, ...extra });
    expect((await q({ sicSection: 'C' })).totals).toEqual(JULY);
    expect((await q({ localAuthority: 'S12000017', employeeBand: '10-49' })).totals).toEqual(
      figures({ members: 5, completed: 3, decided: 5, completionRate: 0.6, droppedOut: 1, droppedAfter1: 1, atRisk: 1 }),
    );
    const april = await q({ from: '2026-04', to: '2026-05' });
    expect(april.months).toEqual([
      { month: '2026-04', ...ZERO },
      { month: '2026-05', ...MAY },
    ]);
    expect((await q({ groupId: w.group3.id, to: '2026-06' })).totals).toEqual(
      figures({ members: 5, completed: 3, decided: 5, completionRate: 0.6, droppedOut: 1, droppedAfter1: 1, atRisk: 1 }),
    );
  });

  it('follows attendance taken through the API, and the completion rule changed, once the worker has rebuilt', async () => {
    // d3 comes back at s6: no longer dropped out (2 sessions, one in the window: not completed); d5 has now missed
    // three in a row (s4–s6): dropped out after 1, no longer at risk; e1's window s4–s6 is over: decided.
    await withRebuildsHeld(t, w, async () => {
      await t.http
        .put(`/api/meetings/${w.s[5].id}/attendance`)
        .set(w.f3.auth)
        .send({ records: [{ userId: w.d[2].user.id, status: 'present' }] })
        .expect(200);
      expect((await ok(w.manager2, { programmeId: w.programme2.id })).totals).toEqual(TOTALS);
    });
    await refreshMetrics(t.db);
    const after = await ok(w.manager2, { programmeId: w.programme2.id });
    expect(after.totals).toEqual(
      figures({ members: 6, completed: 3, decided: 6, completionRate: 0.5, droppedOut: 2, droppedAfter1: 2 }),
    );
    expect(after.months[0]).toEqual({
      month: '2026-05',
      ...figures({ members: 3, completed: 2, decided: 3, completionRate: 0.667 }),
    });

    // One session is enough to complete: d3, d5 and e1 complete; nobody drops out.
    await t.http.patch(`/api/programmes/${w.programme2.id}`).set(w.manager2.auth).send({ completionMinAttended: 1 }).expect(200);
    await refreshMetrics(t.db);
    expect((await ok(w.manager2, { programmeId: w.programme2.id })).totals).toEqual(
      figures({ members: 6, completed: 6, decided: 6, completionRate: 1 }),
    );
  });

  it('lets each person see only what is theirs', async () => {
    expect((await ok(w.f3, { programmeId: w.programme2.id })).totals).toMatchObject({ members: 6 });
    const otherGroup = await get(w.f1, { programmeId: w.programme.id, groupId: w.group2.id });
    expect(otherGroup.status).toBe(404);
    expect((await get(w.d[0], { programmeId: w.programme2.id })).status).toBe(403);
    expect((await get(w.manager, { programmeId: w.programme2.id })).status).toBe(404);
    expect((await get(w.manager2, {})).body.code).toBe('programme_required');
    expect((await t.http.get('/api/metrics/retention').query({ programmeId: w.programme2.id })).status).toBe(401);
  });
});
