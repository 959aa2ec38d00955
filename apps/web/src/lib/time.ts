/**
 * Times as people read them: in the viewer's own zone, with the zone named; a meeting held in another zone
 * also shows its own local time ("09:30 GMT · 10:30 CET in Europe/Paris"). Formatters are cached: building
 * an Intl.DateTimeFormat costs far more than using one.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};
const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

/** "Tue, 2 Mar 2027, 09:30 GMT" in `zone`. */
export const formatDateTime = (instant: string | Date, zone: string, locale = 'en-GB'): string =>
  formatter(locale, zone, DATE_TIME).format(new Date(instant));

/** "Tue, 2 Mar 2027" in `zone`. */
export const formatDate = (instant: string | Date, zone: string, locale = 'en-GB'): string =>
  formatter(locale, zone, DATE).format(new Date(instant));

/** "09:30 GMT" in `zone`. */
export const formatTime = (instant: string | Date, zone: string, locale = 'en-GB'): string =>
  formatter(locale, zone, TIME).format(new Date(instant));

/** A calendar date ("2027-04-30", no time or zone) as "Fri, 30 Apr 2027". */
export const formatCalendarDate = (date: string, locale = 'en-GB'): string =>
  formatter(locale, 'UTC', DATE).format(new Date(`${date}T00:00:00Z`));

export interface MeetingTime {
  /** In the viewer's zone, zone named. */
  viewer: string;
  /** In the meeting's zone when that differs from the viewer's (the same instant, as the room's clock shows it). */
  local: string | null;
}

/** When a meeting starts, for this viewer: their zone first, the meeting's own zone as well when different. */
export function meetingTime(startsAt: string, meetingZone: string, viewerZone: string, locale = 'en-GB'): MeetingTime {
  const viewer = formatDateTime(startsAt, viewerZone, locale);
  if (meetingZone === viewerZone) return { viewer, local: null };
  const local = formatTime(startsAt, meetingZone, locale);
  return { viewer, local: `${local} · ${meetingZone}` };
}

/** The viewer's zone as the browser knows it (the profile's zone is preferred wherever it is known). */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
