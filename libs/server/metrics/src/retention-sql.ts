/**
 * The retention summary as the base tables say it should be: one row per group and person who was recorded present
 * or late at one of the group's held sessions. The worker rebuilds a group's rows whenever any slice of the group is
 * rebuilt (with `slices`, the groups of $1 uuid[]); the reconcile computes every row (docs/metrics.md).
 */
export const MEMBER_COLUMNS =
  'programme_id, group_id, user_id, month, local_authority_code, sic_section, employee_band, sessions_attended, ' +
  'completed, decided, dropped_out, at_risk';

export function memberRows(slices: boolean): string {
  return `
    WITH held AS (
      SELECT m.id, m.programme_id, m.group_id, metrics_month(m.starts_at, p.timezone) AS month,
             p.completion_min_attended AS min_attended, p.completion_of_sessions AS of_sessions,
             row_number() OVER (PARTITION BY m.group_id ORDER BY m.starts_at, m.id) AS seq
        FROM meeting m JOIN programme p ON p.id = m.programme_id
       WHERE m.group_id IS NOT NULL AND m.status = 'completed' ${slices ? 'AND m.group_id = ANY($1::uuid[])' : ''}),
    last_held AS (SELECT group_id, max(seq) AS seq FROM held GROUP BY group_id),
    went AS (
      SELECT h.*, a.user_id, min(h.seq) OVER (PARTITION BY h.group_id, a.user_id) AS first_seq
        FROM held h JOIN attendance a ON a.meeting_id = h.id AND a.status IN ('present', 'late')),
    person AS (
      SELECT w.programme_id, w.group_id, w.user_id, min(w.min_attended) AS min_attended, min(w.of_sessions) AS of_sessions,
             min(w.first_seq) AS first_seq, max(w.seq) AS last_seq, count(*)::int AS attended,
             count(*) FILTER (WHERE w.seq < w.first_seq + w.of_sessions)::int AS in_window,
             (array_agg(w.month ORDER BY w.seq))[1] AS month
        FROM went w GROUP BY w.programme_id, w.group_id, w.user_id),
    judged AS (
      SELECT pe.*, f.local_authority_code, metrics_sic_section(f.sic_code)::varchar(1) AS sic_section, f.employee_band,
             pe.in_window >= pe.min_attended AS completed,
             l.seq - pe.first_seq + 1 >= pe.of_sessions AS window_over,
             l.seq - pe.last_seq AS missed_since,
             (u.firm_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM membership ms WHERE ms.group_id = pe.group_id AND ms.firm_id = u.firm_id AND ms.status = 'active'))
               AS left_group
        FROM person pe
        JOIN last_held l ON l.group_id = pe.group_id
        JOIN app_user u ON u.id = pe.user_id
        LEFT JOIN firm f ON f.id = u.firm_id)
    SELECT programme_id, group_id, user_id, month, local_authority_code, sic_section, employee_band,
           attended AS sessions_attended, completed, completed OR window_over AS decided,
           NOT completed AND (missed_since >= 3 OR left_group) AS dropped_out,
           NOT completed AND NOT (missed_since >= 3 OR left_group) AND missed_since >= 2 AS at_risk
      FROM judged`;
}
