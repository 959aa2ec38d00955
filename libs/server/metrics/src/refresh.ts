import { DataSource, EntityManager } from 'typeorm';
import { ACTION_COLUMNS, ACTION_DAYS_COLUMNS, actionDayRows, actionRows } from './action-sql';
import { GROUP_MONTH_COLUMNS, groupMonthRows, PARTICIPATION_COLUMNS, participationRows } from './participation-sql';
import { MEMBER_COLUMNS, memberRows } from './retention-sql';
import { SATISFACTION_COLUMNS, satisfactionRows } from './satisfaction-sql';

/** A group and a month (`YYYY-MM-01`, the first day in the programme's zone): the unit the summaries are rebuilt by. */
export interface MetricsSlice {
  groupId: string;
  month: string;
}

interface Mark {
  group_id: string;
  month: string;
  marked_by: string;
}

/** How many of the oldest marks one transaction claims first (their groups' other marks are then claimed with them). */
export const REFRESH_BATCH = 50;

/** At most this many marks of the claimed groups are taken on top of the first claim; the rest wait for a later pass. */
const GROUP_MARKS = 5000;

/**
 * Rebuilds the slices changes have marked, a batch (one transaction) at a time, until none is left; returns how
 * many slices were rebuilt. The marks are claimed with `FOR UPDATE SKIP LOCKED`, so several workers share the
 * work: the oldest `batch` marks, then the other marks of their groups, so that a group's whole-group summaries
 * (members, actions) are rebuilt once for all its marked months, not once per batch that holds one of them. The
 * slices are then locked (transaction advisory locks, in one order) so two workers never rebuild the same slice at
 * once, and each slice is deleted and inserted from the base tables in the transaction that deletes its marks. A
 * change committed after the marks were read has a mark of its own (one per transaction), left for the next pass;
 * the rebuild statements run after the claim, so they see every change whose mark was claimed.
 */
export async function refreshMetrics(db: DataSource, batch = REFRESH_BATCH): Promise<number> {
  let total = 0;
  for (let rebuilt = -1; rebuilt !== 0; total += rebuilt) {
    rebuilt = await db.transaction((em) => refreshBatch(em, batch));
  }
  return total;
}

async function refreshBatch(em: EntityManager, batch: number): Promise<number> {
  const oldest: Mark[] = await em.query(
    `SELECT group_id, to_char(month, 'YYYY-MM-DD') AS month, marked_by FROM metrics_dirty
      ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [batch],
  );
  if (oldest.length === 0) return 0;
  const rest: Mark[] = await em.query(
    `SELECT group_id, to_char(month, 'YYYY-MM-DD') AS month, marked_by FROM metrics_dirty
      WHERE group_id = ANY($1::uuid[]) AND NOT (group_id, month, marked_by) IN (SELECT * FROM unnest($1::uuid[], $2::date[], $3::bigint[]))
      LIMIT $4 FOR UPDATE SKIP LOCKED`,
    [oldest.map((m) => m.group_id), oldest.map((m) => m.month), oldest.map((m) => m.marked_by), GROUP_MARKS],
  );
  const marks = [...oldest, ...rest];
  const slices = [...new Map(marks.map((m) => [`${m.group_id}/${m.month}`, { groupId: m.group_id, month: m.month }])).values()];
  await rebuildSlices(em, slices);
  await em.query(
    `DELETE FROM metrics_dirty WHERE (group_id, month, marked_by) IN (SELECT * FROM unnest($1::uuid[], $2::date[], $3::bigint[]))`,
    [marks.map((m) => m.group_id), marks.map((m) => m.month), marks.map((m) => m.marked_by)],
  );
  return slices.length;
}

/**
 * Deletes and inserts the slices (participation and satisfaction) from the base tables, in the caller's transaction, holding each slice's lock; and
 * the member rows (retention) and action rows of their groups, whole, holding each group's lock too: a person's
 * completion and drop-out, and whether a commitment is due for review, depend on every month of the group, so two workers rebuilding different months of one group would
 * otherwise both insert its member rows. All the locks are taken in one order, so two batches never deadlock.
 */
export async function rebuildSlices(em: EntityManager, slices: MetricsSlice[]): Promise<void> {
  const params = [slices.map((s) => s.groupId), slices.map((s) => s.month)];
  const groups = [[...new Set(params[0])]];
  // The rebuild statements are many small index lookups; their cost estimates at national scale would otherwise
  // switch on JIT compilation, which takes longer than the statements themselves (docs/metrics.md, Performance).
  await em.query(`SET LOCAL jit = off`);
  await em.query(
    `SELECT pg_advisory_xact_lock(k) FROM (
       SELECT hashtextextended('metrics:' || g || ':' || m, 0) AS k FROM unnest($1::uuid[], $2::date[]) AS s(g, m)
       UNION SELECT hashtextextended('metrics-group:' || g, 0) FROM unnest($1::uuid[]) AS s(g)
       ORDER BY k) keys`,
    params,
  );
  const inSlices = `(group_id, month) IN (SELECT * FROM unnest($1::uuid[], $2::date[]))`;
  await em.query(`DELETE FROM metrics_group_month WHERE ${inSlices}`, params);
  await em.query(`DELETE FROM metrics_participation WHERE ${inSlices}`, params);
  await em.query(`INSERT INTO metrics_group_month (${GROUP_MONTH_COLUMNS}) ${groupMonthRows(true)}`, params);
  await em.query(`INSERT INTO metrics_participation (${PARTICIPATION_COLUMNS}) ${participationRows(true)}`, params);
  await em.query(`DELETE FROM metrics_satisfaction WHERE ${inSlices}`, params);
  await em.query(`INSERT INTO metrics_satisfaction (${SATISFACTION_COLUMNS}) ${satisfactionRows(true)}`, params);
  await em.query(`DELETE FROM metrics_member WHERE group_id = ANY($1::uuid[])`, groups);
  await em.query(`INSERT INTO metrics_member (${MEMBER_COLUMNS}) ${memberRows(true)}`, groups);
  await em.query(`DELETE FROM metrics_actions WHERE group_id = ANY($1::uuid[])`, groups);
  await em.query(`INSERT INTO metrics_actions (${ACTION_COLUMNS}) ${actionRows(true)}`, groups);
  await em.query(`DELETE FROM metrics_action_days WHERE group_id = ANY($1::uuid[])`, groups);
  await em.query(`INSERT INTO metrics_action_days (${ACTION_DAYS_COLUMNS}) ${actionDayRows(true)}`, groups);
}
