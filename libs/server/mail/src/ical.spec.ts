import ICAL from 'ical.js';
import { calendarFeedIcs, IcsMeeting, meetingInvitationIcs, singleMeetingIcs } from './ical';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

const organizer = { name: 'Fiona Facilitator', email: 'fiona@facilitators.example' };
const attendee = { name: 'Ade Member', email: 'ade@firm.example' };
const dtstamp = new Date('2027-10-20T08:15:00Z');

function meeting(overrides: Partial<IcsMeeting> = {}): IcsMeeting {
  return {
    icalUid: '0b0c2f7e-3a39-4c55-9b51-4f1f4c0d1e11@roundtable',
    icalSequence: 3,
    title: 'Digital tools that pay for themselves',
    agenda: 'Report back on actions\nCloud accounting: what worked',
    startsAt: new Date('2027-11-02T09:30:00Z'),
    durationMinutes: 150,
    timezone: 'Europe/London',
    mode: 'hybrid',
    venue: 'Room 4, Civic Centre, Paisley',
    onlineLink: 'https://meet.example/abc-defg',
    url: 'https://roundtable.example/meetings/0b0c2f7e',
    ...overrides,
  };
}

function parse(ics: string): Component {
  return new ICAL.Component(ICAL.parse(ics));
}

function onlyEvent(cal: Component): Component {
  const events = cal.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return events[0];
}

/**
 * A DTSTART or DTEND as a calendar client reads it: its TZID, the local wall-clock time, and the
 * instant that the calendar's own VTIMEZONE (exactly one with that TZID) makes of it.
 */
function readTime(cal: Component, event: Component, name: 'dtstart' | 'dtend') {
  const prop = event.getFirstProperty(name)!;
  const tzid = prop.getParameter('tzid') as string;
  const zones = cal.getAllSubcomponents('vtimezone').filter((z) => z.getFirstPropertyValue('tzid') === tzid);
  expect(zones).toHaveLength(1);
  const value = prop.getFirstValue() as Time;
  const time = value.clone();
  time.zone = new ICAL.Timezone(zones[0]);
  return { tzid, local: value.toString(), instant: new Date(time.toUnixTime() * 1000) };
}

function text(event: Component, name: string): string {
  return String(event.getFirstPropertyValue(name));
}

