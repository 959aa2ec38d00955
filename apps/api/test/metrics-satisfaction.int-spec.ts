import { refreshMetrics } from '@roundtable/server-metrics';
import { MetricsWorld } from '@roundtable/server-testing';
import { TestApp } from './support';
import { figuresOf, holdM4, metricsRoute, startMetricsApp, withRebuildsHeld } from './support/metrics';

/**
 * GET /api/metrics/satisfaction over the first programme of `buildMetricsWorld` (its comment lists the feedback).
 * Counted by hand:
 * - attendees (present or late at held group sessions): March m1 a1, b1, a3 and m5 c1 = 4; April m2 a1, a2 = 2
 * - responses: March m1 a1 (5, 10), b1 (3, 6), m5 c1 (5, 9) = 3; April m2 a1 (4, 9), a2 (2, 7) = 2 (m2 is 23:30
 *   UTC on 31 March, 1 April in London); a2's at m1 (a no-show), a1's at m3 (cancelled) and at the open event left out
 * - March: usefulness 3 ×1, 5 ×2, mean 13 / 3 = 4.33; promoters a1, c1, detractor b1: (2 − 1) / 3 = 33; rate 3 / 4
 * - April: usefulness 2 ×1, 4 ×1, mean 3; promoter a1, passive a2: 1 / 2 = 50; rate 2 / 2
 * - all: usefulness 2, 3, 4 ×1, 5 ×2, mean 19 / 5 = 3.8; 3 promoters, 1 passive, 1 detractor: 2 / 5 = 40; rate 5 / 6
 */

const ZERO = {
  responses: 0,
  attendees: 0,
  responseRate: null,
  usefulnessCounts: [0, 0, 0, 0, 0],
  meanUsefulness: null,
  promoters: 0,
  passives: 0,
  detractors: 0,
  nps: null,
};
const figures = figuresOf(ZERO);
const MARCH = figures({
  responses: 3,
  attendees: 4,
  responseRate: 0.75,
  usefulnessCounts: [0, 0, 1, 0, 2],
  meanUsefulness: 4.33,
  promoters: 2,
  detractors: 1,
  nps: 33,
});
const APRIL = figures({
  responses: 2,
  attendees: 2,
  responseRate: 1,
  usefulnessCounts: [0, 1, 0, 1, 0],
  meanUsefulness: 3,
  promoters: 1,
  passives: 1,
  nps: 50,
});
const TOTALS = figures({
  responses: 5,
  attendees: 6,
  responseRate: 0.833,
  usefulnessCounts: [0, 1, 1, 1, 2],
  meanUsefulness: 3.8,
  promoters: 3,
  passives: 1,
  detractors: 1,
  nps: 40,
});

describe('satisfaction metrics', () => {
  let t: TestApp;
  let w: MetricsWorld;

  beforeAll(async () => {
    ({ t, w } = await startMetricsApp());
  });
  afterAll(() => t.close());

  const { get, ok } = metricsRoute('/api/metrics/satisfaction', () => t);

  it('counts usefulness, NPS and the response rate by the month of the session, in the programme’s zone', async () => {
    const body = await ok(w.manager, { programmeId: w.programme.id });
    expect(body).toMatchObject({ programmeId: w.programme.id, from: '2026-03', to: '2026-04', totals: TOTALS });
    expect(body.months).toEqual([
      { month: '2026-03', ...MARCH },
      { month: '2026-04', ...APRIL },
    ]);
  });

  it('filters by firm dimensions, group and months', async () => {
    const q = (extra: Record<string, string>) => ok(w.manager, { programmeId: w.programme.id, ...extra });
    // Firm A (section J): a1 (5, 10) of a1 and a3 in March; a1 (4, 9) and a2 (2, 7) in April. 11 / 3; (2 − 0) / 3.
    expect((await q({ sicSection: 'J' })).totals).toEqual(
      figures({
        responses: 3,
        attendees: 4,
        responseRate: 0.75,
        usefulnessCounts: [0, 1, 0, 1, 1],
        meanUsefulness: 3.67,
        promoters: 2,
        passives: 1,
        nps: 67,
      }),
    );
    // Firm B (0-4): b1 late at m1 and answered (3, 6); apologies at m2, so April has no attendee and no figure.
    const band = await q({ employeeBand: '0-4' });
    const b1 = figures({
      responses: 1,
      attendees: 1,
      responseRate: 1,
      usefulnessCounts: [0, 0, 1, 0, 0],
      meanUsefulness: 3,
      detractors: 1,
      nps: -100,
    });
    expect(band.totals).toEqual(b1);
    expect(band.months).toEqual([
      { month: '2026-03', ...b1 },
      { month: '2026-04', ...ZERO },
    ]);
    expect((await q({ groupId: w.group2.id })).months).toEqual([
      {
        month: '2026-03',
        ...figures({
          responses: 1,
          attendees: 1,
          responseRate: 1,
          usefulnessCounts: [0, 0, 0, 0, 1],
          meanUsefulness: 5,
          promoters: 1,
          nps: 100,
        }),
      },
    ]);
    const april = await q({ from: '2026-04', to: '2026-05' });
    expect(april.totals).toEqual(APRIL);
    expect(april.months).toEqual([
      { month: '2026-04', ...APRIL },
      { month: '2026-05', ...ZERO },
    ]);
  });

  it('counts feedback given through the API once the worker has rebuilt', async () => {
    // m4 (5 May) held with a1 present, who then rates it 3 and would not recommend it (0).
    await withRebuildsHeld(t, w, async () => {
      await holdM4(t, w);
      await t.http
        .post(`/api/meetings/${w.m4.id}/feedback`)
        .set(w.a1.auth)
        .send({ usefulness: 3, wouldRecommend: 0 })
        .expect(201);
      expect((await ok(w.manager, { programmeId: w.programme.id })).totals).toEqual(TOTALS);
    });
    await refreshMetrics(t.db);
    const after = await ok(w.manager, { programmeId: w.programme.id });
    const may = figures({
      responses: 1,
      attendees: 1,
      responseRate: 1,
      usefulnessCounts: [0, 0, 1, 0, 0],
      meanUsefulness: 3,
      detractors: 1,
      nps: -100,
    });
    expect(after.months).toEqual([
      { month: '2026-03', ...MARCH },
      { month: '2026-04', ...APRIL },
      { month: '2026-05', ...may },
    ]);
    // 22 / 6 = 3.67; (3 − 2) / 6 = 16.7 → 17; 6 / 7.
    expect(after.totals).toEqual(
      figures({
        responses: 6,
        attendees: 7,
        responseRate: 0.857,
        usefulnessCounts: [0, 1, 2, 1, 2],
        meanUsefulness: 3.67,
        promoters: 3,
        passives: 1,
        detractors: 2,
        nps: 17,
      }),
    );
  });

  it('lets each person see only what is theirs', async () => {
    expect((await ok(w.f2, { programmeId: w.programme.id })).totals).toMatchObject({ responses: 1, attendees: 1, nps: 100 });
    expect((await get(w.f1, { programmeId: w.programme.id, groupId: w.group2.id })).status).toBe(404);
    expect((await get(w.a1, { programmeId: w.programme.id })).status).toBe(403);
    expect((await get(w.c1, { programmeId: w.programme.id })).status).toBe(403);
    expect((await get(w.manager2, { programmeId: w.programme.id })).status).toBe(404);
    expect((await get(w.manager, {})).body.code).toBe('programme_required');
    expect((await t.http.get('/api/metrics/satisfaction').query({ programmeId: w.programme.id })).status).toBe(401);
  });
});
