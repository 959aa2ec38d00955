import { DateTime, DateTimeFormatOptions, IANAZone } from 'luxon';

export const DEFAULT_LOCALE = 'en-GB';

const LONG_DATE: DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const SHORT_DATE: DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
/** Locales tried, in order, for a lettered zone abbreviation (EST, BST, CEST) when the reader's gives only GMT-5. */
const ABBREVIATION_LOCALES = ['en-GB', 'en-US', 'en-AU', 'en-IN'];

/**
 * When a meeting takes place, for a reader in `recipientZone`:
 *   "Tuesday 5 January 2027, 09:30–11:00 GMT (Europe/London)"
 * and, when the reader's zone is not the meeting's, the meeting's local time as well:
 *   "Tuesday 5 January 2027, 04:30–06:00 EST (America/New_York); 09:30–11:00 GMT in Europe/London
 *    where the meeting is held"
 * Each time carries the abbreviation in force at that instant, so a meeting across a clock
 * change reads "00:30 BST–02:30 GMT". A recipient zone the runtime does not know falls back to
 * the meeting's zone; an unknown meeting zone is a data error and throws.
 */
export function formatMeetingTime(
  startsAt: Date,
  durationMinutes: number,
  meetingZone: string,
  recipientZone: string,
  locale: string = DEFAULT_LOCALE,
): string {
  assertZone(meetingZone);
  const readerZone = isKnownZone(recipientZone) ? recipientZone : meetingZone;
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const forReader = span(startsAt, endsAt, readerZone, locale, true);
  if (readerZone === meetingZone) return `${forReader} (${readerZone})`;
  const readerDay = DateTime.fromJSDate(startsAt, { zone: readerZone }).toISODate();
  const meetingDay = DateTime.fromJSDate(startsAt, { zone: meetingZone }).toISODate();
  const forMeeting = span(startsAt, endsAt, meetingZone, locale, readerDay !== meetingDay);
  return `${forReader} (${readerZone}); ${forMeeting} in ${meetingZone} where the meeting is held`;
}

/** A compact start for subject lines: "Tue 5 Jan 2027, 09:30 GMT". */
export function formatShortStart(startsAt: Date, zone: string, locale: string = DEFAULT_LOCALE): string {
  const dt = inZone(startsAt, zone, locale);
  return `${dateText(dt, SHORT_DATE)}, ${dt.toLocaleString(DateTime.TIME_SIMPLE)} ${zoneAbbreviation(dt)}`;
}

/** An instant with its date, time and zone: "Tuesday 5 January 2027, 09:30 GMT". */
export function formatInstant(instant: Date, zone: string, locale: string = DEFAULT_LOCALE): string {
  const dt = inZone(instant, zone, locale);
  return `${dateText(dt, LONG_DATE)}, ${dt.toLocaleString(DateTime.TIME_SIMPLE)} ${zoneAbbreviation(dt)}`;
}

/** A calendar date such as a commitment's due date (2027-04-30 → "30 April 2027"); other text is returned as it is. */
export function formatCalendarDate(isoDate: string, locale: string = DEFAULT_LOCALE): string {
  const dt = DateTime.fromISO(isoDate, { zone: 'utc', locale });
  return dt.isValid ? dt.toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' }) : isoDate;
}

function span(start: Date, end: Date, zone: string, locale: string, withDate: boolean): string {
  const s = inZone(start, zone, locale);
  const e = inZone(end, zone, locale);
  const [sa, ea] = [zoneAbbreviation(s), zoneAbbreviation(e)];
  const [st, et] = [s.toLocaleString(DateTime.TIME_SIMPLE), e.toLocaleString(DateTime.TIME_SIMPLE)];
  if (!s.hasSame(e, 'day')) return `${dateText(s, LONG_DATE)}, ${st} ${sa} – ${dateText(e, LONG_DATE)}, ${et} ${ea}`;
  const times = sa === ea ? `${st}–${et} ${sa}` : `${st} ${sa}–${et} ${ea}`;
  return withDate ? `${dateText(s, LONG_DATE)}, ${times}` : times;
}

/**
 * The date in the locale's words, without the comma some locales put after the weekday
 * ("Tuesday, 5 January 2027"): the time follows after a comma of its own.
 */
function dateText(dt: DateTime, options: DateTimeFormatOptions): string {
  const parts = dt.toLocaleParts(options);
  return parts
    .map((part, i) =>
      part.type === 'literal' && parts[i - 1]?.type === 'weekday' ? part.value.replace(/^\s*,\s*/, ' ') : part.value,
    )
    .join('');
}

/** BST, EST, CEST where some English locale has a name for the zone; otherwise the locale's GMT+3. */
function zoneAbbreviation(dt: DateTime): string {
  const zone = dt.zoneName ?? 'UTC';
  const instant = dt.toJSDate();
  const own = offsetName(dt.locale ?? DEFAULT_LOCALE, zone, instant);
  if (!/\d/.test(own) && own) return own;
  for (const locale of ABBREVIATION_LOCALES) {
    const name = offsetName(locale, zone, instant);
    if (name && !/\d/.test(name)) return name;
  }
  return own || dt.toFormat('ZZ');
}

// Intl formatters are costly to build and luxon builds one per call: every email formats several
// times, so the formatters and the zone checks are kept, one per locale and zone.
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetName(locale: string, zone: string, instant: Date): string {
  const key = `${locale}\u0000${zone}`;
  let formatter = offsetFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    offsetFormatters.set(key, formatter);
  }
  return formatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

const knownZones = new Map<string, boolean>();

/** Whether the runtime knows the zone (luxon's IANAZone.isValidZone, remembered). */
export function isKnownZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    // Zone names come from stored data, a bounded set; the bound keeps a flood of junk from growing the map.
    if (knownZones.size < 10_000) knownZones.set(zone, known);
  }
  return known;
}

function inZone(instant: Date, zone: string, locale: string): DateTime {
  assertZone(zone);
  return DateTime.fromJSDate(instant, { zone }).setLocale(locale);
}

function assertZone(zone: string): void {
  if (!isKnownZone(zone)) throw new RangeError(`Unknown time zone ${zone}`);
}
