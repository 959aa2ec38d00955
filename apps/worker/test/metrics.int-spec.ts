import { sicSection } from '@roundtable/domain';
import { reconcileMetrics, refreshMetrics } from '@roundtable/server-metrics';
import {
  buildMetricsWorld,
  MetricsWorld,
  separateTestDatabase,
  SmtpSink,
  startSmtpSink,
  TEST_DATABASE_URL,
  TestContext,
  until,
} from '@roundtable/server-testing';
import { DataSource } from 'typeorm';
import { startWorker } from './support';

// The worker rebuilds every marked slice of its database, and the reconcile compares all of them: this file has a
// database of its own, so what it counts and repairs is only its own.
let database: Awaited<ReturnType<typeof separateTestDatabase>>;
let sink: SmtpSink;
let worker: TestContext;
let db: DataSource;
let w: MetricsWorld;

beforeAll(async () => {
  database = await separateTestDatabase(TEST_DATABASE_URL, 'worker_metrics');
  sink = await startSmtpSink();
  worker = await startWorker(database.url, sink, { METRICS_REFRESH_MS: '300' });
  db = worker.db;
  w = await buildMetricsWorld(worker.fixtures);
}, 30_000);

afterAll(async () => {
  await worker?.close();
  await sink?.close();
  await database?.drop();
});

interface SliceFigures {
  month: string;
  scheduled: number;
  held: number;
  booked: number;
  confirmed: number;
  attended: number;
  present: number;
}

/** The summaries of group 1, month by month, as the routes would add them up. */
const group1 = (): Promise<SliceFigures[]> =>
  db.query(
    `SELECT to_char(gm.month, 'YYYY-MM') AS month, gm.sessions_scheduled AS scheduled, gm.sessions_held AS held,
            coalesce(sum(mp.booked), 0)::int AS booked, coalesce(sum(mp.confirmed), 0)::int AS confirmed,
            coalesce(sum(mp.attended), 0)::int AS attended, coalesce(sum(mp.present), 0)::int AS present
       FROM metrics_group_month gm
       LEFT JOIN metrics_participation mp ON mp.group_id = gm.group_id AND mp.month = gm.month
      WHERE gm.group_id = $1
      GROUP BY gm.month, gm.sessions_scheduled, gm.sessions_held
      ORDER BY gm.month`,
    [w.group1.id],
  );

