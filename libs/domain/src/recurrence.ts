import { DateTime } from 'luxon';
import { Frequency, RRule } from 'rrule';

export const MAX_SERIES_OCCURRENCES = 60;

export class RecurrenceError extends Error {}

export interface Occurrence {
  /** The UTC instant. */
  startsAt: Date;
  /** The local wall-clock start in the series' zone, e.g. 2027-03-02T09:30. */
  localStart: string;
}

/** The years a session can be dated in: a year outside them (0000, 0202) is a typo, not a plan. */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2999;

/** Parses a local wall-clock time such as 2027-01-05T09:30 (no offset), in the years above. */
export function parseLocalDateTime(local: string): DateTime | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const dt = DateTime.fromISO(local, { zone: 'utc' });
  return dt.isValid && dt.year >= EARLIEST_YEAR && dt.year <= LATEST_YEAR ? dt : null;
}

/**
 * The instant at which a local wall-clock time occurs in a zone. A time that does not exist
 * (inside a spring-forward gap) moves forward by the gap, as calendar clients do.
 */
export function localToInstant(local: DateTime, zone: string): Date {
  return DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute },
    { zone },
  )
    .toUTC()
    .toJSDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local wall-clock time of an instant in a zone, as 2027-03-02T09:30 (hot path: formatters are cached per zone). */
export function instantToLocal(instant: Date, zone: string): string {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * Expands an RFC 5545 RRULE from a local start in an IANA zone. The rule is evaluated on
 * floating wall-clock times and each occurrence is then placed in the zone, so "first Tuesday
 * at 09:30 Europe/London" stays 09:30 local on both sides of a daylight-saving change.
 */
export function expandRecurrence(rule: string, localStart: string, zone: string): Occurrence[] {
  const start = parseLocalDateTime(localStart);
  if (!start)
    throw new RecurrenceError(
      `localStart must be a real date and time like 2027-01-05T09:30, in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
    );
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(rule.trim().replace(/^RRULE:/i, ''));
  } catch {
    throw new RecurrenceError('rrule is not a valid RFC 5545 recurrence rule');
  }
  if (
    options.freq === undefined ||
    ![Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY].includes(options.freq)
  ) {
    throw new RecurrenceError('rrule FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  }
  if (!options.count && !options.until) throw new RecurrenceError('rrule needs COUNT or UNTIL');
  if (options.count && options.count > MAX_SERIES_OCCURRENCES) {
    throw new RecurrenceError(`rrule COUNT may be at most ${MAX_SERIES_OCCURRENCES}`);
  }
  if (options.byhour !== undefined || options.byminute !== undefined || options.bysecond !== undefined) {
    throw new RecurrenceError('rrule must not use BYHOUR, BYMINUTE or BYSECOND: the time comes from localStart');
  }
  if (options.until) {
    // UNTIL is an instant (UTC); compare it as a wall-clock time in the series' zone.
    const untilLocal = DateTime.fromJSDate(options.until, { zone });
    options.until = DateTime.fromObject(untilLocal.toObject(), { zone: 'utc' }).toJSDate();
  }
  options.dtstart = start.toJSDate();
  options.tzid = undefined;
  const floating = new RRule(options).all((_, i) => i < MAX_SERIES_OCCURRENCES + 1);
  if (floating.length > MAX_SERIES_OCCURRENCES) {
    throw new RecurrenceError(`The series would have more than ${MAX_SERIES_OCCURRENCES} occurrences`);
  }
  if (floating.length === 0) throw new RecurrenceError('The rule produces no occurrences');
  return floating.map((d) => {
    const local = DateTime.fromJSDate(d, { zone: 'utc' });
    const startsAt = localToInstant(local, zone);
    return { startsAt, localStart: instantToLocal(startsAt, zone) };
  });
}
