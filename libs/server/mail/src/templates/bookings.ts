import {
  BookingCancelledInput,
  BookingCancelReason,
  BookingConfirmedInput,
  BookingPromotedInput,
  BookingWaitlistedInput,
} from '../compose-input';
import { button, facts, paragraph, quote } from '../layout';
import { Draft, greeting, meetingFacts, SERVICE_REASON, shortWhen } from './shared';

const GIVE_UP_SEAT = 'If you can no longer come, cancel your booking so that someone on the waiting list gets your seat.';

export function bookingConfirmed(input: BookingConfirmedInput): Draft {
  const { meeting, recipient } = input;
  const joining =
    meeting.mode === 'hybrid' && input.bookingMode
      ? [paragraph(`You said you will join ${input.bookingMode === 'online' ? 'online' : 'in person'}.`)]
      : [];
  return {
    subject: `Booked: ${meeting.title}, ${shortWhen(meeting, recipient)}`,
    heading: `You're booked: ${meeting.title}`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph('Your place is confirmed. The calendar invitation is attached.'),
      ...joining,
      facts(meetingFacts(meeting, recipient, { joinLink: true })),
      paragraph(GIVE_UP_SEAT),
      button('View or cancel your booking', meeting.url),
    ],
    reason: SERVICE_REASON,
    calendar: 'REQUEST',
  };
}

export function bookingWaitlisted(input: BookingWaitlistedInput): Draft {
  const { meeting, recipient, position } = input;
  return {
    subject: `Waiting list: ${meeting.title} (number ${position})`,
    heading: `You're on the waiting list for ${meeting.title}`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(
        `This session is full, so you are on its waiting list: number ${position} in line. ` +
          'When a seat comes free it goes to the first person waiting, and we email you straight away with a calendar invitation.',
      ),
      facts(meetingFacts(meeting, recipient, { joinLink: false })),
      paragraph('If you no longer wish to come, you can leave the waiting list from the session page.'),
      button('View the session', meeting.url),
    ],
    reason: SERVICE_REASON,
  };
}

export function bookingPromoted(input: BookingPromotedInput): Draft {
  const { meeting, recipient } = input;
  return {
    subject: `A seat is yours: ${meeting.title}, ${shortWhen(meeting, recipient)}`,
    heading: `A seat came free: you're booked for ${meeting.title}`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(
        'A seat came free and it is now yours: you have moved from the waiting list to a confirmed booking. The calendar invitation is attached.',
      ),
      facts(meetingFacts(meeting, recipient, { joinLink: true })),
      paragraph(GIVE_UP_SEAT),
      button('View or cancel your booking', meeting.url),
    ],
    reason: SERVICE_REASON,
    calendar: 'REQUEST',
  };
}

export function bookingCancelled(input: BookingCancelledInput): Draft {
  const { meeting, recipient, organizer, reason } = input;
  const message = input.message?.trim();
  const membershipEnded = reason === 'firm_left_group' || reason === 'firm_removed_from_group';
  return {
    subject:
      reason === 'member'
        ? `Booking cancelled: ${meeting.title}, ${shortWhen(meeting, recipient)}`
        : `Your place at ${meeting.title} is cancelled`,
    heading: `Your place at ${meeting.title} is cancelled`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(REASONS[reason](organizer.name, meeting.groupName ?? 'the group')),
      ...(message ? [quote(message, organizer.name)] : []),
      facts(meetingFacts(meeting, recipient, { joinLink: false })),
      ...(input.hasCalendarEntry ? [paragraph('This email removes the session from your calendar.')] : []),
      membershipEnded ? button('Go to Roundtable', input.appUrl) : button('View the session', meeting.url),
    ],
    reason: SERVICE_REASON,
    ...(input.hasCalendarEntry && { calendar: 'CANCEL' as const }),
  };
}

const REASONS: Record<BookingCancelReason, (facilitator: string, group: string) => string> = {
  member: () => 'As you asked, your booking is cancelled. Thank you for freeing the seat for someone else.',
  facilitator: (facilitator) => `${facilitator} has cancelled your booking for this session.`,
  firm_left_group: (_, group) =>
    `Because your firm has left ${group}, your bookings for the group's upcoming sessions are cancelled, this one included.`,
  firm_removed_from_group: (_, group) =>
    `Because your firm's membership of ${group} has ended, your bookings for the group's upcoming sessions are cancelled, this one included.`,
};