describe('meetingInvitationIcs', () => {
  it('writes a REQUEST that a calendar client reads as the meeting, at its local time in its zone', () => {
    const m = meeting();
    const ics = meetingInvitationIcs({ method: 'REQUEST', meeting: m, organizer, attendee, dtstamp });
    expect(ics).toContain('\r\n');
    const cal = parse(ics);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//Roundtable//Roundtable//EN');
    const event = onlyEvent(cal);
    expect(text(event, 'uid')).toBe(m.icalUid);
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(text(event, 'status')).toBe('CONFIRMED');
    expect(text(event, 'summary')).toBe(m.title);

    const org = event.getFirstProperty('organizer')!;
    expect(String(org.getFirstValue()).toLowerCase()).toBe('mailto:fiona@facilitators.example');
    expect(org.getParameter('cn')).toBe('Fiona Facilitator');
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:ade@firm.example');
    expect(attendees[0].getParameter('cn')).toBe('Ade Member');
    expect(attendees[0].getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendees[0].getParameter('rsvp')).toBe('FALSE');

    // The week after the clocks go back: 09:30 in London is 09:30 UTC.
    expect(readTime(cal, event, 'dtstart')).toEqual({
      tzid: 'Europe/London',
      local: '2027-11-02T09:30:00',
      instant: new Date('2027-11-02T09:30:00Z'),
    });
    expect(readTime(cal, event, 'dtend')).toEqual({
      tzid: 'Europe/London',
      local: '2027-11-02T12:00:00',
      instant: new Date('2027-11-02T12:00:00Z'),
    });
    const stamp = event.getFirstProperty('dtstamp')!;
    expect(stamp.toICALString()).toBe('DTSTAMP:20271020T081500Z');
  });

  it('reads back a London summer meeting: 09:30 local is 08:30 UTC', () => {
    const m = meeting({ startsAt: new Date('2027-07-06T08:30:00Z'), durationMinutes: 90 });
    const cal = parse(meetingInvitationIcs({ method: 'REQUEST', meeting: m, organizer, attendee, dtstamp }));
    const event = onlyEvent(cal);
    expect(readTime(cal, event, 'dtstart')).toEqual({
      tzid: 'Europe/London',
      local: '2027-07-06T09:30:00',
      instant: new Date('2027-07-06T08:30:00Z'),
    });
    expect(readTime(cal, event, 'dtend').local).toBe('2027-07-06T11:00:00');
  });

  it.each([
    ['before the US clock change', '2027-03-10T14:00:00Z', '2027-03-10T09:00:00'],
    ['after the US clock change', '2027-03-17T13:00:00Z', '2027-03-17T09:00:00'],
  ])('reads back an America/New_York meeting %s', (_, instant, local) => {
    const m = meeting({ timezone: 'America/New_York', startsAt: new Date(instant) });
    const cal = parse(meetingInvitationIcs({ method: 'REQUEST', meeting: m, organizer, attendee, dtstamp }));
    expect(readTime(cal, onlyEvent(cal), 'dtstart')).toEqual({ tzid: 'America/New_York', local, instant: new Date(instant) });
  });

  it.each([
    // The packaged definitions: none for Europe/Kyiv; US/Eastern answers with TZID America/New_York;
    // Mexico City's still has the daylight saving time it dropped in 2022.
    ['Europe/Kyiv', '2027-07-06T06:30:00Z', '2027-07-06T09:30:00'],
    ['Europe/Kyiv', '2027-11-02T07:30:00Z', '2027-11-02T09:30:00'],
    ['US/Eastern', '2027-07-06T13:30:00Z', '2027-07-06T09:30:00'],
    ['America/Mexico_City', '2027-07-06T15:30:00Z', '2027-07-06T09:30:00'],
  ])('gives %s a VTIMEZONE that is right at %s', (zone, instant, local) => {
    const m = meeting({ timezone: zone, startsAt: new Date(instant) });
    const cal = parse(meetingInvitationIcs({ method: 'REQUEST', meeting: m, organizer, attendee, dtstamp }));
    expect(readTime(cal, onlyEvent(cal), 'dtstart')).toEqual({ tzid: zone, local, instant: new Date(instant) });
  });

  it('writes a meeting held in UTC as UTC times, which need no VTIMEZONE', () => {
    const m = meeting({ timezone: 'UTC', startsAt: new Date('2027-07-06T09:30:00Z') });
    const cal = parse(meetingInvitationIcs({ method: 'REQUEST', meeting: m, organizer, attendee, dtstamp }));
    const start = onlyEvent(cal).getFirstProperty('dtstart')!;
    expect(start.toICALString()).toBe('DTSTART:20270706T093000Z');
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(0);
  });

  it('uses the packaged definition from @touch4it/ical-timezones where it is right', () => {
    const ics = meetingInvitationIcs({ method: 'REQUEST', meeting: meeting(), organizer, attendee, dtstamp });
    expect(ics).toContain('TZURL:http://tzurl.org/zoneinfo-outlook/Europe/London');
  });

  it('writes a CANCEL with the same UID, the given SEQUENCE and STATUS:CANCELLED', () => {
    const m = meeting({ icalSequence: 4 });
    const cal = parse(meetingInvitationIcs({ method: 'CANCEL', meeting: m, organizer, attendee, dtstamp }));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = onlyEvent(cal);
    expect(text(event, 'uid')).toBe(m.icalUid);
    expect(event.getFirstPropertyValue('sequence')).toBe(4);
    expect(text(event, 'status')).toBe('CANCELLED');
    expect(event.getAllProperties('attendee')).toHaveLength(1);
    expect(readTime(cal, event, 'dtstart').instant).toEqual(m.startsAt);
  });

  it.each([
    ['in_person', 'Room 4, Civic Centre, Paisley', false],
    ['online', 'https://meet.example/abc-defg', true],
    ['hybrid', 'Room 4, Civic Centre, Paisley (or online: https://meet.example/abc-defg)', true],
  ] as const)('mode %s: LOCATION, and the online link in DESCRIPTION unless in person', (mode, location, linkInDescription) => {
    const m = meeting({ mode });
    const event = onlyEvent(parse(meetingInvitationIcs({ method: 'REQUEST', meeting: m, organizer, attendee, dtstamp })));
    expect(text(event, 'location')).toBe(location);
    const description = text(event, 'description');
    expect(description).toContain('Report back on actions\nCloud accounting: what worked');
    expect(description).toContain(m.url);
    expect(description.includes('Join online: https://meet.example/abc-defg')).toBe(linkInDescription);
    expect(text(event, 'url')).toBe(m.url);
  });

  it('keeps commas, semicolons, quotes and line breaks in the data from breaking the file', () => {
    const m = meeting({ title: 'Sales; pricing, and "value"\nBEGIN:VEVENT', agenda: 'a;b,c\\d' });
    const ics = meetingInvitationIcs({
      method: 'REQUEST',
      meeting: m,
      organizer: { name: 'Fiona "Fi" Facilitator', email: organizer.email },
      attendee: { name: 'Ade; Member, Jr', email: attendee.email },
      dtstamp,
    });
    const event = onlyEvent(parse(ics));
    expect(text(event, 'summary')).toBe('Sales; pricing, and "value" BEGIN:VEVENT');
    expect(text(event, 'description')).toContain('a;b,c\\d');
    expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe('Fiona "Fi" Facilitator');
    expect(event.getFirstProperty('attendee')!.getParameter('cn')).toBe('Ade; Member, Jr');
  });

  it('refuses a meeting zone the runtime does not know', () => {
    expect(() =>
      meetingInvitationIcs({ method: 'REQUEST', meeting: meeting({ timezone: 'Mars/Olympus' }), organizer, attendee, dtstamp }),
    ).toThrow(RangeError);
  });
});

