import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime, IANAZone } from 'luxon';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far either side of the events a generated VTIMEZONE reaches, so a client can show the neighbouring days too. */
const MARGIN = 400 * DAY;

/**
 * The VTIMEZONE component (RFC 5545 §3.6.5) for `zone`, correct at every instant in `instants`.
 *
 * The packaged definition from @touch4it/ical-timezones (the Outlook-friendly yearly-rule form
 * clients know best) is used when its TZID is this zone and its rules give the runtime's UTC
 * offset at every instant. Otherwise one is generated from the runtime's tz database, which is
 * what computed the local times in the first place: the package has no entry for about 80 of
 * the zones Roundtable accepts (Europe/Kyiv, America/Nuuk, the US/… and Canada/… aliases answer
 * with another TZID), and its 2018 rules are wrong today for zones that changed since
 * (Mexico City and Tehran dropped DST in 2022, Cairo brought it back in 2023).
 */
export function vtimezoneComponent(zone: string, instants: readonly Date[]): string {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new RangeError(`Unknown time zone ${zone}`);
  const packaged = getVtimezoneComponent(zone);
  if (packaged && packagedFits(packaged, zone, tz, instants)) return packaged.trim();
  return generatedVtimezone(zone, tz, instants);
}

// ---- the packaged definition, checked --------------------------------------------------------

interface Observance {
  fromMinutes: number;
  toMinutes: number;
  /** Onset as wall-clock fields in the offset before it (RFC 5545 §3.6.5: DTSTART is local time in TZOFFSETFROM). */
  start: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  rule: { month: number; nth: number; weekday: number } | null;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function packagedFits(component: string, zone: string, tz: IANAZone, instants: readonly Date[]): boolean {
  const lines = component.split(/\r?\n/).map((l) => l.trim());
  if (!lines.includes(`TZID:${zone}`)) return false;
  const observances = parseObservances(lines);
  if (!observances?.length) return false;
  return instants.every((instant) => packagedOffset(observances, instant.getTime()) === tz.offset(instant.getTime()));
}

/** Null when the component uses anything beyond DTSTART plus an optional yearly BYMONTH/BYDAY rule. */
function parseObservances(lines: string[]): Observance[] | null {
  const result: Observance[] = [];
  let current: Partial<Observance> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') {
      current = { rule: null };
    } else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      if (!current || current.fromMinutes === undefined || current.toMinutes === undefined || !current.start) return null;
      result.push(current as Observance);
      current = null;
    } else if (current) {
      const [name, value] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)];
      if (name === 'TZOFFSETFROM') current.fromMinutes = parseOffset(value) ?? undefined;
      else if (name === 'TZOFFSETTO') current.toMinutes = parseOffset(value) ?? undefined;
      else if (name === 'DTSTART') {
        const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value);
        if (!m) return null;
        const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
        current.start = { year, month, day, hour, minute, second };
      } else if (name === 'RRULE') {
        const m = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=(-?[1-5])(SU|MO|TU|WE|TH|FR|SA)$/.exec(value);
        if (!m) return null;
        current.rule = { month: Number(m[1]), nth: Number(m[2]), weekday: WEEKDAYS.indexOf(m[3]) };
      } else if (name !== 'TZNAME') {
        return null;
      }
    }
  }
  return result;
}

function parseOffset(value: string): number | null {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60);
}

/** The offset the packaged rules give at `ms`: that of the latest onset at or before it. */
function packagedOffset(observances: Observance[], ms: number): number | null {
  const year = new Date(ms).getUTCFullYear();
  let best: { onset: number; offset: number } | null = null;
  for (const o of observances) {
    const { start, rule } = o;
    const years = rule ? [year - 1, year, year + 1].filter((y) => y >= start.year) : [start.year];
    for (const y of years) {
      const month = rule ? rule.month : start.month;
      const day = rule ? nthWeekday(y, rule.month, rule.nth, rule.weekday) : start.day;
      const onset = Date.UTC(y, month - 1, day, start.hour, start.minute, start.second) - o.fromMinutes * MINUTE;
      if (onset <= ms && (!best || onset > best.onset)) best = { onset, offset: o.toMinutes };
    }
  }
  return best?.offset ?? null;
}

/** Day of the month of the nth (1..5, or -1..-5 from the end) given weekday (0 = Sunday). */
function nthWeekday(year: number, month: number, nth: number, weekday: number): number {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month, 0)).getUTCDay();
  return lastDay - ((last - weekday + 7) % 7) + (nth + 1) * 7;
}

// ---- a definition generated from the runtime's tz database -------------------------------------

function generatedVtimezone(zone: string, tz: IANAZone, instants: readonly Date[]): string {
  const times = instants.map((d) => d.getTime());
  const from = Math.floor(((times.length ? Math.min(...times) : Date.now()) - MARGIN) / DAY) * DAY;
  const to = (times.length ? Math.max(...times) : Date.now()) + MARGIN;

  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const initial = tz.offset(from);
  lines.push(...observance(zone, from, initial, initial));
  let previous = initial;
  for (let t = from; t < to; t += DAY) {
    const next = tz.offset(t + DAY);
    if (next === previous) continue;
    // Offsets change at most once a day: find the first minute of the new one.
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (tz.offset(mid) === previous) lo = mid;
      else hi = mid;
    }
    lines.push(...observance(zone, hi, previous, next));
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

function observance(zone: string, onset: number, fromMinutes: number, toMinutes: number): string[] {
  const at = DateTime.fromMillis(onset, { zone });
  const type = at.isInDST ? 'DAYLIGHT' : 'STANDARD';
  const wall = DateTime.fromMillis(onset + fromMinutes * MINUTE, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss");
  const name = abbreviation(at);
  return [
    `BEGIN:${type}`,
    `DTSTART:${wall}`,
    `TZOFFSETFROM:${formatOffset(fromMinutes)}`,
    `TZOFFSETTO:${formatOffset(toMinutes)}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${type}`,
  ];
}

function abbreviation(at: DateTime): string | null {
  const name = at.setLocale('en-US').offsetNameShort;
  return name && /^[A-Za-z0-9+-]+$/.test(name) ? name : null;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
