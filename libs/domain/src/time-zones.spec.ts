import { canonicalTimeZone, isIanaTimeZone, TIME_ZONES } from './time-zones';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/London', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['utc', 'UTC'],
  ])('%s is %s', (zone, canonical) => {
    expect(canonicalTimeZone(zone)).toBe(canonical);
  });

  it.each([
    // Node still accepts these; tzdata (and so PostgreSQL) dropped them.
    'US/Pacific-New',
    'Canada/East-Saskatchewan',
    'SystemV/AST4',
    '',
    'Mars/Olympus',
    'Europe/Londres',
    'EST',
    'GMT',
    'BST',
    '+01:00',
    'London',
    'posix/Europe/London',
  ])('refuses %j', (zone) => {
    expect(canonicalTimeZone(zone)).toBeNull();
  });

  it('knows every zone the runtime calls canonical', () => {
    const missing = Intl.supportedValuesOf('timeZone').filter((zone) => canonicalTimeZone(zone) !== zone);
    expect(missing).toEqual([]);
  });

  it('lists only zones the runtime can format', () => {
    const unknown = TIME_ZONES.filter((zone) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual([]);
  });
});

describe('isIanaTimeZone', () => {
  it('accepts only the canonical spelling', () => {
    expect(isIanaTimeZone('Europe/London')).toBe(true);
    expect(isIanaTimeZone('europe/london')).toBe(false);
    expect(isIanaTimeZone('US/Pacific-New')).toBe(false);
  });
});
