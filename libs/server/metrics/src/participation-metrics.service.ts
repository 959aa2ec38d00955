import { Injectable } from '@nestjs/common';
import { Actor } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { ParticipationFiguresDto, ParticipationMetricsDto, ParticipationMetricsQueryDto } from './dto/participation-metrics.dto';
import { filterParams, firmWhere, metricsScope, ratio, seriesMonths, sliceWhere } from './metrics-query';

type Counts = Omit<ParticipationFiguresDto, 'attendanceRate' | 'noShowRate'>;
type MonthRow = Partial<Counts> & { month: string };

const SESSION_COUNTS = ['sessionsScheduled', 'sessionsHeld', 'hybridSessionsHeld'] as const;
const PEOPLE_COUNTS = [
  'booked',
  'confirmed',
  'attended',
  'waitlisted',
  'confirmedNoShows',
  'present',
  'late',
  'apologies',
  'noShows',
  'hybridOnline',
  'hybridInPerson',
  'hybridModeUnrecorded',
] as const;

/**
 * Participation figures for the people who report them, read from the summaries the metrics worker keeps
 * (docs/metrics.md): every filter is a WHERE on a summary, never a scan of bookings or attendance.
 */
@Injectable()
export class ParticipationMetricsService {
  constructor(private readonly db: DataSource) {}

  async participation(actor: Actor, query: ParticipationMetricsQueryDto): Promise<ParticipationMetricsDto> {
    const groupsInScope = await metricsScope(this.db, actor, query);
    const firmFilter = Boolean(query.localAuthority || query.sicSection || query.employeeBand);
    const params = filterParams(query, groupsInScope);
    const [sessions, people] = await Promise.all([
      this.db.query(
        `SELECT to_char(gm.month, 'YYYY-MM') AS month, sum(gm.sessions_scheduled)::int AS "sessionsScheduled",
                sum(gm.sessions_held)::int AS "sessionsHeld", sum(gm.hybrid_sessions_held)::int AS "hybridSessionsHeld"
           FROM metrics_group_month gm
          WHERE ${sliceWhere('gm')}
            AND (NOT $10 OR EXISTS (SELECT 1 FROM metrics_participation mp
                                     WHERE mp.group_id = gm.group_id AND mp.month = gm.month AND ${firmWhere('mp')}))
          GROUP BY gm.month`,
        [...params, firmFilter],
      ) as Promise<MonthRow[]>,
      this.db.query(
        `SELECT to_char(mp.month, 'YYYY-MM') AS month, sum(mp.booked)::int AS booked, sum(mp.confirmed)::int AS confirmed,
                sum(mp.attended)::int AS attended, sum(mp.waitlisted)::int AS waitlisted,
                sum(mp.no_show_confirmed)::int AS "confirmedNoShows", sum(mp.present)::int AS present,
                sum(mp.late)::int AS late, sum(mp.apologies)::int AS apologies, sum(mp.no_show)::int AS "noShows",
                sum(mp.hybrid_online)::int AS "hybridOnline", sum(mp.hybrid_in_person)::int AS "hybridInPerson",
                sum(mp.hybrid_mode_unrecorded)::int AS "hybridModeUnrecorded"
           FROM metrics_participation mp
          WHERE ${sliceWhere('mp')} AND ${firmWhere('mp')}
          GROUP BY mp.month`,
        params,
      ) as Promise<MonthRow[]>,
    ]);
    const byMonth = new Map<string, MonthRow>();
    for (const row of [...sessions, ...people]) byMonth.set(row.month, { ...byMonth.get(row.month), ...row });
    const { from, to, months } = seriesMonths(query, byMonth.keys());
    const series = months.map((month) => ({ month, ...figures(byMonth.get(month) ?? {}) }));
    const totals = figures(
      Object.fromEntries(
        [...SESSION_COUNTS, ...PEOPLE_COUNTS].map((key) => [key, series.reduce((sum, m) => sum + m[key], 0)]),
      ) as Partial<Counts>,
    );
    return { programmeId: query.programmeId ?? null, from, to, totals, months: series };
  }
}

function figures(counts: Partial<Counts>): ParticipationFiguresDto {
  const n = (key: keyof Counts) => counts[key] ?? 0;
  const all = Object.fromEntries([...SESSION_COUNTS, ...PEOPLE_COUNTS].map((key) => [key, n(key)])) as Counts;
  return {
    ...all,
    attendanceRate: ratio(all.attended, all.confirmed),
    noShowRate: ratio(all.confirmedNoShows, all.confirmed),
  };
}
