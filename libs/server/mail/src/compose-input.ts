import { AttendanceMode, CommitmentStatus, InvitableRole, NotificationKind } from '@roundtable/domain';
import { CalendarPerson, IcsMeeting } from './ical';
import { UnsubscribeCategory } from './unsubscribe';

export interface MailRecipient {
  name: string;
  email: string;
  /** IANA zone every time in the email is shown in (with the meeting's own zone when it differs). */
  timezone: string;
}

export interface MailMeeting extends IcsMeeting {
  /** The peer group; null for a programme-wide open event. */
  groupName: string | null;
}

export interface MailPerson {
  name: string;
  firmName: string | null;
}

export interface CommitmentLine {
  text: string;
  /** YYYY-MM-DD, as stored. */
  dueDate: string | null;
}

interface BaseInput {
  recipient: MailRecipient;
  /** The web app's root, e.g. https://roundtable.example.org */
  appUrl: string;
  /** When the email is composed: the calendar's DTSTAMP and the base of "valid for an hour". */
  now: Date;
}

interface NonEssentialInput {
  /** The RFC 8058 one-click URL (it carries a token from signUnsubscribeToken); also shown as a link. */
  unsubscribeUrl: string;
}

interface MeetingInput {
  meeting: MailMeeting;
}

interface CalendarInput extends MeetingInput {
  /** The facilitator: the calendar's ORGANIZER. */
  organizer: CalendarPerson;
}

/**
 * Whether this recipient was sent the meeting's calendar entry (a confirmed booking, a promotion
 * or a meeting invitation). Only then does an update or cancellation carry a calendar part: a
 * person on the waiting list is told, and their calendar gains nothing.
 */
interface CalendarHolder {
  hasCalendarEntry: boolean;
}

export interface AccountInvitationInput extends BaseInput {
  kind: 'account_invitation';
  /** Null when the inviting account has since been deleted. */
  invitedByName: string | null;
  role: InvitableRole;
  programmeName: string;
  /** The group a facilitator is invited to. */
  groupName: string | null;
  /** The firm a member is invited for. */
  firmName: string | null;
  setPasswordUrl: string;
  expiresAt: Date;
}

export interface PasswordResetInput extends BaseInput {
  kind: 'password_reset';
  resetUrl: string;
  expiresAt: Date;
}

/** To a reviewer (a facilitator of the group or a programme manager). */
export interface ApplicationReceivedInput extends BaseInput {
  kind: 'application_received';
  firmName: string;
  applicantName: string;
  groupName: string;
  /** The firm looks like a competitor of one already in the group. */
  competitorConflict: boolean;
  reviewUrl: string;
}

export interface ApplicationApprovedInput extends BaseInput {
  kind: 'application_approved';
  firmName: string;
  groupName: string;
  groupUrl: string;
}

export interface ApplicationRejectedInput extends BaseInput {
  kind: 'application_rejected';
  firmName: string;
  groupName: string;
  /** What the reviewer wrote to the firm, if anything. */
  message: string | null;
  reviewerName: string | null;
}

export interface BookingConfirmedInput extends BaseInput, CalendarInput {
  kind: 'booking_confirmed';
  /** For a hybrid session: how the person said they would join. */
  bookingMode?: AttendanceMode | null;
}

export interface BookingWaitlistedInput extends BaseInput, MeetingInput {
  kind: 'booking_waitlisted';
  /** 1 = next in line. */
  position: number;
}

export interface BookingPromotedInput extends BaseInput, CalendarInput {
  kind: 'booking_promoted';
}

export interface MeetingInvitationInput extends BaseInput, CalendarInput {
  kind: 'meeting_invitation';
}

/** The fields a calendar shows, as they were before the change; only those present and different are listed. */
export type MeetingBefore = Partial<
  Pick<MailMeeting, 'title' | 'startsAt' | 'durationMinutes' | 'timezone' | 'mode' | 'venue' | 'onlineLink' | 'agenda'>
>;

export interface MeetingUpdatedInput extends BaseInput, CalendarInput, CalendarHolder {
  kind: 'meeting_updated';
  previous: MeetingBefore;
}

export interface MeetingCancelledInput extends BaseInput, CalendarInput, CalendarHolder {
  kind: 'meeting_cancelled';
  /** The facilitator's message to those booked. */
  message: string | null;
}

export const BOOKING_CANCEL_REASONS = ['member', 'facilitator', 'firm_left_group', 'firm_removed_from_group'] as const;
/** Who or what ended the booking: the person themselves, a facilitator, or the firm's membership ending. */
export type BookingCancelReason = (typeof BOOKING_CANCEL_REASONS)[number];

/** To the person whose booking ended while the meeting goes ahead. */
export interface BookingCancelledInput extends BaseInput, CalendarInput, CalendarHolder {
  kind: 'booking_cancelled';
  reason: BookingCancelReason;
  message?: string | null;
}

export interface ReminderInput extends BaseInput, MeetingInput, NonEssentialInput {
  kind: 'reminder';
  /** Which reminder this is: minutes before the start (the programme's offsets, 1440 and 60 by default). */
  offsetMinutes: number;
  /** The recipient's open commitments, to report on at the session. */
  openCommitments?: CommitmentLine[];
}

export interface DueCommitment extends CommitmentLine {
  memberName: string;
  firmName: string | null;
  status: CommitmentStatus;
}

/** To the facilitator, the day before. */
export interface FacilitatorBriefInput extends BaseInput, MeetingInput, NonEssentialInput {
  kind: 'facilitator_brief';
  attending: (MailPerson & { mode?: AttendanceMode | null })[];
  waitlisted: number;
  apologies: MailPerson[];
  commitmentsDue: DueCommitment[];
}

/** To an attendee, after the session. */
export interface MeetingRecapInput extends BaseInput, MeetingInput, NonEssentialInput {
  kind: 'meeting_recap';
  commitments: CommitmentLine[];
  feedbackUrl: string;
}

export type ComposeEmailInput =
  | AccountInvitationInput
  | PasswordResetInput
  | ApplicationReceivedInput
  | ApplicationApprovedInput
  | ApplicationRejectedInput
  | BookingConfirmedInput
  | BookingWaitlistedInput
  | BookingPromotedInput
  | MeetingInvitationInput
  | MeetingUpdatedInput
  | MeetingCancelledInput
  | BookingCancelledInput
  | ReminderInput
  | FacilitatorBriefInput
  | MeetingRecapInput;

export type EmailCategory = 'essential' | UnsubscribeCategory;

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  listUnsubscribeUrl?: string;
  category: EmailCategory;
}

// Every notification kind the outbox can hold has an email, and no email exists without a kind.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _everyKindComposed: Exactly<ComposeEmailInput['kind'], NotificationKind> = true;
