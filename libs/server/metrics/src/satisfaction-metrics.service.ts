import { Injectable } from '@nestjs/common';
import { Actor } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { ParticipationMetricsQueryDto } from './dto/participation-metrics.dto';
import { SatisfactionFiguresDto, SatisfactionMetricsDto } from './dto/satisfaction-metrics.dto';
import { filterParams, firmWhere, metricsScope, ratio, seriesMonths, sliceWhere } from './metrics-query';

const COUNTS = [
  'responses',
  'attendees',
  'usefulness1',
  'usefulness2',
  'usefulness3',
  'usefulness4',
  'usefulness5',
  'promoters',
  'passives',
  'detractors',
] as const;
export type SatisfactionCounts = Record<(typeof COUNTS)[number], number>;

/**
 * Satisfaction figures, read from the satisfaction summary the metrics worker keeps (docs/metrics.md); attendees
 * from the participation summary, under the same filters.
 */
@Injectable()
export class SatisfactionMetricsService {
  constructor(private readonly db: DataSource) {}

  async satisfaction(actor: Actor, query: ParticipationMetricsQueryDto): Promise<SatisfactionMetricsDto> {
    const params = filterParams(query, await metricsScope(this.db, actor, query));
    const where = (t: string) => `${sliceWhere(t)} AND ${firmWhere(t)}`;
    const [attendees, feedback] = await Promise.all([
      this.db.query(
        `SELECT to_char(mp.month, 'YYYY-MM') AS month, sum(mp.present + mp.late)::int AS attendees
           FROM metrics_participation mp WHERE ${where('mp')} GROUP BY mp.month`,
        params,
      ) as Promise<{ month: string; attendees: number }[]>,
      this.db.query(
        `SELECT to_char(ms.month, 'YYYY-MM') AS month, sum(ms.responses)::int AS responses,
                sum(ms.usefulness_1)::int AS usefulness1, sum(ms.usefulness_2)::int AS usefulness2,
                sum(ms.usefulness_3)::int AS usefulness3, sum(ms.usefulness_4)::int AS usefulness4,
                sum(ms.usefulness_5)::int AS usefulness5, sum(ms.promoters)::int AS promoters,
                sum(ms.passives)::int AS passives, sum(ms.detractors)::int AS detractors
           FROM metrics_satisfaction ms WHERE ${where('ms')} GROUP BY ms.month`,
        params,
      ) as Promise<(Partial<SatisfactionCounts> & { month: string })[]>,
    ]);
    const byMonth = new Map<string, Partial<SatisfactionCounts>>();
    for (const row of [...attendees, ...feedback]) byMonth.set(row.month, { ...byMonth.get(row.month), ...row });
    const { from, to, months } = seriesMonths(query, byMonth.keys());
    const counts = months.map((month) => countsOf(byMonth.get(month) ?? {}));
    const total = Object.fromEntries(COUNTS.map((k) => [k, counts.reduce((sum, c) => sum + c[k], 0)])) as SatisfactionCounts;
    return {
      programmeId: query.programmeId ?? null,
      from,
      to,
      totals: satisfactionFigures(total),
      months: months.map((month, i) => ({ month, ...satisfactionFigures(counts[i]) })),
    };
  }
}

const countsOf = (partial: Partial<SatisfactionCounts>) =>
  Object.fromEntries(COUNTS.map((k) => [k, partial[k] ?? 0])) as SatisfactionCounts;

/**
 * The figures from the counts, with the rounding of the per-session summary (`summariseFeedback` in libs/domain):
 * integer arithmetic up to the one division, halves away from zero.
 */
export function satisfactionFigures(c: SatisfactionCounts): SatisfactionFiguresDto {
  const usefulnessCounts = [c.usefulness1, c.usefulness2, c.usefulness3, c.usefulness4, c.usefulness5];
  const usefulnessTotal = usefulnessCounts.reduce((sum, n, i) => sum + n * (i + 1), 0);
  const n = c.responses;
  return {
    responses: n,
    attendees: c.attendees,
    responseRate: ratio(n, c.attendees),
    usefulnessCounts,
    meanUsefulness: n ? roundHalfAway((usefulnessTotal * 100) / n) / 100 : null,
    promoters: c.promoters,
    passives: c.passives,
    detractors: c.detractors,
    nps: n ? roundHalfAway(((c.promoters - c.detractors) * 100) / n) : null,
  };
}

function roundHalfAway(value: number): number {
  // `+ 0` turns the −0 of Math.sign(−0.4) × 0 into 0.
  return Math.sign(value) * Math.round(Math.abs(value)) + 0;
}
