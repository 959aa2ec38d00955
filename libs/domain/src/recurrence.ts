import { DateTime } from 'luxon';
import { Frequency, RRule, Weekday } from 'rrule';
import { EARLIEST_YEAR, instantToLocal, LATEST_YEAR, localToInstant, parseLocalDateTime } from './local-time';

export const MAX_SERIES_OCCURRENCES = 60;
/**
 * Every occurrence of a series falls within this many years of its first local start. The rule
 * is evaluated over that window only, whatever it says, so no rule costs more than examining
 * about EXPANSION_WINDOW_YEARS × 366 days (see MAX_EXAMINED_DAYS).
 */
export const EXPANSION_WINDOW_YEARS = 5;
/** The most days an expansion examines: the window, plus one period (at most a year) either side. */
export const MAX_EXAMINED_DAYS = (EXPANSION_WINDOW_YEARS + 2) * 366;
export const MAX_INTERVAL = 1000;
/** Live (not cancelled, not wholly past) series a group may have; open-event series per programme. */
export const MAX_LIVE_SERIES_PER_GROUP = 10;
export const MAX_LIVE_OPEN_SERIES_PER_PROGRAMME = 20;

export class RecurrenceError extends Error {}

export interface Occurrence {
  /** The UTC instant. */
  startsAt: Date;
  /** The local wall-clock start in the series' zone, e.g. 2027-03-02T09:30. */
  localStart: string;
}

/** What an expansion cost, for tests that prove the bound. */
export interface ExpansionStats {
  daysExamined: number;
}

type Freq = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY';
const FREQS: Partial<Record<Frequency, Freq>> = {
  [Frequency.YEARLY]: 'YEARLY',
  [Frequency.MONTHLY]: 'MONTHLY',
  [Frequency.WEEKLY]: 'WEEKLY',
  [Frequency.DAILY]: 'DAILY',
};

interface Rule {
  freq: Freq;
  interval: number;
  count: number | null;
  /** Floating (wall-clock) UNTIL, in ms. */
  until: number | null;
  byMonth: number[];
  byMonthDay: number[];
  /** Weekdays 0 = Monday … 6 = Sunday, without an ordinal. */
  byWeekday: number[];
  /** Weekdays with an ordinal: 1TU, -1FR. */
  byNthWeekday: Array<{ weekday: number; n: number }>;
  bySetPos: number[];
  wkst: number;
}

