/**
 * The participation summaries as the base tables say they should be: the one definition the worker's recompute
 * of marked slices and the nightly reconcile both use (docs/metrics.md has the definitions in words).
 *
 * With `slices`, only the slices (group, month) given as $1 (uuid[]) and $2 (date[]); without, every slice.
 */
function sessions(slices: boolean): string {
  if (!slices) {
    return `
    SELECT m.id, m.programme_id, m.group_id, metrics_month(m.starts_at, p.timezone) AS month, m.status, m.mode
      FROM meeting m JOIN programme p ON p.id = m.programme_id
     WHERE m.group_id IS NOT NULL AND m.status <> 'cancelled'`;
  }
  return `
    SELECT m.id, m.programme_id, m.group_id, s.month, m.status, m.mode
      FROM ${SLICE_SESSIONS}
     WHERE m.status <> 'cancelled'`;
}

/**
 * The sessions of the slices $1 (uuid[]) × $2 (date[]), as `s` (slice), `m` (meeting) and `p` (programme): each
 * slice drives an index range scan of meeting (group_id, starts_at) over its month widened by two days (a month
 * begins in the programme's zone, at most 14 hours either side of UTC, and the date is read in the session's zone),
 * then the exact month is checked. Each meeting matches one slice at most, as the slices are distinct.
 */
export const SLICE_SESSIONS = `(SELECT DISTINCT g, mo FROM unnest($1::uuid[], $2::date[]) AS u(g, mo)) s(group_id, month)
        JOIN meeting m ON m.group_id = s.group_id
                      AND m.starts_at >= s.month - 2 AND m.starts_at < (s.month + interval '1 month') + interval '2 days'
        JOIN programme p ON p.id = m.programme_id AND metrics_month(m.starts_at, p.timezone) = s.month`;

export const GROUP_MONTH_COLUMNS = 'programme_id, group_id, month, sessions_scheduled, sessions_held, hybrid_sessions_held';

/** Sessions per group and month: not cancelled, held (attendance taken, so completed), and held hybrid. */
export function groupMonthRows(slices: boolean): string {
  return `
    SELECT s.programme_id, s.group_id, s.month,
           count(*)::int AS sessions_scheduled,
           count(*) FILTER (WHERE s.status = 'completed')::int AS sessions_held,
           count(*) FILTER (WHERE s.status = 'completed' AND s.mode = 'hybrid')::int AS hybrid_sessions_held
      FROM (${sessions(slices)}) s
     GROUP BY s.programme_id, s.group_id, s.month`;
}

export const PARTICIPATION_COLUMNS =
  'programme_id, group_id, month, local_authority_code, sic_section, employee_band, booked, confirmed, waitlisted, ' +
  'attended, no_show_confirmed, present, late, apologies, no_show, hybrid_online, hybrid_in_person, hybrid_mode_unrecorded';

/**
 * Per group, month and firm dimensions, at held sessions: each person with a live (not cancelled) booking or an
 * attendance record counted once per session, by their booking and what was recorded for them. A person's firm
 * dimensions are the firm's as they are now.
 */
export function participationRows(slices: boolean): string {
  return `
    WITH held AS (SELECT * FROM (${sessions(slices)}) s WHERE s.status = 'completed'),
    facts AS (
      SELECT h.programme_id, h.group_id, h.month, h.mode AS session_mode,
             b.status AS booking, a.status AS attendance, a.mode AS attended_mode,
             f.local_authority_code, metrics_sic_section(f.sic_code)::varchar(1) AS sic_section, f.employee_band
        FROM held h
        CROSS JOIN LATERAL (SELECT b.user_id FROM booking b WHERE b.meeting_id = h.id AND b.status <> 'cancelled'
                            UNION
                            SELECT a.user_id FROM attendance a WHERE a.meeting_id = h.id) person
        JOIN app_user u ON u.id = person.user_id
        LEFT JOIN firm f ON f.id = u.firm_id
        LEFT JOIN booking b ON b.meeting_id = h.id AND b.user_id = person.user_id AND b.status <> 'cancelled'
        LEFT JOIN attendance a ON a.meeting_id = h.id AND a.user_id = person.user_id)
    SELECT programme_id, group_id, month, local_authority_code, sic_section, employee_band,
           count(*) FILTER (WHERE booking IS NOT NULL)::int AS booked,
           count(*) FILTER (WHERE booking = 'confirmed')::int AS confirmed,
           count(*) FILTER (WHERE booking = 'waitlisted')::int AS waitlisted,
           count(*) FILTER (WHERE booking = 'confirmed' AND attendance IN ('present', 'late'))::int AS attended,
           count(*) FILTER (WHERE booking = 'confirmed' AND attendance = 'no_show')::int AS no_show_confirmed,
           count(*) FILTER (WHERE attendance = 'present')::int AS present,
           count(*) FILTER (WHERE attendance = 'late')::int AS late,
           count(*) FILTER (WHERE attendance = 'apologies')::int AS apologies,
           count(*) FILTER (WHERE attendance = 'no_show')::int AS no_show,
           count(*) FILTER (WHERE session_mode = 'hybrid' AND attendance IN ('present', 'late') AND attended_mode = 'online')::int
             AS hybrid_online,
           count(*) FILTER (WHERE session_mode = 'hybrid' AND attendance IN ('present', 'late') AND attended_mode = 'in_person')::int
             AS hybrid_in_person,
           count(*) FILTER (WHERE session_mode = 'hybrid' AND attendance IN ('present', 'late') AND attended_mode IS NULL)::int
             AS hybrid_mode_unrecorded
      FROM facts
     GROUP BY programme_id, group_id, month, local_authority_code, sic_section, employee_band`;
}
