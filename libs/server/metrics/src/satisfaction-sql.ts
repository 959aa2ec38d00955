import { SLICE_SESSIONS } from './participation-sql';

/**
 * The satisfaction summary as the base tables say it should be (docs/metrics.md has the definitions in words): per
 * group, month and firm dimensions, the feedback given at the group's held sessions by people recorded present or
 * late there, as counts per usefulness value and per recommendation band. Feedback from someone whose attendance
 * was since corrected (no-show, apologies) is left out, so responses never exceed attendees.
 *
 * With `slices`, only the slices (group, month) given as $1 (uuid[]) and $2 (date[]); without, every slice.
 */
export const SATISFACTION_COLUMNS =
  'programme_id, group_id, month, local_authority_code, sic_section, employee_band, responses, ' +
  'usefulness_1, usefulness_2, usefulness_3, usefulness_4, usefulness_5, promoters, passives, detractors';

export function satisfactionRows(slices: boolean): string {
  return `
    WITH facts AS (
      SELECT m.programme_id, m.group_id, metrics_month(m.starts_at, p.timezone) AS month, fb.usefulness, fb.would_recommend,
             f.local_authority_code, metrics_sic_section(f.sic_code)::varchar(1) AS sic_section, f.employee_band
        FROM ${
          slices
            ? `${SLICE_SESSIONS}
        JOIN feedback fb ON fb.meeting_id = m.id`
            : `feedback fb
        JOIN meeting m ON m.id = fb.meeting_id
        JOIN programme p ON p.id = m.programme_id`
        }
        JOIN attendance a ON a.meeting_id = fb.meeting_id AND a.user_id = fb.user_id AND a.status IN ('present', 'late')
        JOIN app_user u ON u.id = fb.user_id
        LEFT JOIN firm f ON f.id = u.firm_id
       WHERE m.group_id IS NOT NULL AND m.status = 'completed')
    SELECT programme_id, group_id, month, local_authority_code, sic_section, employee_band,
           count(*)::int AS responses,
           count(*) FILTER (WHERE usefulness = 1)::int AS usefulness_1,
           count(*) FILTER (WHERE usefulness = 2)::int AS usefulness_2,
           count(*) FILTER (WHERE usefulness = 3)::int AS usefulness_3,
           count(*) FILTER (WHERE usefulness = 4)::int AS usefulness_4,
           count(*) FILTER (WHERE usefulness = 5)::int AS usefulness_5,
           count(*) FILTER (WHERE would_recommend >= 9)::int AS promoters,
           count(*) FILTER (WHERE would_recommend BETWEEN 7 AND 8)::int AS passives,
           count(*) FILTER (WHERE would_recommend <= 6)::int AS detractors
      FROM facts
     GROUP BY programme_id, group_id, month, local_authority_code, sic_section, employee_band`;
}