const clean = async () => {
  const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM metrics_dirty`)) as { count: number }[];
  return count === 0;
};

// Group 1 as buildMetricsWorld makes it: m1 in March; m2 (31 March 23:30 UTC) in April; m3 cancelled; m4 not held.
const GROUP_1 = [
  { month: '2026-03', scheduled: 1, held: 1, booked: 3, confirmed: 3, attended: 2, present: 2 },
  { month: '2026-04', scheduled: 1, held: 1, booked: 3, confirmed: 2, attended: 2, present: 2 },
  { month: '2026-05', scheduled: 1, held: 0, booked: 0, confirmed: 0, attended: 0, present: 0 },
];

describe('the metrics worker', () => {
  it('rebuilds the slices changes mark, within seconds, and leaves no mark behind', async () => {
    await until(
      'the summaries to be built',
      async () => (await clean()) && JSON.stringify(await group1()) === JSON.stringify(GROUP_1),
    );
    expect(await group1()).toEqual(GROUP_1);

    // a2's no-show at m1 corrected to present; a3's waitlisted booking at m2 given a seat (no attendance: not attended).
    await db.query(`UPDATE attendance SET status = 'present' WHERE meeting_id = $1 AND user_id = $2`, [w.m1.id, w.a2.user.id]);
    await db.query(`UPDATE booking SET status = 'confirmed', queue_number = NULL WHERE meeting_id = $1 AND user_id = $2`, [
      w.m2.id,
      w.a3.user.id,
    ]);
    const expected = [{ ...GROUP_1[0], attended: 3, present: 3 }, { ...GROUP_1[1], confirmed: 3 }, GROUP_1[2]];
    await until('the change to show', async () => JSON.stringify(await group1()) === JSON.stringify(expected), 10_000);
    await until('the marks to be cleared', clean, 10_000);
  });

  it('moves every session to its new month when the programme’s zone changes', async () => {
    // In UTC, m2 (31 March 23:30 UTC) is a March session.
    await db.query(`UPDATE programme SET timezone = 'UTC' WHERE id = $1`, [w.programme.id]);
    await until(
      'the months to follow the zone',
      async () => {
        const months = await group1();
        return months.length === 2 && months[0].month === '2026-03' && months[0].held === 2 && months;
      },
      10_000,
    );
    expect((await group1()).map((m) => [m.month, m.scheduled, m.held])).toEqual([
      ['2026-03', 2, 2],
      ['2026-05', 1, 0],
    ]);
    await db.query(`UPDATE programme SET timezone = 'Europe/London' WHERE id = $1`, [w.programme.id]);
    await until('the months to move back', async () => (await group1()).length === 3, 10_000);
  });

  it('rebuilds the same slices from several workers at once without a duplicate or a lost row', async () => {
    await until('the marks to be cleared', clean, 10_000);
    const before = await db.query(
      `SELECT * FROM metrics_participation ORDER BY group_id, month, local_authority_code, sic_section, employee_band`,
    );
    const marked = async () =>
      db.query(
        `INSERT INTO metrics_dirty (group_id, month) SELECT group_id, month FROM metrics_group_month ON CONFLICT DO NOTHING`,
      );
    await Promise.all([marked(), marked(), marked()]);
    await Promise.all(Array.from({ length: 6 }, (_, i) => refreshMetrics(db, i + 1)));
    const after = await db.query(
      `SELECT * FROM metrics_participation ORDER BY group_id, month, local_authority_code, sic_section, employee_band`,
    );
    const strip = (rows: { id: string }[]) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
    expect(await clean()).toBe(true);
  });

  it('reconciles: finds a summary row changed by hand and a row deleted, records them, and repairs both', async () => {
    await until('the marks to be cleared', clean, 10_000);
    const right = await group1();
    await db.query(
      `UPDATE metrics_participation SET attended = attended - 1, present = present + 7
        WHERE id = (SELECT id FROM metrics_participation WHERE group_id = $1 AND month = '2026-03-01' AND attended > 0 LIMIT 1)`,
      [w.group1.id],
    );
    await db.query(`DELETE FROM metrics_group_month WHERE group_id = $1 AND month = '2026-05-01'`, [w.group1.id]);
    expect(await group1()).not.toEqual(right);

    const run = await reconcileMetrics(db);
    expect(run).toMatchObject({ slicesRepaired: 2, rowsWrong: 1, rowsMissing: 2 });
    expect(run.slicesChecked).toBeGreaterThanOrEqual(4);
    expect(run.repaired).toEqual([
      { groupId: w.group1.id, month: '2026-03-01' },
      { groupId: w.group1.id, month: '2026-05-01' },
    ]);
    expect(await group1()).toEqual(right);
    const [stored] = (await db.query(
      `SELECT slices_repaired, rows_wrong, rows_missing FROM metrics_reconcile_run WHERE id = $1`,
      [run.id],
    )) as { slices_repaired: number; rows_wrong: number; rows_missing: number }[];
    expect(stored).toEqual({ slices_repaired: 2, rows_wrong: 1, rows_missing: 2 });

    const again = await reconcileMetrics(db);
    expect(again).toMatchObject({ slicesRepaired: 0, rowsWrong: 0, rowsMissing: 0, repaired: [] });
  });

  it('rebuilds a group’s member rows when a firm leaves it, and reconciles a member row changed by hand', async () => {
    await until('the marks to be cleared', clean, 10_000);
    const member = async (userId: string) =>
      (
        (await db.query(`SELECT sessions_attended, dropped_out FROM metrics_member WHERE group_id = $1 AND user_id = $2`, [
          w.group1.id,
          userId,
        ])) as { sessions_attended: number; dropped_out: boolean }[]
      )[0];
    // b1 came to m1 only and has missed one session since: not dropped out until firm B leaves the group.
    expect(await member(w.b1.user.id)).toEqual({ sessions_attended: 1, dropped_out: false });
    await db.query(`UPDATE membership SET status = 'left', ended_at = now() WHERE group_id = $1 AND firm_id = $2`, [
      w.group1.id,
      w.firmB.id,
    ]);
    await until('b1 to have dropped out', async () => (await member(w.b1.user.id)).dropped_out, 10_000);
    await until('the marks to be cleared', clean, 10_000);

    const right = await member(w.a1.user.id);
    await db.query(`UPDATE metrics_member SET sessions_attended = sessions_attended + 5 WHERE group_id = $1 AND user_id = $2`, [
      w.group1.id,
      w.a1.user.id,
    ]);
    const run = await reconcileMetrics(db);
    // a1's row is filed under the month of their first session (m1, March).
    expect(run).toMatchObject({
      slicesRepaired: 1,
      rowsWrong: 1,
      rowsMissing: 1,
      repaired: [{ groupId: w.group1.id, month: '2026-03-01' }],
    });
    expect(await member(w.a1.user.id)).toEqual(right);
    expect(await reconcileMetrics(db)).toMatchObject({ slicesRepaired: 0, rowsWrong: 0, rowsMissing: 0 });
  });

  it('rebuilds action rows when a commitment is done, and reconciles an action row and a histogram row changed by hand', async () => {
    await until('the marks to be cleared', clean, 10_000);
    const group2 = async () => ({
      actions: (await db.query(`SELECT made, done, due_for_review FROM metrics_actions WHERE group_id = $1`, [
        w.group2.id,
      ])) as object[],
      days: (
        (await db.query(`SELECT days, commitments FROM metrics_action_days WHERE group_id = $1 ORDER BY days`, [
          w.group2.id,
        ])) as { days: number; commitments: number }[]
      ).map((r) => [r.days, r.commitments]),
    });
    // k8 done on 27 March, 7 days after m5; k9 still open.
    expect(await group2()).toEqual({ actions: [{ made: 2, done: 1, due_for_review: 0 }], days: [[7, 1]] });
    await db.transaction(async (em) => {
      await em.query(`UPDATE action_commitment SET status = 'done' WHERE id = $1`, [w.k.k9]);
      await em.query(
        `INSERT INTO commitment_revision (commitment_id, status, changed_at) VALUES ($1, 'done', '2026-03-23T09:00:00Z')`,
        [w.k.k9],
      );
    });
    const done = {
      actions: [{ made: 2, done: 2, due_for_review: 0 }],
      days: [
        [3, 1],
        [7, 1],
      ],
    };
    await until('k9 to be counted done in 3 days', async () => JSON.stringify(await group2()) === JSON.stringify(done), 10_000);
    await until('the marks to be cleared', clean, 10_000);

    await db.query(`UPDATE metrics_actions SET done = done - 1 WHERE group_id = $1`, [w.group2.id]);
    await db.query(`DELETE FROM metrics_action_days WHERE group_id = $1 AND days = 3`, [w.group2.id]);
    const run = await reconcileMetrics(db);
    expect(run).toMatchObject({
      slicesRepaired: 1,
      rowsWrong: 1,
      rowsMissing: 2,
      repaired: [{ groupId: w.group2.id, month: '2026-03-01' }],
    });
    expect(await group2()).toEqual(done);
    expect(await reconcileMetrics(db)).toMatchObject({ slicesRepaired: 0, rowsWrong: 0, rowsMissing: 0 });
  });

  it('rebuilds satisfaction rows when feedback is given, and reconciles a satisfaction row changed by hand', async () => {
    await until('the marks to be cleared', clean, 10_000);
    const march = async () =>
      (
        (await db.query(
          `SELECT sum(responses)::int AS responses, sum(usefulness_1)::int AS u1, sum(usefulness_3)::int AS u3,
                  sum(usefulness_4)::int AS u4, sum(usefulness_5)::int AS u5, sum(promoters)::int AS promoters,
                  sum(passives)::int AS passives, sum(detractors)::int AS detractors
             FROM metrics_satisfaction WHERE group_id = $1 AND month = '2026-03-01'`,
          [w.group1.id],
        )) as object[]
      )[0];
    // m1: a1 (5, 10), b1 (3, 6), and a2 (1, 0), counted since the first test corrected a2's no-show to present.
    const before = { responses: 3, u1: 1, u3: 1, u4: 0, u5: 1, promoters: 1, passives: 0, detractors: 2 };
    expect(await march()).toEqual(before);
    await db.query(`INSERT INTO feedback (meeting_id, user_id, usefulness, would_recommend) VALUES ($1, $2, 4, 8)`, [
      w.m1.id,
      w.a3.user.id,
    ]);
    const given = { ...before, responses: 4, u4: 1, passives: 1 };
    await until('a3’s feedback to be counted', async () => JSON.stringify(await march()) === JSON.stringify(given), 10_000);
    await until('the marks to be cleared', clean, 10_000);

    await db.query(
      `UPDATE metrics_satisfaction SET promoters = promoters + 1, detractors = detractors - 1
        WHERE id = (SELECT id FROM metrics_satisfaction WHERE group_id = $1 AND month = '2026-03-01' AND detractors > 0 LIMIT 1)`,
      [w.group1.id],
    );
    expect(await march()).not.toEqual(given);
    const run = await reconcileMetrics(db);
    expect(run).toMatchObject({
      slicesRepaired: 1,
      rowsWrong: 1,
      rowsMissing: 1,
      repaired: [{ groupId: w.group1.id, month: '2026-03-01' }],
    });
    expect(await march()).toEqual(given);
    expect(await reconcileMetrics(db)).toMatchObject({ slicesRepaired: 0, rowsWrong: 0, rowsMissing: 0 });
  });

  it('gives each SIC division the section libs/domain gives it', async () => {
    const codes = Array.from({ length: 100 }, (_, d) => `${String(d).padStart(2, '0')}120`);
    const rows: { code: string; section: string | null }[] = await db.query(
      `SELECT code, metrics_sic_section(code) AS section FROM unnest($1::text[]) AS code`,
      [[...codes, '6201', 'abcde']],
    );
    expect(rows.map((r) => [r.code, r.section])).toEqual([...codes, '6201', 'abcde'].map((code) => [code, sicSection(code)]));
  });
});
