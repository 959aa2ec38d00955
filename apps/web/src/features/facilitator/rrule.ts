import type { MessageId } from '../../i18n';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Which weekday of the month: the first to the fourth, or the last (-1). */
export const ORDINALS = [1, 2, 3, 4, -1] as const;
export type Ordinal = (typeof ORDINALS)[number];
export const MAX_SESSIONS = 60;

/** What the person chose in the series form, before it becomes an RRULE. */
export interface SeriesChoice {
  frequency: 'weekly' | 'monthly';
  /** Every n weeks or months. */
  interval: number;
  /** Weekly: the days it meets on. */
  weekdays: Weekday[];
  /** Monthly: by a weekday of the month ("first Tuesday") or by a date ("the 15th"). */
  monthlyBy: 'weekday' | 'date';
  ordinal: Ordinal;
  weekday: Weekday;
  monthDay: number;
  /** How many sessions. */
  count: number;
}

export const defaultSeriesChoice = (): SeriesChoice => ({
  frequency: 'monthly',
  interval: 1,
  weekdays: ['TU'],
  monthlyBy: 'weekday',
  ordinal: 1,
  weekday: 'TU',
  monthDay: 1,
  count: 12,
});

export type RruleResult = { rrule: string; error?: undefined } | { rrule?: undefined; error: MessageId };

/**
 * The RRULE (RFC 5545) for a choice, or why the choice cannot make one. Only the rule is built here: the
 * dates it gives are expanded by the API (preview and creation share one expansion), never in the browser.
 */
export function buildRrule(choice: SeriesChoice): RruleResult {
  if (!Number.isInteger(choice.count) || choice.count < 1 || choice.count > MAX_SESSIONS) {
    return { error: 'facilitator.series.error.count' };
  }
  if (!Number.isInteger(choice.interval) || choice.interval < 1 || choice.interval > 12) {
    return { error: 'facilitator.series.error.interval' };
  }
  const parts = [`FREQ=${choice.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`];
  if (choice.interval > 1) parts.push(`INTERVAL=${choice.interval}`);
  if (choice.frequency === 'weekly') {
    if (choice.weekdays.length === 0) return { error: 'facilitator.series.error.noWeekday' };
    parts.push(`BYDAY=${WEEKDAYS.filter((d) => choice.weekdays.includes(d)).join(',')}`);
  } else if (choice.monthlyBy === 'weekday') {
    parts.push(`BYDAY=${choice.ordinal}${choice.weekday}`);
  } else {
    if (!Number.isInteger(choice.monthDay) || choice.monthDay < 1 || choice.monthDay > 31) {
      return { error: 'facilitator.series.error.monthDay' };
    }
    // Months without that date would be skipped silently, leaving a gap nobody asked for.
    if (choice.monthDay > 28) return { error: 'facilitator.series.error.monthDayMissing' };
    parts.push(`BYMONTHDAY=${choice.monthDay}`);
  }
  parts.push(`COUNT=${choice.count}`);
  return { rrule: parts.join(';') };
}
