import { NotificationKind } from '@roundtable/domain';
import { ComposeEmailInput, MailMeeting, MailRecipient } from '../compose-input';

/** Plain data for every kind of email, as the worker would load it. For the specs only. */

export const NOW = new Date('2027-01-04T09:30:00Z');
export const APP_URL = 'https://roundtable.example';

export const recipient: MailRecipient = { name: 'Ade Member', email: 'ade@firm.example', timezone: 'Europe/London' };
export const organizer = { name: 'Fiona Facilitator', email: 'fiona@facilitators.example' };

export function meeting(overrides: Partial<MailMeeting> = {}): MailMeeting {
  return {
    icalUid: '0b0c2f7e-3a39-4c55-9b51-4f1f4c0d1e11@roundtable',
    icalSequence: 2,
    title: 'Digital tools that pay for themselves',
    agenda: 'Report back on actions\nCloud accounting: what worked',
    startsAt: new Date('2027-01-05T09:30:00Z'),
    durationMinutes: 90,
    timezone: 'Europe/London',
    mode: 'hybrid',
    venue: 'Room 4, Civic Centre, Paisley',
    onlineLink: 'https://meet.example/abc-defg',
    url: `${APP_URL}/meetings/0b0c2f7e`,
    groupName: 'Renfrewshire Makers',
    ...overrides,
  };
}

const base = { recipient, appUrl: APP_URL, now: NOW };
const unsubscribeUrl = `${APP_URL}/api/unsubscribe?token=eyJ1IjoiYSJ9.c2ln`;

export function sampleInputs(): Record<NotificationKind, ComposeEmailInput> {
  return {
    account_invitation: {
      ...base,
      kind: 'account_invitation',
      invitedByName: 'Priya Manager',
      role: 'member',
      programmeName: 'Peer Works West',
      groupName: null,
      firmName: 'Clyde Fabrication Ltd',
      setPasswordUrl: `${APP_URL}/invitation#token=abc`,
      expiresAt: new Date('2027-01-11T09:30:00Z'),
    },
    password_reset: {
      ...base,
      kind: 'password_reset',
      resetUrl: `${APP_URL}/reset-password#token=def`,
      expiresAt: new Date('2027-01-04T10:30:00Z'),
    },
    application_received: {
      ...base,
      kind: 'application_received',
      firmName: 'Clyde Fabrication Ltd',
      applicantName: 'Ade Member',
      groupName: 'Renfrewshire Makers',
      competitorConflict: true,
      reviewUrl: `${APP_URL}/groups/g1/applications/a1`,
    },
    application_approved: {
      ...base,
      kind: 'application_approved',
      firmName: 'Clyde Fabrication Ltd',
      groupName: 'Renfrewshire Makers',
      groupUrl: `${APP_URL}/groups/g1`,
    },
    application_rejected: {
      ...base,
      kind: 'application_rejected',
      firmName: 'Clyde Fabrication Ltd',
      groupName: 'Renfrewshire Makers',
      message: 'The group already has two metal fabricators.\nThe Inverclyde group meets in March.',
      reviewerName: 'Fiona Facilitator',
    },
    booking_confirmed: { ...base, kind: 'booking_confirmed', meeting: meeting(), organizer, bookingMode: 'online' },
    booking_waitlisted: { ...base, kind: 'booking_waitlisted', meeting: meeting(), position: 3 },
    booking_promoted: { ...base, kind: 'booking_promoted', meeting: meeting(), organizer },
    meeting_invitation: { ...base, kind: 'meeting_invitation', meeting: meeting(), organizer },
    meeting_updated: {
      ...base,
      kind: 'meeting_updated',
      meeting: meeting({ icalSequence: 3 }),
      organizer,
      previous: { startsAt: new Date('2027-01-05T13:00:00Z'), title: 'Digital tools' },
      hasCalendarEntry: true,
    },
    meeting_cancelled: {
      ...base,
      kind: 'meeting_cancelled',
      meeting: meeting({ icalSequence: 3 }),
      organizer,
      message: 'The venue is closed by snow. We will meet on the 12th instead.',
      hasCalendarEntry: true,
    },
    booking_cancelled: {
      ...base,
      kind: 'booking_cancelled',
      meeting: meeting(),
      organizer,
      reason: 'firm_left_group',
      hasCalendarEntry: true,
    },
    reminder: {
      ...base,
      kind: 'reminder',
      meeting: meeting(),
      offsetMinutes: 1440,
      unsubscribeUrl,
      openCommitments: [{ text: 'Try cloud invoicing for a month', dueDate: '2027-01-05' }],
    },
    facilitator_brief: {
      ...base,
      kind: 'facilitator_brief',
      meeting: meeting(),
      unsubscribeUrl,
      attending: [
        { name: 'Ade Member', firmName: 'Clyde Fabrication Ltd', mode: 'online' },
        { name: 'Bea Owner', firmName: 'Paisley Print Co', mode: 'in_person' },
      ],
      waitlisted: 1,
      apologies: [{ name: 'Cal Director', firmName: 'Renfrew Bakery' }],
      commitmentsDue: [
        {
          memberName: 'Ade Member',
          firmName: 'Clyde Fabrication Ltd',
          text: 'Try cloud invoicing for a month',
          dueDate: '2027-01-05',
          status: 'open',
        },
      ],
    },
    meeting_recap: {
      ...base,
      kind: 'meeting_recap',
      meeting: meeting(),
      unsubscribeUrl,
      commitments: [{ text: 'Map the quoting process', dueDate: '2027-02-02' }],
      feedbackUrl: `${APP_URL}/meetings/0b0c2f7e/feedback`,
    },
  };
}

/** Which kinds change the recipient's calendar, and how. */
export const CALENDAR_METHODS: Partial<Record<NotificationKind, 'REQUEST' | 'CANCEL'>> = {
  booking_confirmed: 'REQUEST',
  booking_promoted: 'REQUEST',
  meeting_invitation: 'REQUEST',
  meeting_updated: 'REQUEST',
  meeting_cancelled: 'CANCEL',
  booking_cancelled: 'CANCEL',
};

export const NON_ESSENTIAL: Partial<Record<NotificationKind, string>> = {
  reminder: 'reminders',
  facilitator_brief: 'briefs',
  meeting_recap: 'recaps',
};
