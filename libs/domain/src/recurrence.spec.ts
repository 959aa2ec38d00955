import { DateTime } from 'luxon';
import { RRule } from 'rrule';
import { dueDateOutOfRange, instantToLocal, localToInstant, parseLocalDateTime, startOutOfRange } from './local-time';
import {
  EXPANSION_WINDOW_YEARS,
  ExpansionStats,
  expandRecurrence,
  MAX_EXAMINED_DAYS,
  MAX_SERIES_OCCURRENCES,
  RecurrenceError,
} from './recurrence';

describe('expandRecurrence', () => {
  it('keeps "first Tuesday monthly at 09:30 Europe/London" at 09:30 local across both DST changes', () => {
    const occ = expandRecurrence('FREQ=MONTHLY;BYDAY=1TU;COUNT=12', '2027-01-05T09:30', 'Europe/London');
    expect(occ).toHaveLength(12);
    expect(occ.map((o) => o.localStart.slice(11))).toEqual(Array(12).fill('09:30'));
    const utc = occ.map((o) => o.startsAt.toISOString());
    expect(utc[0]).toBe('2027-01-05T09:30:00.000Z'); // GMT
    expect(utc[2]).toBe('2027-03-02T09:30:00.000Z'); // before the 28 March change
    expect(utc[3]).toBe('2027-04-06T08:30:00.000Z'); // BST: 09:30 local is 08:30 UTC
    expect(utc[9]).toBe('2027-10-05T08:30:00.000Z'); // still BST (change on 31 October)
    expect(utc[10]).toBe('2027-11-02T09:30:00.000Z'); // GMT again
    for (const o of occ) {
      const d = new Date(o.startsAt);
      expect(d.getUTCDay()).toBe(2);
      expect(d.getUTCDate()).toBeLessThanOrEqual(7);
    }
  });

  it('handles weekly series across a change in another zone', () => {
    const occ = expandRecurrence('FREQ=WEEKLY;COUNT=3', '2027-03-07T10:00', 'America/New_York');
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual([
      '2027-03-07T15:00:00.000Z',
      '2027-03-14T14:00:00.000Z',
      '2027-03-21T14:00:00.000Z',
    ]);
  });

  it('treats UNTIL as an instant and includes the last local occurrence', () => {
    const occ = expandRecurrence('FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270601T000000Z', '2027-01-05T09:30', 'Europe/London');
    expect(occ).toHaveLength(5);
  });

  it('moves a time inside a spring-forward gap forward, as calendars do', () => {
    const local = parseLocalDateTime('2027-03-28T01:30');
    expect(local).not.toBeNull();
    expect(localToInstant(local!, 'Europe/London').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it.each([
    ['FREQ=MONTHLY;BYDAY=1TU', 'needs COUNT or UNTIL'],
    ['FREQ=MONTHLY;COUNT=61', 'at most 60'],
    ['FREQ=MONTHLY;COUNT=2;BYSETPOS=400', 'BYSETPOS'],
    ['FREQ=MONTHLY;COUNT=2;BYMONTHDAY=40', 'BYMONTHDAY'],
    ['FREQ=MONTHLY;COUNT=2;BYMONTHDAY=-40', 'BYMONTHDAY'],
    ['FREQ=WEEKLY;COUNT=2;BYMONTHDAY=30', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=YEARLY;COUNT=2;BYWEEKNO=20', 'BYWEEKNO'],
    ['FREQ=YEARLY;COUNT=2;BYYEARDAY=100', 'BYYEARDAY'],
    ['FREQ=WEEKLY;COUNT=2;BYDAY=2MO', 'BYDAY may have a number'],
    ['FREQ=MONTHLY;COUNT=2;BYDAY=6MO', 'BYDAY numbers'],
    ['FREQ=DAILY;COUNT=2;INTERVAL=99999999999', 'INTERVAL'],
    ['FREQ=DAILY;COUNT=0', 'COUNT'],
    ['FREQ=DAILY;COUNT=abc', 'COUNT'],
    ['FREQ=DAILY;COUNT=2;UNTIL=20270301T000000Z', 'both COUNT and UNTIL'],
    ['FREQ=DAILY;UNTIL=20991231T000000Z', `within ${EXPANSION_WINDOW_YEARS} years`],
    ['FREQ=DAILY;UNTIL=soon', 'not a valid'],
    ['FREQ=WEEKLY;UNTIL=20270302', 'UTC date-time'],
    ['FREQ=WEEKLY;UNTIL=20270302T235959', 'UTC date-time'],
    ['FREQ=DAILY;COUNT=2;FOO=1', 'not a valid'],
    ['FREQ=MONTHLY;COUNT=2;BYSETPOS=1', 'BYSETPOS needs another BY part'],
    ['not an rrule;;;==;', 'not a valid'],
    ['FREQ=WEEKLY;COUNT=2;WKST=XX', 'WKST'],
    ['FREQ=WEEKLY;COUNT=2.5', 'not a valid'],
    ['FREQ=WEEKLY;COUNT=2;INTERVAL=1e3', 'INTERVAL must be a whole number'],
    ['FREQ=HOURLY;COUNT=3', 'FREQ must be'],
    ['FREQ=WEEKLY;BYHOUR=9;COUNT=3', 'BYHOUR'],
  ])('rejects %s', (rule, message) => {
    expect(() => expandRecurrence(rule, '2027-01-05T09:30', 'Europe/London')).toThrow(RecurrenceError);
    expect(() => expandRecurrence(rule, '2027-01-05T09:30', 'Europe/London')).toThrow(message);
  });

  it('rejects a malformed local start', () => {
    expect(() => expandRecurrence('FREQ=WEEKLY;COUNT=2', '2027-01-05 09:30', 'Europe/London')).toThrow('localStart');
  });
});

describe('instantToLocal', () => {
  it.each([
    ['2027-03-28T00:59:00Z', 'Europe/London', '2027-03-28T00:59'],
    ['2027-03-28T01:00:00Z', 'Europe/London', '2027-03-28T02:00'],
    ['2027-10-31T00:30:00Z', 'Europe/London', '2027-10-31T01:30'],
    ['2027-10-31T01:30:00Z', 'Europe/London', '2027-10-31T01:30'],
    ['2027-01-01T00:00:00Z', 'America/New_York', '2026-12-31T19:00'],
    ['2027-06-30T23:30:00Z', 'Asia/Kolkata', '2027-07-01T05:00'],
  ])('%s in %s is %s', (instant, zone, local) => {
    expect(instantToLocal(new Date(instant), zone)).toBe(local);
  });
});

describe('expandRecurrence is bounded whatever the rule', () => {
  // Each of these made the rrule library search up to the year 9999 (4–52 s of the event loop).
  it.each([
    'FREQ=DAILY;COUNT=1;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=MONTHLY;COUNT=2;BYMONTH=2;BYMONTHDAY=31',
    'FREQ=YEARLY;COUNT=1;BYMONTH=4;BYMONTHDAY=31',
    'FREQ=WEEKLY;COUNT=3;BYDAY=MO;BYSETPOS=2',
    'FREQ=MONTHLY;COUNT=2;BYDAY=MO;BYMONTHDAY=1,2,3,4,5,6,7;BYSETPOS=2',
  ])('refuses %s after examining at most the window', (rule) => {
    const stats: ExpansionStats = { daysExamined: 0 };
    expect(() => expandRecurrence(rule, '2027-01-05T09:30', 'Europe/London', stats)).toThrow(
      `no occurrence within ${EXPANSION_WINDOW_YEARS} years`,
    );
    expect(stats.daysExamined).toBeGreaterThan(0);
    expect(stats.daysExamined).toBeLessThanOrEqual(MAX_EXAMINED_DAYS);
  });

  it('refuses a rule whose occurrences run past the window, saying so', () => {
    const stats: ExpansionStats = { daysExamined: 0 };
    expect(() => expandRecurrence('FREQ=YEARLY;COUNT=8', '2027-01-05T09:30', 'Europe/London', stats)).toThrow(
      `run past ${EXPANSION_WINDOW_YEARS} years`,
    );
    expect(stats.daysExamined).toBeLessThanOrEqual(MAX_EXAMINED_DAYS);
    // A leap day lands in the window only every four years: COUNT=2 needs more than five.
    expect(() => expandRecurrence('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2', '2027-01-05T09:30', 'UTC')).toThrow(
      'only 1 of its 2',
    );
  });

  it('examines no more than the window for the busiest rule it accepts', () => {
    const stats: ExpansionStats = { daysExamined: 0 };
    const occ = expandRecurrence('FREQ=DAILY;UNTIL=20310101T000000Z;BYDAY=MO;BYMONTHDAY=13', '2026-12-05T09:30', 'UTC', stats);
    expect(occ.length).toBeGreaterThan(0);
    expect(occ.every((o) => new Date(o.startsAt).getUTCDay() === 1 && new Date(o.startsAt).getUTCDate() === 13)).toBe(true);
    expect(stats.daysExamined).toBeLessThanOrEqual(MAX_EXAMINED_DAYS);
  });
});

describe('expandRecurrence agrees with the rrule library on ordinary rules', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=1TU;COUNT=12', '2027-01-05T09:30'],
    ['FREQ=MONTHLY;BYDAY=-1FR;COUNT=10', '2027-01-05T18:00'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12', '2027-01-05T09:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=14', '2027-01-31T09:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7', '2027-01-31T09:00'],
    ['FREQ=MONTHLY;INTERVAL=2;COUNT=6', '2027-01-15T14:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR;COUNT=3', '2027-01-05T09:30'],
    ['FREQ=WEEKLY;BYDAY=TU,TH;COUNT=20', '2027-01-05T09:30'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10', '2027-01-04T09:30'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU;COUNT=10', '2027-01-04T09:30'],
    ['FREQ=WEEKLY;COUNT=30', '2027-01-05T09:30'],
    ['FREQ=DAILY;COUNT=40;BYDAY=MO,WE,FR', '2027-01-05T09:30'],
    ['FREQ=DAILY;INTERVAL=10;COUNT=30', '2027-01-05T09:30'],
    ['FREQ=DAILY;BYMONTH=3,4;COUNT=50', '2027-01-05T09:30'],
    ['FREQ=YEARLY;COUNT=5', '2027-01-05T09:30'],
    ['FREQ=YEARLY;BYMONTH=3,9;BYDAY=1TU;COUNT=8', '2027-01-05T09:30'],
    ['FREQ=YEARLY;BYDAY=20MO;COUNT=3', '2027-01-05T09:30'],
    ['FREQ=YEARLY;BYMONTH=6;COUNT=3', '2027-01-05T09:30'],
    ['FREQ=MONTHLY;BYDAY=2WE;UNTIL=20271231T235959Z', '2027-01-05T09:30'],
  ])('%s from %s', (rule, localStart) => {
    const ours = expandRecurrence(rule, localStart, 'UTC').map((o) => o.startsAt.toISOString());
    const start = DateTime.fromISO(localStart, { zone: 'utc' }).toJSDate();
    const theirs = new RRule({ ...RRule.parseString(rule), dtstart: start })
      .all((_, i) => i < MAX_SERIES_OCCURRENCES + 1)
      .map((d) => d.toISOString());
    expect(ours).toEqual(theirs);
  });
});

describe('localToInstant reads local times as RFC 5545 does', () => {
  const at = (local: string, zone: string) => localToInstant(parseLocalDateTime(local)!, zone).toISOString();

  it.each([
    // Clocks go back: the repeated hour is the first occurrence (summer time).
    ['2027-10-31T01:30', 'Europe/London', '2027-10-31T00:30:00.000Z'],
    ['2027-10-31T01:00', 'Europe/London', '2027-10-31T00:00:00.000Z'],
    ['2027-10-31T02:00', 'Europe/London', '2027-10-31T02:00:00.000Z'],
    ['2027-11-07T01:30', 'America/New_York', '2027-11-07T05:30:00.000Z'],
    // Clocks go forward: a time in the gap is read with the offset before it, so moves on by the gap.
    ['2027-03-28T01:30', 'Europe/London', '2027-03-28T01:30:00.000Z'],
    ['2027-03-28T00:59', 'Europe/London', '2027-03-28T00:59:00.000Z'],
    ['2027-03-28T02:00', 'Europe/London', '2027-03-28T01:00:00.000Z'],
    ['2027-03-14T02:30', 'America/New_York', '2027-03-14T07:30:00.000Z'],
    ['2027-03-14T03:00', 'America/New_York', '2027-03-14T07:00:00.000Z'],
    // Ordinary times either side.
    ['2027-07-01T09:30', 'America/New_York', '2027-07-01T13:30:00.000Z'],
    ['2027-01-05T09:30', 'Asia/Kolkata', '2027-01-05T04:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, instant) => {
    expect(at(local, zone)).toBe(instant);
  });

  it('places an occurrence on the repeated hour at its first occurrence', () => {
    const occ = expandRecurrence('FREQ=DAILY;COUNT=2', '2027-10-30T01:30', 'Europe/London');
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual(['2027-10-30T00:30:00.000Z', '2027-10-31T00:30:00.000Z']);
  });
});

describe('parseLocalDateTime', () => {
  it.each(['2031-01-06T24:00', '2027-02-30T09:30', '2027-03-02T25:61', '2027-03-02T09:60', '0000-01-01T00:00', '2027-3-2T09:30'])(
    'refuses %s',
    (local) => {
      expect(parseLocalDateTime(local)).toBeNull();
    },
  );

  it('reads 23:59 and 00:00', () => {
    expect(parseLocalDateTime('2031-01-06T23:59')?.hour).toBe(23);
    expect(parseLocalDateTime('2031-01-06T00:00')?.day).toBe(6);
  });
});

describe('date ranges', () => {
  const now = new Date('2026-12-02T10:00:00Z');

  it('refuses a new meeting in the past, even by a minute', () => {
    expect(startOutOfRange(new Date('2026-12-02T09:59:00Z'), now, 'new')).toContain('in the past');
    expect(startOutOfRange(new Date('2000-01-01T09:00:00Z'), now, 'new')).toContain('in the past');
    expect(startOutOfRange(new Date('2026-12-02T10:01:00Z'), now, 'new')).toBeNull();
  });

  it('lets a meeting be moved back a little, not years', () => {
    expect(startOutOfRange(new Date('2026-11-25T09:00:00Z'), now, 'moved')).toBeNull();
    expect(startOutOfRange(new Date('2026-10-01T09:00:00Z'), now, 'moved')).toContain('30 days');
  });

  it('refuses starts more than five years ahead', () => {
    expect(startOutOfRange(new Date('2031-12-01T09:00:00Z'), now, 'new')).toBeNull();
    expect(startOutOfRange(new Date('2031-12-03T09:00:00Z'), now, 'new')).toContain('5 years ahead');
    expect(startOutOfRange(new Date('2031-12-03T09:00:00Z'), now, 'moved')).toContain('5 years ahead');
  });

  it('keeps due dates within a year back and five years ahead', () => {
    expect(dueDateOutOfRange('2027-04-30', now)).toBeNull();
    expect(dueDateOutOfRange('2025-12-02', now)).toBeNull();
    expect(dueDateOutOfRange('2025-12-01', now)).toContain('between');
    expect(dueDateOutOfRange('2031-12-02', now)).toBeNull();
    expect(dueDateOutOfRange('9999-12-31', now)).toContain('between');
  });
});
