/**
 * The action-learning summaries as the base tables say they should be (docs/metrics.md has the definitions in
 * words): per group, month and firm dimensions, the commitments made at the group's held sessions, and the
 * days-to-done histogram. A commitment is due for review once the group has held a later session, in any month, so
 * the worker rebuilds a group's rows whenever any slice of the group is rebuilt (with `slices`, the groups of
 * $1 uuid[]); the reconcile computes every row.
 */
function facts(slices: boolean): string {
  return `
    WITH made AS (
      SELECT c.id, c.status, c.reviewed_meeting_id, m.programme_id, m.group_id, m.starts_at, p.timezone,
             metrics_month(m.starts_at, p.timezone) AS month, u.firm_id
        FROM action_commitment c
        JOIN meeting m ON m.id = c.meeting_id AND m.group_id IS NOT NULL AND m.status = 'completed'
        JOIN programme p ON p.id = m.programme_id
        JOIN app_user u ON u.id = c.user_id
       ${slices ? 'WHERE m.group_id = ANY($1::uuid[])' : ''}),
    facts AS (
      SELECT mc.programme_id, mc.group_id, mc.month, mc.status,
             f.local_authority_code, metrics_sic_section(f.sic_code)::varchar(1) AS sic_section, f.employee_band,
             EXISTS (SELECT 1 FROM meeting later
                      WHERE later.group_id = mc.group_id AND later.status = 'completed' AND later.starts_at > mc.starts_at) AS due,
             mc.reviewed_meeting_id IS NOT NULL AS reviewed,
             -- Done on the date of the first revision of its last run of 'done' (an outcome edited later, still
             -- done, does not move it; done, then partly, then done again counts from the second).
             CASE WHEN mc.status = 'done' THEN (
               SELECT (min(r.changed_at) AT TIME ZONE mc.timezone)::date - (mc.starts_at AT TIME ZONE mc.timezone)::date
                 FROM commitment_revision r
                WHERE r.commitment_id = mc.id AND r.status = 'done'
                  AND r.changed_at > coalesce((SELECT max(o.changed_at) FROM commitment_revision o
                                                WHERE o.commitment_id = mc.id AND o.status <> 'done'), '-infinity'))
             END AS days_to_done
        FROM made mc LEFT JOIN firm f ON f.id = mc.firm_id)`;
}

const DIMENSIONS = 'programme_id, group_id, month, local_authority_code, sic_section, employee_band';

export const ACTION_COLUMNS = `${DIMENSIONS}, made, due_for_review, reviewed, done, partly, dropped`;

export function actionRows(slices: boolean): string {
  return `${facts(slices)}
    SELECT ${DIMENSIONS},
           count(*)::int AS made,
           count(*) FILTER (WHERE due)::int AS due_for_review,
           count(*) FILTER (WHERE due AND reviewed)::int AS reviewed,
           count(*) FILTER (WHERE status = 'done')::int AS done,
           count(*) FILTER (WHERE status = 'partly')::int AS partly,
           count(*) FILTER (WHERE status = 'dropped')::int AS dropped
      FROM facts
     GROUP BY ${DIMENSIONS}`;
}

export const ACTION_DAYS_COLUMNS = `${DIMENSIONS}, days, commitments`;

/** Done before the session's date (recorded ahead of it) counts as 0 days. */
export function actionDayRows(slices: boolean): string {
  return `${facts(slices)}
    SELECT ${DIMENSIONS}, greatest(days_to_done, 0) AS days, count(*)::int AS commitments
      FROM facts
     WHERE days_to_done IS NOT NULL
     GROUP BY ${DIMENSIONS}, greatest(days_to_done, 0)`;
}