describe('calendarFeedIcs', () => {
  const feed = () =>
    calendarFeedIcs({
      ownerName: 'Ade Member, Paisley\nX-INJECTED:1',
      dtstamp,
      meetings: [
        { ...meeting({ icalUid: 'a@roundtable', startsAt: new Date('2027-07-06T08:30:00Z') }), status: 'scheduled' },
        { ...meeting({ icalUid: 'b@roundtable', startsAt: new Date('2027-11-02T09:30:00Z') }), status: 'cancelled' },
        {
          ...meeting({ icalUid: 'c@roundtable', timezone: 'America/New_York', startsAt: new Date('2027-11-09T14:00:00Z') }),
          status: 'scheduled',
        },
      ],
    });

  it('is a subscription feed: no METHOD, a name, and a refresh interval of an hour', () => {
    const cal = parse(feed());
    expect(cal.getFirstPropertyValue('method')).toBeNull();
    // ical.js leaves NAME (RFC 7986) and X- values raw; calendar clients read them as TEXT.
    const unescapeText = (v: unknown) => String(v).replace(/\\([\\;,])/g, '$1');
    expect(unescapeText(cal.getFirstPropertyValue('name'))).toBe('Roundtable: Ade Member, Paisley X-INJECTED:1');
    expect(unescapeText(cal.getFirstPropertyValue('x-wr-calname'))).toBe('Roundtable: Ade Member, Paisley X-INJECTED:1');
    expect(cal.getFirstPropertyValue('x-injected')).toBeNull();
    expect(String(cal.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
    expect(String(cal.getFirstPropertyValue('x-published-ttl'))).toBe('PT1H');
  });

  it('lists every meeting at its local time, cancelled ones as CANCELLED, with one VTIMEZONE per zone', () => {
    const cal = parse(feed());
    expect(cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Europe/London',
      'America/New_York',
    ]);
    const events = cal.getAllSubcomponents('vevent');
    expect(events.map((e) => [text(e, 'uid'), text(e, 'status'), readTime(cal, e, 'dtstart').local])).toEqual([
      ['a@roundtable', 'CONFIRMED', '2027-07-06T09:30:00'],
      ['b@roundtable', 'CANCELLED', '2027-11-02T09:30:00'],
      ['c@roundtable', 'CONFIRMED', '2027-11-09T09:00:00'],
    ]);
    expect(events.map((e) => readTime(cal, e, 'dtstart').instant.toISOString())).toEqual([
      '2027-07-06T08:30:00.000Z',
      '2027-11-02T09:30:00.000Z',
      '2027-11-09T14:00:00.000Z',
    ]);
    expect(events.every((e) => e.getFirstProperty('dtstamp')!.toICALString().endsWith('Z'))).toBe(true);
    expect(events.every((e) => e.getAllProperties('attendee').length === 0)).toBe(true);
  });

  it('writes one generated VTIMEZONE that holds both sides of a clock change', () => {
    const cal = parse(
      calendarFeedIcs({
        ownerName: 'Olena',
        dtstamp,
        meetings: [
          {
            ...meeting({ icalUid: 'k1', timezone: 'Europe/Kyiv', startsAt: new Date('2027-07-06T06:30:00Z') }),
            status: 'scheduled',
          },
          {
            ...meeting({ icalUid: 'k2', timezone: 'Europe/Kyiv', startsAt: new Date('2027-11-02T07:30:00Z') }),
            status: 'scheduled',
          },
        ],
      }),
    );
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(cal.getAllSubcomponents('vevent').map((e) => readTime(cal, e, 'dtstart'))).toEqual([
      { tzid: 'Europe/Kyiv', local: '2027-07-06T09:30:00', instant: new Date('2027-07-06T06:30:00Z') },
      { tzid: 'Europe/Kyiv', local: '2027-11-02T09:30:00', instant: new Date('2027-11-02T07:30:00Z') },
    ]);
  });
});

describe('singleMeetingIcs', () => {
  it('is a PUBLISH of the one meeting, with an ORGANIZER when one is given', () => {
    const m = meeting();
    const cal = parse(singleMeetingIcs(m, dtstamp, organizer));
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = onlyEvent(cal);
    expect(text(event, 'uid')).toBe(m.icalUid);
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:fiona@facilitators.example');
    expect(readTime(cal, event, 'dtstart')).toEqual({
      tzid: 'Europe/London',
      local: '2027-11-02T09:30:00',
      instant: new Date('2027-11-02T09:30:00Z'),
    });
    expect(event.getFirstProperty('dtstamp')!.toICALString()).toBe('DTSTAMP:20271020T081500Z');
  });

  it('marks a cancelled meeting CANCELLED', () => {
    const event = onlyEvent(parse(singleMeetingIcs({ ...meeting(), status: 'cancelled' }, dtstamp)));
    expect(text(event, 'status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('organizer')).toBeNull();
  });
});
