import { refreshMetrics } from '@roundtable/server-metrics';
import { MetricsWorld } from '@roundtable/server-testing';
import { TestApp } from './support';
import { figuresOf, holdM4, metricsRoute, startMetricsApp, withRebuildsHeld } from './support/metrics';

/**
 * GET /api/metrics/actions over the first programme of `buildMetricsWorld` (its comment lists the commitments and
 * their history). Counted by hand:
 * - attendances (present or late at held group sessions): March m1 a1, b1, a3 and m5 c1 = 4; April m2 a1, a2 = 2
 * - made at held sessions: March k1 k2 k3 (m1) k8 k9 (m5) = 5; April k4 k5 (m2) = 2; k6 (cancelled session), k7
 *   (not held) and k10 (open event) left out
 * - due for review (the group held a later session): k1 k2 k3 (m2 came after m1); group 2 and m2 have none after
 * - reviewed at a later session: k1 k2
 * - outcomes: March k1 done, k2 dropped, k3 partly, k8 done; April k4 done
 * - days to done, dates in London: k1 10 → 20 March = 10; k8 20 → 27 March = 7; k4 made on 1 April (m2 is 23:30
 *   UTC on 31 March), done again on 15 April after being partly done = 14 (15 if counted in UTC; the edit of the
 *   outcome on 30 April, still done, does not move it). Medians: March (7, 10) 8.5, April 14, all (7, 10, 14) 10.
 */

const ZERO = {
  commitments: 0,
  attendances: 0,
  commitmentsPerMemberSession: null,
  dueForReview: 0,
  reviewed: 0,
  shareReviewed: null,
  withOutcome: 0,
  done: 0,
  partly: 0,
  dropped: 0,
  shareDone: null,
  sharePartly: null,
  shareDropped: null,
  doneTimed: 0,
  medianDaysToDone: null,
};
const figures = figuresOf(ZERO);
const MARCH = figures({
  commitments: 5,
  attendances: 4,
  commitmentsPerMemberSession: 1.25,
  dueForReview: 3,
  reviewed: 2,
  shareReviewed: 0.667,
  withOutcome: 4,
  done: 2,
  partly: 1,
  dropped: 1,
  shareDone: 0.5,
  sharePartly: 0.25,
  shareDropped: 0.25,
  doneTimed: 2,
  medianDaysToDone: 8.5,
});
const APRIL = figures({
  commitments: 2,
  attendances: 2,
  commitmentsPerMemberSession: 1,
  withOutcome: 1,
  done: 1,
  shareDone: 1,
  sharePartly: 0,
  shareDropped: 0,
  doneTimed: 1,
  medianDaysToDone: 14,
});
const TOTALS = figures({
  commitments: 7,
  attendances: 6,
  commitmentsPerMemberSession: 1.167,
  dueForReview: 3,
  reviewed: 2,
  shareReviewed: 0.667,
  withOutcome: 5,
  done: 3,
  partly: 1,
  dropped: 1,
  shareDone: 0.6,
  sharePartly: 0.2,
  shareDropped: 0.2,
  doneTimed: 3,
  medianDaysToDone: 10,
});

describe('action-learning metrics', () => {
  let t: TestApp;
  let w: MetricsWorld;

  beforeAll(async () => {
    ({ t, w } = await startMetricsApp());
  });
  afterAll(() => t.close());

  const { get, ok } = metricsRoute('/api/metrics/actions', () => t);

  it('counts commitments, reviews, outcomes and the median days to done by the month of the session, in the programme’s zone', async () => {
    const body = await ok(w.manager, { programmeId: w.programme.id });
    expect(body).toMatchObject({ programmeId: w.programme.id, from: '2026-03', to: '2026-04', totals: TOTALS });
    expect(body.months).toEqual([
      { month: '2026-03', ...MARCH },
      { month: '2026-04', ...APRIL },
    ]);
  });

  it('filters by firm dimensions, group and months', async () => {
    const q = (extra: Record<string, string>) => ok(w.manager, { programmeId: w.programme.id, ...extra });
    // Firm A (section J): a1, a2, a3. Medians: March (10), April (14), both (10, 14) 12.
    const j = await q({ sicSection: 'J' });
    expect(j.totals).toEqual(
      figures({
        commitments: 4,
        attendances: 4,
        commitmentsPerMemberSession: 1,
        dueForReview: 2,
        reviewed: 2,
        shareReviewed: 1,
        withOutcome: 3,
        done: 2,
        dropped: 1,
        shareDone: 0.667,
        sharePartly: 0,
        shareDropped: 0.333,
        doneTimed: 2,
        medianDaysToDone: 12,
      }),
    );
    expect((await q({ groupId: w.group2.id })).months).toEqual([
      {
        month: '2026-03',
        ...figures({
          commitments: 2,
          attendances: 1,
          commitmentsPerMemberSession: 2,
          withOutcome: 1,
          done: 1,
          shareDone: 1,
          sharePartly: 0,
          shareDropped: 0,
          doneTimed: 1,
          medianDaysToDone: 7,
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

  it('follows attendance and a review through the API once the worker has rebuilt', async () => {
    // m4 (5 May) held: k4 and k5 (April) become due for review, k7 (made at m4) counts; k5 reviewed there, dropped.
    await withRebuildsHeld(t, w, async () => {
      await holdM4(t, w);
      await t.http
        .patch(`/api/commitments/${w.k.k5}`)
        .set(w.f1.auth)
        .send({ status: 'dropped', reviewedMeetingId: w.m4.id })
        .expect(200);
      expect((await ok(w.manager, { programmeId: w.programme.id })).totals).toEqual(TOTALS);
    });
    await refreshMetrics(t.db);
    const after = await ok(w.manager, { programmeId: w.programme.id });
    expect(after.months).toEqual([
      { month: '2026-03', ...MARCH },
      {
        month: '2026-04',
        ...APRIL,
        ...figures({
          commitments: 2,
          attendances: 2,
          commitmentsPerMemberSession: 1,
          dueForReview: 2,
          reviewed: 1,
          shareReviewed: 0.5,
          withOutcome: 2,
          done: 1,
          dropped: 1,
          shareDone: 0.5,
          sharePartly: 0,
          shareDropped: 0.5,
          doneTimed: 1,
          medianDaysToDone: 14,
        }),
      },
      { month: '2026-05', ...figures({ commitments: 1, attendances: 1, commitmentsPerMemberSession: 1 }) },
    ]);
    expect(after.totals).toEqual(
      figures({
        commitments: 8,
        attendances: 7,
        commitmentsPerMemberSession: 1.143,
        dueForReview: 5,
        reviewed: 3,
        shareReviewed: 0.6,
        withOutcome: 6,
        done: 3,
        partly: 1,
        dropped: 2,
        shareDone: 0.5,
        sharePartly: 0.167,
        shareDropped: 0.333,
        doneTimed: 3,
        medianDaysToDone: 10,
      }),
    );
  });

  it('lets each person see only what is theirs', async () => {
    expect((await ok(w.f2, { programmeId: w.programme.id })).totals).toMatchObject({ commitments: 2, attendances: 1 });
    expect((await get(w.f1, { programmeId: w.programme.id, groupId: w.group2.id })).status).toBe(404);
    expect((await get(w.a1, { programmeId: w.programme.id })).status).toBe(403);
    expect((await get(w.manager2, { programmeId: w.programme.id })).status).toBe(404);
    expect((await get(w.manager, {})).body.code).toBe('programme_required');
    expect((await t.http.get('/api/metrics/actions').query({ programmeId: w.programme.id })).status).toBe(401);
  });
});