const list = <T>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);
const isInt = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Reads and checks an RRULE; every refusal names the part at fault. */
function parseRule(text: string, start: DateTime, zone: string): Rule {
  let options: ReturnType<typeof RRule.parseString>;
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!/^[A-Za-z0-9=;,:+-]+$/.test(body)) throw new RecurrenceError('rrule is not a valid RFC 5545 recurrence rule');
  try {
    options = RRule.parseString(body);
  } catch (err) {
    throw new RecurrenceError(`rrule is not a valid RFC 5545 recurrence rule${err instanceof Error ? `: ${err.message}` : ''}`);
  }
  const freq = options.freq === undefined ? undefined : FREQS[options.freq];
  if (!freq) throw new RecurrenceError('rrule FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  if (options.byhour != null || options.byminute != null || options.bysecond != null) {
    throw new RecurrenceError('rrule must not use BYHOUR, BYMINUTE or BYSECOND: the time comes from localStart');
  }
  if (options.byweekno != null || options.byyearday != null || options.byeaster != null) {
    throw new RecurrenceError(
      'rrule BYWEEKNO, BYYEARDAY and BYEASTER are not supported: use BYMONTH, BYMONTHDAY, BYDAY and BYSETPOS',
    );
  }
  if (options.dtstart || options.tzid)
    throw new RecurrenceError('rrule must not carry DTSTART or TZID: they come from localStart and timezone');
  if (options.count == null && !options.until) throw new RecurrenceError('rrule needs COUNT or UNTIL');
  // RFC 5545 3.3.10: with a DTSTART in a time zone, UNTIL is a UTC date-time. A floating or date-only UNTIL
  // would end the series on a day that depends on the zone, and calendar clients would disagree with us.
  const untilText = /(?:^|;)UNTIL=([^;]*)/i.exec(body)?.[1];
  if (untilText !== undefined && !/^\d{8}T\d{6}Z$/i.test(untilText)) {
    throw new RecurrenceError('rrule UNTIL must be a UTC date-time such as 20271231T235959Z');
  }
  if (options.count != null && options.until) throw new RecurrenceError('rrule must not have both COUNT and UNTIL');
  if (options.count != null && !isInt(options.count, 1, MAX_SERIES_OCCURRENCES)) {
    throw new RecurrenceError(`rrule COUNT must be a whole number from 1 to at most ${MAX_SERIES_OCCURRENCES}`);
  }
  const interval = options.interval ?? 1;
  if (!isInt(interval, 1, MAX_INTERVAL))
    throw new RecurrenceError(`rrule INTERVAL must be a whole number from 1 to ${MAX_INTERVAL}`);

  const byMonth = list(options.bymonth);
  if (!byMonth.every((m) => isInt(m, 1, 12))) throw new RecurrenceError('rrule BYMONTH values must be 1 to 12');
  const byMonthDay = list(options.bymonthday);
  if (!byMonthDay.every((d) => isInt(d, -31, 31) && d !== 0)) {
    throw new RecurrenceError('rrule BYMONTHDAY values must be 1 to 31 or -31 to -1');
  }
  if (byMonthDay.length && freq === 'WEEKLY')
    throw new RecurrenceError('rrule BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545)');
  const byWeekday: number[] = [];
  const byNthWeekday: Rule['byNthWeekday'] = [];
  for (const day of list(options.byweekday as Weekday | Weekday[] | number | number[] | null)) {
    const weekday = typeof day === 'number' ? day : day.weekday;
    const n = typeof day === 'number' ? undefined : day.n;
    if (!n) {
      byWeekday.push(weekday);
      continue;
    }
    if (freq !== 'MONTHLY' && freq !== 'YEARLY') {
      throw new RecurrenceError('rrule BYDAY may have a number (1MO, -1FR) only with FREQ=MONTHLY or YEARLY');
    }
    const most = freq === 'MONTHLY' || byMonth.length ? 5 : 53;
    if (!isInt(Math.abs(n), 1, most))
      throw new RecurrenceError(`rrule BYDAY numbers must be 1 to ${most} or -${most} to -1 here`);
    byNthWeekday.push({ weekday, n });
  }
  const bySetPos = list(options.bysetpos);
  if (!bySetPos.every((p) => isInt(p, -366, 366) && p !== 0)) {
    throw new RecurrenceError('rrule BYSETPOS values must be 1 to 366 or -366 to -1');
  }
  if (bySetPos.length && !byMonth.length && !byMonthDay.length && !byWeekday.length && !byNthWeekday.length) {
    throw new RecurrenceError('rrule BYSETPOS needs another BY part (BYDAY, BYMONTHDAY or BYMONTH) to choose from');
  }
  // The library reads COUNT=2.5 as 2 and an unknown WKST (WKST=XX) as none at all.
  const notWhole = /(?:^|;)(COUNT|INTERVAL)=(?!\d+(?:;|$))/i.exec(body);
  if (notWhole) throw new RecurrenceError(`rrule ${notWhole[1].toUpperCase()} must be a whole number`);
  if (/(^|;)WKST=/i.test(body) && !/(^|;)WKST=(MO|TU|WE|TH|FR|SA|SU)(;|$)/i.test(body)) {
    throw new RecurrenceError('rrule WKST must be one of MO, TU, WE, TH, FR, SA, SU');
  }
  const wkst = options.wkst == null ? 0 : typeof options.wkst === 'number' ? options.wkst : options.wkst.weekday;

  // The parts a rule leaves out come from its start, as RFC 5545 says (and rrule does).
  if (!byMonthDay.length && !byWeekday.length && !byNthWeekday.length) {
    if (freq === 'YEARLY') {
      if (!byMonth.length) byMonth.push(start.month);
      byMonthDay.push(start.day);
    } else if (freq === 'MONTHLY') {
      byMonthDay.push(start.day);
    } else if (freq === 'WEEKLY') {
      byWeekday.push(start.weekday - 1);
    }
  }
  let until: number | null = null;
  if (options.until) {
    if (Number.isNaN(options.until.getTime())) throw new RecurrenceError('rrule UNTIL is not a real date');
    // UNTIL is an instant (UTC); compare it as a wall-clock time in the series' zone.
    const local = DateTime.fromJSDate(options.until, { zone });
    until = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  }
  return { freq, interval, count: options.count ?? null, until, byMonth, byMonthDay, byWeekday, byNthWeekday, bySetPos, wkst };
}

// Days are counted from 1970-01-01 (day 0) on the proleptic Gregorian calendar, in floating time.
const MS_PER_DAY = 86_400_000;
const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / MS_PER_DAY;
const dateOf = (n: number) => new Date(n * MS_PER_DAY);
const weekdayOf = (n: number) => (dateOf(n).getUTCDay() + 6) % 7;
const daysInMonth = (year: number, month: number) => dayNumber(year, month + 1, 1) - dayNumber(year, month, 1);

