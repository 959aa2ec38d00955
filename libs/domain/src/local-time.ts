import { DateTime, IANAZone } from 'luxon';

/** The years a session can be dated in: a year outside them (0000, 0202) is a typo, not a plan. */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2999;

/** A new meeting, or the first occurrence of a series, starts at most this far ahead. */
export const MAX_START_YEARS_AHEAD = 5;
/**
 * A meeting may be moved into the past by at most this many days (to record the day it really
 * took place); a new meeting may not start in the past at all, or invented sessions would reach
 * a funder's attendance figures.
 */
export const MAX_DAYS_MOVED_INTO_PAST = 30;
/** A commitment's due date lies within a year before and five years after today. */
export const DUE_DATE_YEARS_BEFORE = 1;
export const DUE_DATE_YEARS_AHEAD = 5;

const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

/** What a local wall-clock start looks like: 2027-01-05T09:30, hours 00–23 (24:00 is refused). */
export const LOCAL_DATE_TIME_PATTERN = LOCAL_DATE_TIME;

/**
 * Parses a local wall-clock time such as 2027-01-05T09:30 (no offset), in the years above, as a
 * floating time (luxon in UTC). Hour 24 is refused: "24:00" is the next day, and a client that
 * sends it has a bug worth hearing about.
 */
export function parseLocalDateTime(local: string): DateTime | null {
  if (typeof local !== 'string' || !LOCAL_DATE_TIME.test(local)) return null;
  const dt = DateTime.fromISO(local, { zone: 'utc' });
  return dt.isValid && dt.year >= EARLIEST_YEAR && dt.year <= LATEST_YEAR && dt.toFormat("yyyy-MM-dd'T'HH:mm") === local
    ? dt
    : null;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The instant at which a local wall-clock time occurs in a zone, as RFC 5545 (3.3.5) reads it,
 * so the API agrees with the calendar invitations it sends:
 * - a time that occurs twice (the hour repeated when clocks go back) is the first occurrence;
 * - a time that does not exist (inside a spring-forward gap) is read with the offset in force
 *   before the gap, so it moves forward by the gap's length (01:30 London → 02:30 BST).
 */
export function localToInstant(local: DateTime, zone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new RangeError(`Unknown time zone ${zone}`);
  // Offsets change at most once within a day either side, so the candidates are the offsets in
  // force a day before and a day after; a candidate counts when its instant shows this wall time.
  const before = tz.offset(wall - DAY);
  const after = tz.offset(wall + DAY);
  const matches = [before, after]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => instant + tz.offset(instant) * MINUTE === wall)
    .sort((a, b) => a - b);
  return new Date(matches.length ? matches[0] : wall - before * MINUTE);
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

/** The wall-clock time of an instant in a zone, as a floating time (what parseLocalDateTime returns). */
export function instantToFloating(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  return DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute },
    { zone: 'utc' },
  );
}

/**
 * Why a meeting may not start at `startsAt`, or null when it may. New meetings (one-off, series
 * occurrences, open events) may not start in the past; a meeting being moved may go back at most
 * MAX_DAYS_MOVED_INTO_PAST days. Neither may start more than MAX_START_YEARS_AHEAD years ahead.
 */
export function startOutOfRange(startsAt: Date, now: Date, kind: 'new' | 'moved'): string | null {
  const latest = DateTime.fromJSDate(now).plus({ years: MAX_START_YEARS_AHEAD });
  if (startsAt.getTime() > latest.toMillis()) {
    return `must be at most ${MAX_START_YEARS_AHEAD} years ahead (before ${latest.toISODate()})`;
  }
  if (kind === 'new' && startsAt.getTime() < now.getTime()) return 'is in the past: a new meeting must start in the future';
  if (kind === 'moved' && startsAt.getTime() < now.getTime() - MAX_DAYS_MOVED_INTO_PAST * DAY) {
    return `may be at most ${MAX_DAYS_MOVED_INTO_PAST} days in the past`;
  }
  return null;
}

/** Why a commitment's due date (YYYY-MM-DD) is out of range, or null when it is fine. */
export function dueDateOutOfRange(date: string, today: Date): string | null {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  if (!day.isValid) return 'must be a real date like 2027-04-30';
  const base = DateTime.fromJSDate(today, { zone: 'utc' }).startOf('day');
  const earliest = base.minus({ years: DUE_DATE_YEARS_BEFORE });
  const latest = base.plus({ years: DUE_DATE_YEARS_AHEAD });
  return day < earliest || day > latest
    ? `must be between ${earliest.toISODate()} and ${latest.toISODate()} (at most ${DUE_DATE_YEARS_BEFORE} year back and ${DUE_DATE_YEARS_AHEAD} ahead)`
    : null;
}
