import { MetricsReconcileRunEntity } from '@roundtable/server-data';
import { DataSource } from 'typeorm';
import { ACTION_COLUMNS, ACTION_DAYS_COLUMNS, actionDayRows, actionRows } from './action-sql';
import { GROUP_MONTH_COLUMNS, groupMonthRows, PARTICIPATION_COLUMNS, participationRows } from './participation-sql';
import { MetricsSlice, refreshMetrics } from './refresh';
import { MEMBER_COLUMNS, memberRows } from './retention-sql';
import { SATISFACTION_COLUMNS, satisfactionRows } from './satisfaction-sql';

interface Difference {
  group_id: string;
  month: string;
  wrong: number;
  missing: number;
}

/** How many repaired slices a run's record lists. */
const LISTED = 100;

/**
 * Recomputes every summary from the base tables and compares, row by row, in one REPEATABLE READ snapshot: in a
 * snapshot each slice either has a mark waiting (a change the worker has not rebuilt yet, so it may differ) or must
 * match exactly, because a mark commits with its change and is deleted with the rebuild. A slice that differs with
 * no mark waiting is a defect (a change a trigger missed, a hand edit): it is recorded, logged by the caller, and
 * repaired by marking it and rebuilding it the ordinary way.
 */
export async function reconcileMetrics(db: DataSource): Promise<MetricsReconcileRunEntity> {
  const startedAt = new Date();
  const { checked, differences } = await db.transaction('REPEATABLE READ', async (em) => {
    await em.query(`CREATE TEMP TABLE expected_group_month ON COMMIT DROP AS ${groupMonthRows(false)}`);
    await em.query(`CREATE TEMP TABLE expected_participation ON COMMIT DROP AS ${participationRows(false)}`);
    await em.query(`CREATE TEMP TABLE expected_member ON COMMIT DROP AS ${memberRows(false)}`);
    await em.query(`CREATE TEMP TABLE expected_actions ON COMMIT DROP AS ${actionRows(false)}`);
    await em.query(`CREATE TEMP TABLE expected_action_days ON COMMIT DROP AS ${actionDayRows(false)}`);
    await em.query(`CREATE TEMP TABLE expected_satisfaction ON COMMIT DROP AS ${satisfactionRows(false)}`);
    const [{ count }] = (await em.query(
      `SELECT count(*)::int AS count FROM (SELECT group_id, month FROM expected_group_month
                                           UNION SELECT group_id, month FROM metrics_group_month
                                           UNION SELECT group_id, month FROM metrics_participation
                                           UNION SELECT group_id, month FROM expected_member
                                           UNION SELECT group_id, month FROM metrics_member
                                           UNION SELECT group_id, month FROM expected_actions
                                           UNION SELECT group_id, month FROM metrics_actions
                                           UNION SELECT group_id, month FROM expected_action_days
                                           UNION SELECT group_id, month FROM metrics_action_days
                                           UNION SELECT group_id, month FROM expected_satisfaction
                                           UNION SELECT group_id, month FROM metrics_satisfaction) s`,
    )) as { count: number }[];
    const rows: Difference[] = await em.query(
      `WITH wrong AS (
         (SELECT ${GROUP_MONTH_COLUMNS} FROM metrics_group_month EXCEPT ALL SELECT ${GROUP_MONTH_COLUMNS} FROM expected_group_month)),
       missing AS (
         (SELECT ${GROUP_MONTH_COLUMNS} FROM expected_group_month EXCEPT ALL SELECT ${GROUP_MONTH_COLUMNS} FROM metrics_group_month)),
       wrong_people AS (
         (SELECT ${PARTICIPATION_COLUMNS} FROM metrics_participation EXCEPT ALL SELECT ${PARTICIPATION_COLUMNS} FROM expected_participation)),
       missing_people AS (
         (SELECT ${PARTICIPATION_COLUMNS} FROM expected_participation EXCEPT ALL SELECT ${PARTICIPATION_COLUMNS} FROM metrics_participation)),
       wrong_members AS (
         (SELECT ${MEMBER_COLUMNS} FROM metrics_member EXCEPT ALL SELECT ${MEMBER_COLUMNS} FROM expected_member)),
       missing_members AS (
         (SELECT ${MEMBER_COLUMNS} FROM expected_member EXCEPT ALL SELECT ${MEMBER_COLUMNS} FROM metrics_member)),
       wrong_actions AS (
         (SELECT ${ACTION_COLUMNS} FROM metrics_actions EXCEPT ALL SELECT ${ACTION_COLUMNS} FROM expected_actions)),
       missing_actions AS (
         (SELECT ${ACTION_COLUMNS} FROM expected_actions EXCEPT ALL SELECT ${ACTION_COLUMNS} FROM metrics_actions)),
       wrong_days AS (
         (SELECT ${ACTION_DAYS_COLUMNS} FROM metrics_action_days EXCEPT ALL SELECT ${ACTION_DAYS_COLUMNS} FROM expected_action_days)),
       missing_days AS (
         (SELECT ${ACTION_DAYS_COLUMNS} FROM expected_action_days EXCEPT ALL SELECT ${ACTION_DAYS_COLUMNS} FROM metrics_action_days)),
       wrong_satisfaction AS (
         (SELECT ${SATISFACTION_COLUMNS} FROM metrics_satisfaction EXCEPT ALL SELECT ${SATISFACTION_COLUMNS} FROM expected_satisfaction)),
       missing_satisfaction AS (
         (SELECT ${SATISFACTION_COLUMNS} FROM expected_satisfaction EXCEPT ALL SELECT ${SATISFACTION_COLUMNS} FROM metrics_satisfaction)),
       differing AS (
         SELECT group_id, month, 1 AS wrong, 0 AS missing, false AS whole_group FROM wrong
         UNION ALL SELECT group_id, month, 0, 1, false FROM missing
         UNION ALL SELECT group_id, month, 1, 0, false FROM wrong_people
         UNION ALL SELECT group_id, month, 0, 1, false FROM missing_people
         UNION ALL SELECT group_id, month, 1, 0, true FROM wrong_members
         UNION ALL SELECT group_id, month, 0, 1, true FROM missing_members
         UNION ALL SELECT group_id, month, 1, 0, true FROM wrong_actions
         UNION ALL SELECT group_id, month, 0, 1, true FROM missing_actions
         UNION ALL SELECT group_id, month, 1, 0, true FROM wrong_days
         UNION ALL SELECT group_id, month, 0, 1, true FROM missing_days
         UNION ALL SELECT group_id, month, 1, 0, false FROM wrong_satisfaction
         UNION ALL SELECT group_id, month, 0, 1, false FROM missing_satisfaction)
       SELECT d.group_id, to_char(d.month, 'YYYY-MM-DD') AS month, sum(d.wrong)::int AS wrong, sum(d.missing)::int AS missing
         FROM differing d
        -- Member and action rows are rebuilt with any slice of their group, so a mark on any month of it is pending for them.
        WHERE NOT EXISTS (SELECT 1 FROM metrics_dirty md
                           WHERE md.group_id = d.group_id AND (md.month = d.month OR d.whole_group))
        GROUP BY d.group_id, d.month
        ORDER BY d.month, d.group_id`,
    );
    return { checked: count, differences: rows };
  });
  const repaired: MetricsSlice[] = differences.map((d) => ({ groupId: d.group_id, month: d.month }));
  if (repaired.length > 0) {
    await db.query(
      `INSERT INTO metrics_dirty (group_id, month) SELECT * FROM unnest($1::uuid[], $2::date[]) ON CONFLICT DO NOTHING`,
      [repaired.map((s) => s.groupId), repaired.map((s) => s.month)],
    );
    await refreshMetrics(db);
  }
  return db.manager.save(
    db.manager.create(MetricsReconcileRunEntity, {
      startedAt,
      finishedAt: new Date(),
      slicesChecked: checked,
      rowsWrong: differences.reduce((n, d) => n + d.wrong, 0),
      rowsMissing: differences.reduce((n, d) => n + d.missing, 0),
      slicesRepaired: repaired.length,
      repaired: repaired.slice(0, LISTED),
    }),
  );
}
