import { Injectable } from '@nestjs/common';
import { Actor } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { ParticipationMetricsQueryDto } from './dto/participation-metrics.dto';
import { RetentionCohortDto, RetentionFiguresDto, RetentionMetricsDto } from './dto/retention-metrics.dto';
import { filterParams, firmWhere, metricsScope, ratio, seriesMonths, sliceWhere } from './metrics-query';

type Counts = Omit<RetentionFiguresDto, 'completionRate'>;
const COUNTS = [
  'members',
  'completed',
  'decided',
  'droppedOut',
  'droppedAfter1',
  'droppedAfter2',
  'droppedAfter3',
  'atRisk',
] as const;

interface CurveRow {
  groupId: string;
  month: string;
  attended: number;
  members: number;
}

/** Completion, drop-out, at-risk and cohort retention, read from the per-member summary (docs/metrics.md). */
@Injectable()
export class RetentionMetricsService {
  constructor(private readonly db: DataSource) {}

  async retention(actor: Actor, query: ParticipationMetricsQueryDto): Promise<RetentionMetricsDto> {
    const params = filterParams(query, await metricsScope(this.db, actor, query));
    const where = `${sliceWhere('mm')} AND ${firmWhere('mm')}`;
    const [rows, curve] = await Promise.all([
      this.db.query(
        `SELECT to_char(mm.month, 'YYYY-MM') AS month, count(*)::int AS members,
                count(*) FILTER (WHERE mm.completed)::int AS completed, count(*) FILTER (WHERE mm.decided)::int AS decided,
                count(*) FILTER (WHERE mm.dropped_out)::int AS "droppedOut",
                count(*) FILTER (WHERE mm.dropped_out AND mm.sessions_attended = 1)::int AS "droppedAfter1",
                count(*) FILTER (WHERE mm.dropped_out AND mm.sessions_attended = 2)::int AS "droppedAfter2",
                count(*) FILTER (WHERE mm.dropped_out AND mm.sessions_attended = 3)::int AS "droppedAfter3",
                count(*) FILTER (WHERE mm.at_risk)::int AS "atRisk"
           FROM metrics_member mm WHERE ${where} GROUP BY mm.month`,
        params,
      ) as Promise<(Counts & { month: string })[]>,
      this.db.query(
        `SELECT mm.group_id AS "groupId", to_char(mm.month, 'YYYY-MM') AS month, mm.sessions_attended AS attended,
                count(*)::int AS members
           FROM metrics_member mm WHERE ${where}
          GROUP BY mm.group_id, mm.month, mm.sessions_attended`,
        params,
      ) as Promise<CurveRow[]>,
    ]);
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const { from, to, months } = seriesMonths(query, byMonth.keys());
    const series = months.map((month) => ({ month, ...figures(byMonth.get(month) ?? {}) }));
    const totals = figures(Object.fromEntries(COUNTS.map((k) => [k, series.reduce((sum, m) => sum + m[k], 0)])) as Counts);
    return { programmeId: query.programmeId ?? null, from, to, totals, months: series, cohorts: cohorts(curve) };
  }
}

function figures(counts: Partial<Counts>): RetentionFiguresDto {
  const all = Object.fromEntries(COUNTS.map((k) => [k, counts[k] ?? 0])) as Counts;
  return { ...all, completionRate: ratio(all.completed, all.decided) };
}

/** Per group and first month: how many attended at least k sessions, for k from 1 to the most anyone attended. */
export function cohorts(rows: CurveRow[]): RetentionCohortDto[] {
  const longest = rows.reduce((most, r) => Math.max(most, r.attended), 0);
  const byCohort = new Map<string, RetentionCohortDto>();
  for (const r of rows) {
    const key = `${r.month}/${r.groupId}`;
    const cohort = byCohort.get(key) ?? {
      groupId: r.groupId,
      month: r.month,
      members: 0,
      retained: new Array<number>(longest).fill(0),
      retentionRate: [],
    };
    cohort.members += r.members;
    for (let k = 1; k <= r.attended; k += 1) cohort.retained[k - 1] += r.members;
    byCohort.set(key, cohort);
  }
  return [...byCohort.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => ({ ...c, retentionRate: c.retained.map((n) => ratio(n, c.members)) }));
}
