import { describe, expect, it } from 'vitest';
import { todayIn, visibleRange } from './calendarRange';

describe('the calendar’s dates', () => {
  it('takes today from the viewer’s zone, not UTC', () => {
    // 02:30 UTC on 1 March is still 28 February in New York, and already 1 March in London.
    const now = new Date('2027-03-01T02:30:00Z');
    expect(todayIn('America/New_York', now)).toBe('2027-02-28');
    expect(todayIn('Europe/London', now)).toBe('2027-03-01');
    // 23:30 UTC on 31 December is New Year's Day in Auckland.
    expect(todayIn('Pacific/Auckland', new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-01');
  });

  it('reads every meeting the year view shows, not only the month around the date', () => {
    const year = visibleRange('2027-06-15', 'year');
    expect(year.from <= '2027-01-01T00:00:00.000Z').toBe(true);
    expect(year.to >= '2028-01-01T00:00:00.000Z').toBe(true);
  });

  it('covers a month with the neighbouring days its grid shows, and a week or a day with a zone’s margin', () => {
    const month = visibleRange('2027-06-15', 'month');
    expect(month.from <= '2027-05-25T00:00:00.000Z').toBe(true);
    expect(month.to >= '2027-07-07T00:00:00.000Z').toBe(true);
    const week = visibleRange('2027-06-15', 'week');
    expect(week.from <= '2027-06-08T00:00:00.000Z').toBe(true);
    expect(week.to >= '2027-06-23T00:00:00.000Z').toBe(true);
    const day = visibleRange('2027-06-15', 'day');
    expect(day.from <= '2027-06-14T10:00:00.000Z').toBe(true);
    expect(day.to >= '2027-06-16T14:00:00.000Z').toBe(true);
  });
});
