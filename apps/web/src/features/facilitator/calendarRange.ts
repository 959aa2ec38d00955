import { ScheduleViewLevel } from '@mantine/schedule';

const DAY = 86_400_000;

/** Today's date (YYYY-MM-DD) on the viewer's clock, not UTC's: late evening in New York is still today there. */
export function todayIn(zone: string, now: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The instants whose meetings a calendar view of `date` (YYYY-MM-DD, the viewer's clock) can show: the day, its
 * week, its month or its year, with a margin wide enough for any zone's offset and for the neighbouring days a
 * month grid shows.
 */
export function visibleRange(date: string, view: ScheduleViewLevel): { from: string; to: string } {
  const anchor = new Date(`${date}T12:00:00Z`);
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth();
  const d = anchor.getUTCDate();
  const [start, end, margin] =
    view === 'day'
      ? [Date.UTC(y, m, d), Date.UTC(y, m, d + 1), 1]
      : view === 'week'
        ? [Date.UTC(y, m, d - 7), Date.UTC(y, m, d + 8), 1]
        : view === 'year'
          ? [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1), 7]
          : [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1), 7];
  return { from: new Date(start - margin * DAY).toISOString(), to: new Date(end + margin * DAY).toISOString() };
}
