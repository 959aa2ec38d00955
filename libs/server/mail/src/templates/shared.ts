import { CommitmentStatus, FALLBACK_TIME_ZONE, MeetingMode } from '@roundtable/domain';
import { MailMeeting, MailRecipient } from '../compose-input';
import { formatCalendarDate, formatMeetingTime, formatShortStart, isKnownZone } from '../format';
import { Block, Fact } from '../layout';

/** What a template decides; compose.ts adds the calendar, the unsubscribe link and renders it. */
export interface Draft {
  subject: string;
  heading: string;
  blocks: Block[];
  reason: string;
  calendar?: 'REQUEST' | 'CANCEL';
}

export const SERVICE_REASON =
  'This is a service message about your Roundtable account and bookings; it is sent whatever your email preferences.';

export const greeting = (recipient: MailRecipient): string => `Hello ${recipient.name},`;

/** The zone the reader sees times in: theirs when the runtime knows it, else the meeting's. */
export function readerZone(recipient: MailRecipient, meeting?: MailMeeting): string {
  if (isKnownZone(recipient.timezone)) return recipient.timezone;
  return meeting?.timezone ?? FALLBACK_TIME_ZONE;
}

export const when = (meeting: MailMeeting, recipient: MailRecipient): string =>
  formatMeetingTime(meeting.startsAt, meeting.durationMinutes, meeting.timezone, readerZone(recipient, meeting));

export const shortWhen = (meeting: MailMeeting, recipient: MailRecipient): string =>
  formatShortStart(meeting.startsAt, readerZone(recipient, meeting));

const MODE_LABELS: Record<MeetingMode, string> = {
  in_person: 'In person',
  online: 'Online',
  hybrid: 'Hybrid: in person or online',
};

export const modeLabel = (mode: MeetingMode): string => MODE_LABELS[mode];

/**
 * The facts of a session. The online link is left out (`joinLink: false`) where the reader has
 * no seat: the waiting list and cancellations.
 */
export function meetingFacts(meeting: MailMeeting, recipient: MailRecipient, { joinLink }: { joinLink: boolean }): Fact[] {
  const rows: Fact[] = [
    { label: 'Session', value: meeting.title },
    { label: 'When', value: when(meeting, recipient) },
    { label: 'Format', value: modeLabel(meeting.mode) },
  ];
  if (meeting.mode !== 'online' && meeting.venue?.trim()) rows.push({ label: 'Where', value: meeting.venue.trim() });
  if (joinLink && meeting.mode !== 'in_person' && meeting.onlineLink?.trim()) {
    rows.push({ label: 'Join online', value: meeting.onlineLink.trim(), href: meeting.onlineLink.trim() });
  }
  rows.push({ label: 'Group', value: meeting.groupName ?? 'Open event for the whole programme' });
  return rows;
}

export function agendaBlocks(meeting: MailMeeting): Block[] {
  const agenda = meeting.agenda?.trim();
  return agenda
    ? [
        { type: 'subheading', text: 'Agenda' },
        { type: 'paragraph', text: agenda },
      ]
    : [];
}

const STATUS_LABELS: Record<CommitmentStatus, string> = {
  open: 'open',
  done: 'done',
  partly: 'partly done',
  dropped: 'dropped',
};

export const commitmentStatusLabel = (status: CommitmentStatus): string => STATUS_LABELS[status];

export function dueText(dueDate: string | null): string {
  return dueDate ? ` (due ${formatCalendarDate(dueDate)})` : '';
}

/** "60 minutes", "3 hours", "7 days": how long from `now` until `until`, rounded. */
export function durationInWords(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

/** A reminder's offset in words: 1440 → "24 hours", 60 → "1 hour", 90 → "1 hour 30 minutes", 2880 → "2 days". */
export function offsetInWords(offsetMinutes: number): string {
  const minutes = Math.max(0, Math.round(offsetMinutes));
  if (minutes >= 2880 && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(rest, 'minute');
  return rest ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(hours, 'hour');
}

export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Subjects are one header line: whatever the data holds, no line breaks reach it. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
