import { NotificationKind } from '@roundtable/domain';
import { ComposedEmail, ComposeEmailInput, EmailCategory } from './compose-input';
import { meetingInvitationIcs } from './ical';
import { renderHtml, renderText } from './layout';
import { accountInvitation, passwordReset } from './templates/account';
import { applicationApproved, applicationReceived, applicationRejected } from './templates/applications';
import { bookingCancelled, bookingConfirmed, bookingPromoted, bookingWaitlisted } from './templates/bookings';
import { facilitatorBrief, meetingRecap, reminder } from './templates/digests';
import { meetingCancelled, meetingInvitation, meetingUpdated } from './templates/meetings';
import { Draft, oneLine } from './templates/shared';
import { UnsubscribeCategory } from './unsubscribe';

/** Mail a person may turn off, by kind; every other kind is essential and always sent. */
export const EMAIL_CATEGORIES: Record<NotificationKind, EmailCategory> = {
  account_invitation: 'essential',
  password_reset: 'essential',
  application_received: 'essential',
  application_approved: 'essential',
  application_rejected: 'essential',
  booking_confirmed: 'essential',
  booking_waitlisted: 'essential',
  booking_promoted: 'essential',
  meeting_invitation: 'essential',
  meeting_updated: 'essential',
  meeting_cancelled: 'essential',
  booking_cancelled: 'essential',
  reminder: 'reminders',
  facilitator_brief: 'briefs',
  meeting_recap: 'recaps',
};

const UNSUBSCRIBE_LABELS: Record<UnsubscribeCategory, string> = {
  reminders: 'Unsubscribe from session reminders',
  recaps: 'Unsubscribe from session recaps',
  briefs: 'Unsubscribe from facilitator briefs',
};

/**
 * The whole of one email, from data the caller has already loaded: subject, plain text, HTML,
 * the iCalendar part when the email changes someone's calendar, and the one-click unsubscribe
 * URL for mail a person may turn off. Pure: the same input gives the same email.
 */
export function composeEmail(input: ComposeEmailInput): ComposedEmail {
  const draft = draftFor(input);
  const category = EMAIL_CATEGORIES[input.kind];
  const unsubscribeUrl = category !== 'essential' && 'unsubscribeUrl' in input ? input.unsubscribeUrl : undefined;
  if (category !== 'essential' && !unsubscribeUrl) throw new TypeError(`A ${input.kind} email needs an unsubscribeUrl`);
  const subject = oneLine(draft.subject);
  const layout = {
    subject,
    heading: draft.heading,
    blocks: draft.blocks,
    reason: draft.reason,
    appUrl: input.appUrl,
    ...(unsubscribeUrl &&
      category !== 'essential' && { unsubscribe: { url: unsubscribeUrl, label: UNSUBSCRIBE_LABELS[category] } }),
  };
  return {
    subject,
    text: renderText(layout),
    html: renderHtml(layout),
    ...(draft.calendar && { calendar: { method: draft.calendar, content: calendarFor(input, draft.calendar) } }),
    ...(unsubscribeUrl && { listUnsubscribeUrl: unsubscribeUrl }),
    category,
  };
}

function draftFor(input: ComposeEmailInput): Draft {
  switch (input.kind) {
    case 'account_invitation':
      return accountInvitation(input);
    case 'password_reset':
      return passwordReset(input);
    case 'application_received':
      return applicationReceived(input);
    case 'application_approved':
      return applicationApproved(input);
    case 'application_rejected':
      return applicationRejected(input);
    case 'booking_confirmed':
      return bookingConfirmed(input);
    case 'booking_waitlisted':
      return bookingWaitlisted(input);
    case 'booking_promoted':
      return bookingPromoted(input);
    case 'meeting_invitation':
      return meetingInvitation(input);
    case 'meeting_updated':
      return meetingUpdated(input);
    case 'meeting_cancelled':
      return meetingCancelled(input);
    case 'booking_cancelled':
      return bookingCancelled(input);
    case 'reminder':
      return reminder(input);
    case 'facilitator_brief':
      return facilitatorBrief(input);
    case 'meeting_recap':
      return meetingRecap(input);
  }
}

function calendarFor(input: ComposeEmailInput, method: 'REQUEST' | 'CANCEL'): string {
  if (!('organizer' in input)) throw new TypeError(`A ${input.kind} email has no meeting organizer for its calendar`);
  return meetingInvitationIcs({
    method,
    meeting: input.meeting,
    organizer: input.organizer,
    attendee: { name: input.recipient.name, email: input.recipient.email },
    dtstamp: input.now,
  });
}
