import { Injectable } from '@nestjs/common';
import { Actor } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { ActionFiguresDto, ActionMetricsDto } from './dto/action-metrics.dto';
import { ParticipationMetricsQueryDto } from './dto/participation-metrics.dto';
import { filterParams, firmWhere, metricsScope, ratio, seriesMonths, sliceWhere } from './metrics-query';

const COUNTS = ['commitments', 'attendances', 'dueForReview', 'reviewed', 'done', 'partly', 'dropped'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

/** Whole days to done → how many commitments took that long. */
export type DaysHistogram = Map<number, number>;

/**
 * Action-learning figures, read from the action summaries and the days-to-done histograms the metrics worker keeps
 * (docs/metrics.md); attendances from the participation summary, under the same filters.
 */
@Injectable()
export class ActionMetricsService {
  constructor(private readonly db: DataSource) {}

  async actions(actor: Actor, query: ParticipationMetricsQueryDto): Promise<ActionMetricsDto> {
    const params = filterParams(query, await metricsScope(this.db, actor, query));
    const where = (t: string) => `${sliceWhere(t)} AND ${firmWhere(t)}`;
    const [attendances, actions, days] = await Promise.all([
      this.db.query(
        `SELECT to_char(mp.month, 'YYYY-MM') AS month, sum(mp.present + mp.late)::int AS attendances
           FROM metrics_participation mp WHERE ${where('mp')} GROUP BY mp.month`,
        params,
      ) as Promise<{ month: string; attendances: number }[]>,
      this.db.query(
        `SELECT to_char(ma.month, 'YYYY-MM') AS month, sum(ma.made)::int AS commitments,
                sum(ma.due_for_review)::int AS "dueForReview", sum(ma.reviewed)::int AS reviewed,
                sum(ma.done)::int AS done, sum(ma.partly)::int AS partly, sum(ma.dropped)::int AS dropped
           FROM metrics_actions ma WHERE ${where('ma')} GROUP BY ma.month`,
        params,
      ) as Promise<(Partial<Counts> & { month: string })[]>,
      this.db.query(
        `SELECT to_char(md.month, 'YYYY-MM') AS month, md.days, sum(md.commitments)::int AS commitments
           FROM metrics_action_days md WHERE ${where('md')} GROUP BY md.month, md.days`,
        params,
      ) as Promise<{ month: string; days: number; commitments: number }[]>,
    ]);
    const byMonth = new Map<string, Partial<Counts>>();
    for (const row of [...attendances, ...actions]) byMonth.set(row.month, { ...byMonth.get(row.month), ...row });
    const histograms = new Map<string, DaysHistogram>();
    for (const row of days) {
      const histogram = histograms.get(row.month) ?? new Map<number, number>();
      histograms.set(row.month, histogram.set(row.days, row.commitments));
    }
    const { from, to, months } = seriesMonths(query, [...byMonth.keys(), ...histograms.keys()]);
    const series = months.map((month) => ({
      month,
      ...figures(byMonth.get(month) ?? {}, histograms.get(month) ?? new Map()),
    }));
    const all = new Map<number, number>();
    for (const row of days) all.set(row.days, (all.get(row.days) ?? 0) + row.commitments);
    const totals = figures(Object.fromEntries(COUNTS.map((k) => [k, series.reduce((sum, m) => sum + m[k], 0)])), all);
    return { programmeId: query.programmeId ?? null, from, to, totals, months: series };
  }
}

function figures(counts: Partial<Counts>, histogram: DaysHistogram): ActionFiguresDto {
  const all = Object.fromEntries(COUNTS.map((k) => [k, counts[k] ?? 0])) as Counts;
  const withOutcome = all.done + all.partly + all.dropped;
  const doneTimed = [...histogram.values()].reduce((sum, n) => sum + n, 0);
  return {
    ...all,
    commitmentsPerMemberSession: ratio(all.commitments, all.attendances),
    shareReviewed: ratio(all.reviewed, all.dueForReview),
    withOutcome,
    shareDone: ratio(all.done, withOutcome),
    sharePartly: ratio(all.partly, withOutcome),
    shareDropped: ratio(all.dropped, withOutcome),
    doneTimed,
    medianDaysToDone: median(histogram),
  };
}

/** The exact median of a histogram: the middle value, or the mean of the two middle values; null when empty. */
export function median(histogram: DaysHistogram): number | null {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // The values at (1-based) positions lower and upper; equal when the total is odd.
  const lower = Math.floor((total + 1) / 2);
  const upper = Math.floor(total / 2) + 1;
  let seen = 0;
  let low: number | null = null;
  for (const [days, n] of entries) {
    seen += n;
    if (low === null && seen >= lower) low = days;
    if (seen >= upper) return ((low ?? days) + days) / 2;
  }
  return low;
}
