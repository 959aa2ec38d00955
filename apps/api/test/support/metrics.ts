import { refreshMetrics } from '@roundtable/server-metrics';
import { buildMetricsWorld, MetricsWorld, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './app';

/** What every GET /api/metrics/* answers (retention adds its cohorts). */
export interface MetricsBody {
  programmeId: string | null;
  from: string | null;
  to: string | null;
  totals: object;
  months: ({ month: string } & object)[];
  cohorts?: object[];
}

/** The API over the fixed data set of `buildMetricsWorld`, its summaries rebuilt as the worker would. */
export async function startMetricsApp(): Promise<{ t: TestApp; w: MetricsWorld }> {
  const t = await createTestApp();
  const w = await buildMetricsWorld(t.fixtures);
  await refreshMetrics(t.db);
  return { t, w };
}

/** A metrics route asked as someone: `get` answers as it comes, `ok` expects 200 and gives the body. */
export function metricsRoute(path: `/api/metrics/${string}`, app: () => TestApp) {
  const get = (by: SignedIn, query: Record<string, string>) => app().http.get(path).set(by.auth).query(query);
  const ok = async (by: SignedIn, query: Record<string, string>): Promise<MetricsBody> => {
    const res = await get(by, query);
    expect(res.status).toBe(200);
    return res.body as MetricsBody;
  };
  return { get, ok };
}

/** A route's figures, each zero (or null) unless given: `figures({ responses: 3 })`. */
export const figuresOf =
  <Z extends object>(zero: Z) =>
  (values: Partial<Record<keyof Z, number | number[] | null>>) => ({ ...zero, ...values });

/** m4 (5 May) held through the API: its facilitator f1 takes attendance, a1 present. */
export async function holdM4(t: TestApp, w: MetricsWorld): Promise<void> {
  await t.http
    .put(`/api/meetings/${w.m4.id}/attendance`)
    .set(w.f1.auth)
    .send({ records: [{ userId: w.a1.user.id, status: 'present' }] })
    .expect(200);
}

/**
 * Runs `fn` holding the rebuild locks of the world's groups (the advisory locks `refreshMetrics` takes, in its
 * order). The suites run in parallel on one test database and `refreshMetrics` rebuilds every marked slice, so
 * another suite's call could otherwise rebuild this one's between a change and the check that the figures have
 * not moved yet; with the locks held it waits until `fn` is done.
 */
export async function withRebuildsHeld<R>(t: TestApp, w: MetricsWorld, fn: () => Promise<R>): Promise<R> {
  const groupIds = [w.group1.id, w.group2.id, w.group3.id];
  const keys = `SELECT hashtextextended('metrics-group:' || g, 0) AS k FROM unnest($1::uuid[]) AS s(g) ORDER BY k`;
  const runner = t.db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(k) FROM (${keys}) AS held`, [groupIds]);
    try {
      return await fn();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(k) FROM (${keys}) AS held`, [groupIds]);
    }
  } finally {
    await runner.release();
  }
}
