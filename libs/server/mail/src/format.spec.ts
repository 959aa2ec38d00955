import { formatCalendarDate, formatInstant, formatMeetingTime, formatShortStart } from './format';

describe('formatMeetingTime', () => {
  it.each([
    ['a winter meeting', '2027-01-05T09:30:00Z', 90, 'Tuesday 5 January 2027, 09:30–11:00 GMT (Europe/London)'],
    [
      'a summer meeting (09:30 BST is 08:30 UTC)',
      '2027-07-06T08:30:00Z',
      90,
      'Tuesday 6 July 2027, 09:30–11:00 BST (Europe/London)',
    ],
    [
      'the week after the clocks go back',
      '2027-11-02T09:30:00Z',
      150,
      'Tuesday 2 November 2027, 09:30–12:00 GMT (Europe/London)',
    ],
    [
      'a meeting during the clock change',
      '2027-10-30T23:30:00Z',
      180,
      'Sunday 31 October 2027, 00:30 BST–02:30 GMT (Europe/London)',
    ],
    [
      'a meeting past midnight',
      '2027-01-05T22:00:00Z',
      180,
      'Tuesday 5 January 2027, 22:00 GMT – Wednesday 6 January 2027, 01:00 GMT (Europe/London)',
    ],
  ])('shows %s once when the reader is in the meeting’s zone', (_, startsAt, minutes, expected) => {
    expect(formatMeetingTime(new Date(startsAt), minutes, 'Europe/London', 'Europe/London')).toBe(expected);
  });

  it('shows both zones when the reader is elsewhere', () => {
    expect(formatMeetingTime(new Date('2027-01-05T09:30:00Z'), 90, 'Europe/London', 'America/New_York')).toBe(
      'Tuesday 5 January 2027, 04:30–06:00 EST (America/New_York); 09:30–11:00 GMT in Europe/London where the meeting is held',
    );
  });

  it('follows each zone’s own clock change: in the week between the UK and US changes the gap is four hours', () => {
    expect(formatMeetingTime(new Date('2027-11-02T09:30:00Z'), 90, 'Europe/London', 'America/New_York')).toBe(
      'Tuesday 2 November 2027, 05:30–07:00 EDT (America/New_York); 09:30–11:00 GMT in Europe/London where the meeting is held',
    );
    expect(formatMeetingTime(new Date('2027-11-09T09:30:00Z'), 90, 'Europe/London', 'America/New_York')).toBe(
      'Tuesday 9 November 2027, 04:30–06:00 EST (America/New_York); 09:30–11:00 GMT in Europe/London where the meeting is held',
    );
    expect(formatMeetingTime(new Date('2027-03-16T13:00:00Z'), 60, 'America/New_York', 'Europe/London')).toBe(
      'Tuesday 16 March 2027, 13:00–14:00 GMT (Europe/London); 09:00–10:00 EDT in America/New_York where the meeting is held',
    );
  });

  it('gives the meeting’s own date when it falls on another day for the reader', () => {
    expect(formatMeetingTime(new Date('2027-01-05T18:00:00Z'), 180, 'Europe/London', 'Asia/Tokyo')).toBe(
      'Wednesday 6 January 2027, 03:00–06:00 GMT+9 (Asia/Tokyo); Tuesday 5 January 2027, 18:00–21:00 GMT in Europe/London where the meeting is held',
    );
  });

  it('falls back to the meeting’s zone when the reader’s is unknown, and refuses an unknown meeting zone', () => {
    expect(formatMeetingTime(new Date('2027-01-05T09:30:00Z'), 90, 'Europe/London', 'Nowhere/Special')).toBe(
      'Tuesday 5 January 2027, 09:30–11:00 GMT (Europe/London)',
    );
    expect(() => formatMeetingTime(new Date('2027-01-05T09:30:00Z'), 90, 'Nowhere/Special', 'Europe/London')).toThrow(RangeError);
  });

  it('writes the date and times in the reader’s locale', () => {
    const us = formatMeetingTime(new Date('2027-01-05T09:30:00Z'), 90, 'Europe/London', 'Europe/London', 'en-US');
    expect(us).toMatch(/^Tuesday January 5, 2027, 9:30\sAM–11:00\sAM GMT \(Europe\/London\)$/);
    const de = formatMeetingTime(new Date('2027-01-05T09:30:00Z'), 90, 'Europe/London', 'Europe/Berlin', 'de-DE');
    expect(de).toBe(
      'Dienstag 5. Januar 2027, 10:30–12:00 MEZ (Europe/Berlin); 09:30–11:00 GMT in Europe/London where the meeting is held',
    );
  });
});

describe('the shorter forms', () => {
  it('formats a start for a subject line, an instant, and a calendar date', () => {
    expect(formatShortStart(new Date('2027-07-06T08:30:00Z'), 'Europe/London')).toBe('Tue 6 Jul 2027, 09:30 BST');
    expect(formatInstant(new Date('2027-01-05T09:30:00Z'), 'America/New_York')).toBe('Tuesday 5 January 2027, 04:30 EST');
    expect(formatCalendarDate('2027-04-30')).toBe('30 April 2027');
    expect(formatCalendarDate('not a date')).toBe('not a date');
  });
});