/** The days of one period (a day, a week from WKST, a month, a year) a rule picks, before BYSETPOS. */
function candidates(rule: Rule, first: number, last: number, stats: ExpansionStats): number[] {
  const picked: number[] = [];
  // An ordinal weekday (2TU, -1FR) counts within the month for MONTHLY, or YEARLY with BYMONTH;
  // otherwise within the year.
  const nthScopeByMonth = rule.freq === 'MONTHLY' || rule.byMonth.length > 0;
  for (let n = first; n <= last; n++) {
    stats.daysExamined += 1;
    const date = dateOf(n);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    const weekday = weekdayOf(n);
    if (rule.byMonth.length && !rule.byMonth.includes(month)) continue;
    if (rule.byMonthDay.length) {
      const length = daysInMonth(year, month);
      if (!rule.byMonthDay.some((d) => (d > 0 ? d === day : length + d + 1 === day))) continue;
    }
    if (rule.byWeekday.length || rule.byNthWeekday.length) {
      const plain = rule.byWeekday.includes(weekday);
      const nth = rule.byNthWeekday.some(({ weekday: w, n: ordinal }) => {
        if (w !== weekday) return false;
        const scopeFirst = nthScopeByMonth ? dayNumber(year, month, 1) : dayNumber(year, 1, 1);
        const scopeLast = nthScopeByMonth ? dayNumber(year, month + 1, 0) : dayNumber(year, 12, 31);
        return ordinal > 0 ? Math.floor((n - scopeFirst) / 7) + 1 === ordinal : Math.floor((scopeLast - n) / 7) + 1 === -ordinal;
      });
      if (!plain && !nth) continue;
    }
    picked.push(n);
  }
  if (!rule.bySetPos.length) return picked;
  const chosen = rule.bySetPos
    .map((p) => (p > 0 ? picked[p - 1] : picked[picked.length + p]))
    .filter((n): n is number => n !== undefined);
  return [...new Set(chosen)].sort((a, b) => a - b);
}

/** The first and last day of the period `index` periods (× INTERVAL) after the one holding the start. */
function period(rule: Rule, start: DateTime, index: number): [number, number] {
  const startDay = dayNumber(start.year, start.month, start.day);
  const step = index * rule.interval;
  switch (rule.freq) {
    case 'DAILY':
      return [startDay + step, startDay + step];
    case 'WEEKLY': {
      const weekStart = startDay - ((weekdayOf(startDay) - rule.wkst + 7) % 7) + 7 * step;
      return [weekStart, weekStart + 6];
    }
    case 'MONTHLY':
      return [dayNumber(start.year, start.month + step, 1), dayNumber(start.year, start.month + step + 1, 0)];
    case 'YEARLY':
      return [dayNumber(start.year + step, 1, 1), dayNumber(start.year + step, 12, 31)];
  }
}

/**
 * Expands an RFC 5545 RRULE from a local start in an IANA zone. The rule is evaluated on
 * floating wall-clock times and each occurrence is then placed in the zone, so "first Tuesday
 * at 09:30 Europe/London" stays 09:30 local on both sides of a daylight-saving change.
 *
 * The rule is evaluated here, period by period, over EXPANSION_WINDOW_YEARS from the start and
 * no further: a general RRULE library searches up to the year 9999 for an occurrence that never
 * comes (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 took 50 s of the event loop). A rule that needs
 * occurrences beyond the window is refused, saying so.
 */
export function expandRecurrence(
  text: string,
  localStart: string,
  zone: string,
  stats: ExpansionStats = { daysExamined: 0 },
): Occurrence[] {
  const start = parseLocalDateTime(localStart);
  if (!start)
    throw new RecurrenceError(
      `localStart must be a real date and time like 2027-01-05T09:30, in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
    );
  const rule = parseRule(text, start, zone);
  const startMs = start.toMillis();
  const windowEnd = start.plus({ years: EXPANSION_WINDOW_YEARS }).toMillis();
  if (rule.until !== null && rule.until > windowEnd) {
    throw new RecurrenceError(
      `rrule UNTIL must be within ${EXPANSION_WINDOW_YEARS} years of localStart (a series may span at most ${EXPANSION_WINDOW_YEARS} years)`,
    );
  }
  const timeOfDay = startMs - dayNumber(start.year, start.month, start.day) * MS_PER_DAY;
  const found: number[] = [];
  let done = false;
  for (let index = 0; !done; index++) {
    const [first, last] = period(rule, start, index);
    if (first * MS_PER_DAY > windowEnd) break;
    for (const day of candidates(rule, first, last, stats)) {
      const at = day * MS_PER_DAY + timeOfDay;
      if (at < startMs) continue;
      if ((rule.until !== null && at > rule.until) || at > windowEnd) {
        done = true;
        break;
      }
      found.push(at);
      if (found.length > MAX_SERIES_OCCURRENCES) {
        throw new RecurrenceError(`The series would have more than ${MAX_SERIES_OCCURRENCES} occurrences`);
      }
      if (found.length === rule.count) {
        done = true;
        break;
      }
    }
  }
  if (found.length === 0) {
    throw new RecurrenceError(
      rule.count === null
        ? 'The rule produces no occurrences'
        : `The rule has no occurrence within ${EXPANSION_WINDOW_YEARS} years of localStart`,
    );
  }
  if (rule.count !== null && found.length < rule.count) {
    throw new RecurrenceError(
      `The series would run past ${EXPANSION_WINDOW_YEARS} years after localStart: only ${found.length} of its ${rule.count} occurrences fall within them`,
    );
  }
  return found.map((ms) => {
    const startsAt = localToInstant(DateTime.fromMillis(ms, { zone: 'utc' }), zone);
    return { startsAt, localStart: instantToLocal(startsAt, zone) };
  });
}
