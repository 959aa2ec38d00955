import { expandRecurrence, instantToLocal, localToInstant, parseLocalDateTime, RecurrenceError } from './recurrence';

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
