import {
  MailMeeting,
  MailRecipient,
  MeetingBefore,
  MeetingCancelledInput,
  MeetingInvitationInput,
  MeetingUpdatedInput,
} from '../compose-input';
import { button, facts, list, paragraph, quote, subheading } from '../layout';
import { agendaBlocks, Draft, greeting, meetingFacts, modeLabel, SERVICE_REASON, shortWhen, when } from './shared';

export function meetingInvitation(input: MeetingInvitationInput): Draft {
  const { meeting, recipient, organizer } = input;
  const what = meeting.groupName ? `a session of ${meeting.groupName}` : 'an open event for the whole programme';
  return {
    subject: `Invitation: ${meeting.title}, ${shortWhen(meeting, recipient)}`,
    heading: `You're invited: ${meeting.title}`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(`${organizer.name} has scheduled ${what}. The calendar invitation is attached.`),
      facts(meetingFacts(meeting, recipient, { joinLink: true })),
      ...agendaBlocks(meeting),
      paragraph('Please book your seat in Roundtable, so that the facilitator knows who is coming and seats are shared fairly.'),
      button('Book your seat', meeting.url),
    ],
    reason: SERVICE_REASON,
    calendar: 'REQUEST',
  };
}

export function meetingUpdated(input: MeetingUpdatedInput): Draft {
  const { meeting, recipient, organizer } = input;
  const changes = changeLines(meeting, input.previous, recipient);
  const agendaChanged = input.previous.agenda !== undefined && (input.previous.agenda ?? '') !== (meeting.agenda ?? '');
  return {
    subject: `Updated: ${meeting.title}, ${shortWhen(meeting, recipient)}`,
    heading: `${meeting.title} has changed`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(
        `${organizer.name} has changed this session.` +
          (input.hasCalendarEntry ? ' This email updates the entry in your calendar.' : ''),
      ),
      subheading('What changed'),
      changes.length ? list(changes) : paragraph('Some of the details have changed; they are below as they are now.'),
      subheading('The session now'),
      facts(meetingFacts(meeting, recipient, { joinLink: input.hasCalendarEntry })),
      ...(agendaChanged ? agendaBlocks(meeting) : []),
      button('View the session', meeting.url),
    ],
    reason: SERVICE_REASON,
    ...(input.hasCalendarEntry && { calendar: 'REQUEST' as const }),
  };
}

export function meetingCancelled(input: MeetingCancelledInput): Draft {
  const { meeting, recipient, organizer } = input;
  const message = input.message?.trim();
  return {
    subject: `Cancelled: ${meeting.title}, ${shortWhen(meeting, recipient)}`,
    heading: `${meeting.title} is cancelled`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(
        `${organizer.name} has cancelled this session, and your booking with it: there is nothing you need to do.` +
          (input.hasCalendarEntry ? ' This email removes it from your calendar.' : ''),
      ),
      ...(message ? [quote(message, organizer.name)] : []),
      facts(meetingFacts(meeting, recipient, { joinLink: false })),
      button('See upcoming sessions', input.appUrl),
    ],
    reason: SERVICE_REASON,
    ...(input.hasCalendarEntry && { calendar: 'CANCEL' as const }),
  };
}

/** One line per field that really changed, "now … (was …)". */
function changeLines(meeting: MailMeeting, before: MeetingBefore, recipient: MailRecipient): string[] {
  const lines: string[] = [];
  const differs = <K extends keyof MeetingBefore>(key: K, same = (a: MeetingBefore[K], b: MailMeeting[K]) => a === b) =>
    before[key] !== undefined && !same(before[key], meeting[key]);
  const sameInstant = (a: Date | undefined, b: Date) => a?.getTime() === b.getTime();

  if (differs('startsAt', sameInstant) || differs('durationMinutes') || differs('timezone')) {
    const old: MailMeeting = {
      ...meeting,
      startsAt: before.startsAt ?? meeting.startsAt,
      durationMinutes: before.durationMinutes ?? meeting.durationMinutes,
      timezone: before.timezone ?? meeting.timezone,
    };
    lines.push(`When: now ${when(meeting, recipient)} (was ${when(old, recipient)})`);
  }
  if (differs('title')) lines.push(`Title: now “${meeting.title}” (was “${before.title}”)`);
  if (differs('mode') && before.mode) lines.push(`Format: now ${modeLabel(meeting.mode)} (was ${modeLabel(before.mode)})`);
  if (differs('venue')) lines.push(`Venue: now ${meeting.venue?.trim() || 'none'} (was ${before.venue?.trim() || 'none'})`);
  if (differs('onlineLink'))
    lines.push(meeting.onlineLink?.trim() ? 'The online link has changed' : 'The online link was removed');
  if (before.agenda !== undefined && (before.agenda ?? '') !== (meeting.agenda ?? '')) lines.push('The agenda has been revised');
  return lines;
}
