import { MeetingMode, MeetingStatus } from '@roundtable/domain';
import ical, {
  escape,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventData,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { vtimezoneComponent } from './vtimezone';

/** What a calendar entry needs to know about a meeting. */
export interface IcsMeeting {
  /** Stable for the meeting's whole life (RFC 5545 §3.8.4.7): every update and cancellation reuses it. */
  icalUid: string;
  /** Rises on every change a calendar shows (RFC 5545 §3.8.7.4); the meeting row keeps it. */
  icalSequence: number;
  title: string;
  agenda: string | null;
  /** The UTC instant the meeting starts. */
  startsAt: Date;
  durationMinutes: number;
  /** The IANA zone the meeting is held in: DTSTART/DTEND are written in it. */
  timezone: string;
  mode: MeetingMode;
  venue: string | null;
  onlineLink: string | null;
  /** The meeting's page in the web app. */
  url: string;
}

export interface CalendarPerson {
  name: string;
  email: string;
}

export type InvitationMethod = 'REQUEST' | 'CANCEL';

export interface MeetingInvitationIcsInput {
  method: InvitationMethod;
  meeting: IcsMeeting;
  /** The facilitator. */
  organizer: CalendarPerson;
  /** The recipient of this one email. */
  attendee: CalendarPerson;
  dtstamp: Date;
}

export interface CalendarFeedIcsInput {
  ownerName: string;
  meetings: readonly (IcsMeeting & { status: MeetingStatus })[];
  dtstamp: Date;
}

const PROD_ID = { company: 'Roundtable', product: 'Roundtable', language: 'EN' };
/** How often a subscribed calendar should be fetched again. */
export const FEED_REFRESH_SECONDS = 3600;

/**
 * An iMIP invitation (RFC 5546 REQUEST) or cancellation (CANCEL) for one attendee. A CANCEL keeps
 * the UID, carries STATUS:CANCELLED and should carry a SEQUENCE at least that of the last REQUEST.
 */
export function meetingInvitationIcs({ method, meeting, organizer, attendee, dtstamp }: MeetingInvitationIcsInput): string {
  const cal = calendar(method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST, [meeting]);
  cal.createEvent({
    ...eventData(meeting, dtstamp),
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: oneLine(organizer.name), email: organizer.email },
    attendees: [
      {
        name: oneLine(attendee.name),
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        // Replies would reach the facilitator's own inbox and change nothing here: bookings are made in the app.
        rsvp: false,
      },
    ],
  });
  return cal.toString();
}

/**
 * A subscription feed (webcal): no METHOD, as RFC 5545 calendars that are not iTIP messages have
 * none; cancelled meetings stay in it with STATUS:CANCELLED so subscribed clients drop them.
 */
export function calendarFeedIcs({ ownerName, meetings, dtstamp }: CalendarFeedIcsInput): string {
  const cal = calendar(null, meetings);
  // ical-generator writes NAME and X-WR-CALNAME verbatim: a name must not be able to add lines.
  cal.name(escape(oneLine(`Roundtable: ${ownerName}`), false));
  cal.ttl(FEED_REFRESH_SECONDS);
  for (const meeting of meetings) {
    cal.createEvent({
      ...eventData(meeting, dtstamp),
      status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

/** One meeting as a file to download and open (METHOD:PUBLISH). */
export function singleMeetingIcs(
  meeting: IcsMeeting & { status?: MeetingStatus },
  dtstamp: Date,
  organizer?: CalendarPerson,
): string {
  const cal = calendar(ICalCalendarMethod.PUBLISH, [meeting]);
  cal.createEvent({
    ...eventData(meeting, dtstamp),
    status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // RFC 5546 §3.2.1 wants an ORGANIZER in a PUBLISH; without one the file is still a plain RFC 5545 event.
    ...(organizer && { organizer: { name: oneLine(organizer.name), email: organizer.email } }),
  });
  return cal.toString();
}

/** Where the meeting takes place, as one line: the venue, the online link, or (hybrid) both. */
export function meetingLocation(meeting: Pick<IcsMeeting, 'mode' | 'venue' | 'onlineLink'>): string | null {
  const venue = meeting.mode !== 'online' ? meeting.venue?.trim() || null : null;
  const link = meeting.mode !== 'in_person' ? meeting.onlineLink?.trim() || null : null;
  if (venue && link) return `${venue} (or online: ${link})`;
  return venue ?? link;
}

function calendar(method: ICalCalendarMethod | null, meetings: readonly IcsMeeting[]): ICalCalendar {
  const instants = new Map<string, Date[]>();
  for (const m of meetings) {
    const list = instants.get(m.timezone) ?? [];
    list.push(m.startsAt, endOf(m));
    instants.set(m.timezone, list);
  }
  return ical({
    prodId: PROD_ID,
    method,
    // A calendar-level zone *name* would make ical-generator drop the Z from DTSTAMP: only the
    // generator is set, and each event names its own zone.
    timezone: { name: null, generator: (zone) => vtimezoneComponent(zone, instants.get(zone) ?? []) },
  });
}

function eventData(meeting: IcsMeeting, dtstamp: Date): ICalEventData {
  if (!IANAZone.isValidZone(meeting.timezone)) throw new RangeError(`Unknown time zone ${meeting.timezone}`);
  // Luxon DateTimes in the meeting's zone: given a JS Date, ical-generator would write the
  // process's local clock time under the meeting's TZID.
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timezone });
  return {
    id: meeting.icalUid,
    sequence: meeting.icalSequence,
    stamp: DateTime.fromJSDate(dtstamp, { zone: 'utc' }),
    start,
    end: start.plus({ minutes: meeting.durationMinutes }),
    timezone: meeting.timezone,
    summary: oneLine(meeting.title),
    description: description(meeting),
    location: meetingLocation(meeting),
    url: meeting.url.replace(/[\r\n]/g, ''),
  };
}

function description(meeting: IcsMeeting): string {
  const parts: string[] = [];
  const agenda = meeting.agenda?.trim();
  if (agenda) parts.push(agenda);
  if (meeting.mode !== 'in_person' && meeting.onlineLink?.trim()) parts.push(`Join online: ${meeting.onlineLink.trim()}`);
  parts.push(`Details and bookings: ${meeting.url}`);
  return parts.join('\n\n');
}

function endOf(meeting: IcsMeeting): Date {
  return new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
