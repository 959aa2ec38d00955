import { formatCalendarDate, meetingTime } from './time';

describe('meetingTime', () => {
  it('names the viewer’s zone, and adds the meeting’s own clock when it is held elsewhere', () => {
    const t = meetingTime('2027-03-02T09:30:00.000Z', 'Europe/Paris', 'Europe/London', 'en-GB');
    expect(t.viewer).toMatch(/09:30/);
    expect(t.viewer).toMatch(/GMT/);
    expect(t.local).toMatch(/10:30/);
    expect(t.local).toMatch(/Europe\/Paris/);
  });

  it('shows one time when viewer and meeting share a zone, in summer time as the clock reads', () => {
    const t = meetingTime('2027-07-06T08:30:00.000Z', 'Europe/London', 'Europe/London', 'en-GB');
    expect(t.viewer).toMatch(/09:30/);
    expect(t.viewer).toMatch(/BST/);
    expect(t.local).toBeNull();
  });
});

describe('formatCalendarDate', () => {
  it('shows a due date as the day it names, whatever the viewer’s zone', () => {
    expect(formatCalendarDate('2027-04-30', 'en-GB')).toMatch(/Fri.*30 Apr 2027/);
  });
});
