import { NOTIFICATION_KINDS, NotificationKind } from '@roundtable/domain';
import ICAL from 'ical.js';
import { composeEmail } from './compose';
import { ComposeEmailInput, MeetingUpdatedInput } from './compose-input';
import { escapeHtml } from './layout';
import { CALENDAR_METHODS, meeting, NON_ESSENTIAL, organizer, recipient, sampleInputs } from './testing/email-fixtures';

const samples = sampleInputs();

function calendarOf(content: string) {
  const cal = new ICAL.Component(ICAL.parse(content));
  const event = cal.getFirstSubcomponent('vevent')!;
  return {
    method: cal.getFirstPropertyValue('method'),
    status: event.getFirstPropertyValue('status'),
    uid: event.getFirstPropertyValue('uid'),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase()),
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
    dtstamp: event.getFirstProperty('dtstamp')!.toICALString(),
  };
}

/** The same data with markup in every free-text value (names, titles, messages, agenda). */
function hostile<T>(value: T, key = ''): T {
  const keep = [
    'kind',
    'email',
    'timezone',
    'mode',
    'role',
    'status',
    'reason',
    'bookingMode',
    'icalUid',
    'dueDate',
    'onlineLink',
  ];
  if (typeof value === 'string') {
    return (keep.includes(key) || /url$/i.test(key) ? value : `<script>alert("${key}")</script> & ${value}`) as T;
  }
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => hostile(v, key)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, k)])) as T;
}

describe('composeEmail', () => {
  it('has a sample for every notification kind', () => {
    expect(Object.keys(samples).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  describe.each(NOTIFICATION_KINDS.map((kind) => [kind, samples[kind]] as [NotificationKind, ComposeEmailInput]))(
    '%s',
    (kind, input) => {
      const email = composeEmail(input);

      it('has a one-line subject, a plain-text part and an accessible HTML part', () => {
        expect(email.subject.length).toBeGreaterThan(5);
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(email.text).toContain('Hello Ade Member,');
        expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
        expect(email.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
        expect(email.html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
        expect(email.html).toContain('role="article"');
        expect(email.html).not.toMatch(/<img(?![^>]*alt=)/);
      });

      if ('meeting' in input) {
        it('shows the meeting’s time in the recipient’s zone', () => {
          expect(email.text).toContain('Tuesday 5 January 2027, 09:30–11:00 GMT (Europe/London)');
        });
      }

      it(`is ${NON_ESSENTIAL[kind] ?? 'essential'}, with an unsubscribe link only if it may be turned off`, () => {
        expect(email.category).toBe(NON_ESSENTIAL[kind] ?? 'essential');
        if (NON_ESSENTIAL[kind]) {
          const url = (input as { unsubscribeUrl: string }).unsubscribeUrl;
          expect(email.listUnsubscribeUrl).toBe(url);
          expect(email.text).toMatch(new RegExp(`Unsubscribe from [a-z ]+: ${url.replace(/[.?]/g, '\\$&')}`));
          expect(email.html).toContain(`<a href="${url}"`);
        } else {
          expect(email.listUnsubscribeUrl).toBeUndefined();
          expect(email.text.toLowerCase()).not.toContain('unsubscribe');
          expect(email.html.toLowerCase()).not.toContain('unsubscribe');
        }
      });

      it(`carries ${CALENDAR_METHODS[kind] ?? 'no'} calendar for the recipient`, () => {
        const method = CALENDAR_METHODS[kind];
        if (!method) {
          expect(email.calendar).toBeUndefined();
          return;
        }
        expect(email.calendar?.method).toBe(method);
        const cal = calendarOf(email.calendar!.content);
        expect(cal.method).toBe(method);
        expect(cal.status).toBe(method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
        expect(cal.uid).toBe(meeting().icalUid);
        expect(cal.attendees).toEqual([`mailto:${recipient.email}`]);
        expect(cal.organizer).toBe(`mailto:${organizer.email}`);
        expect(cal.dtstamp).toBe('DTSTAMP:20270104T093000Z');
      });

      it('escapes every value in the HTML', () => {
        const bad = composeEmail(hostile(input));
        expect(bad.html).not.toMatch(/<script/i);
        expect(bad.html).toContain('&#60;script&#62;alert(&#34;');
        expect(bad.text).toContain('<script>alert("');
        expect(bad.subject).not.toMatch(/[\r\n]/);
      });
    },
  );

  it('escapes a <script> in a firm name and keeps the name readable', () => {
    const email = composeEmail({
      ...samples.application_received,
      firmName: '<script>alert(1)</script> & "Sons"',
    } as ComposeEmailInput);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Sons&#34;');
    expect(email.text).toContain('<script>alert(1)</script> & "Sons" has applied to join Renfrewshire Makers');
    expect(email.subject).toBe('New application: <script>alert(1)</script> & "Sons" to join Renfrewshire Makers');
  });

  it('never turns a javascript: address into a link', () => {
    const evil = meeting({ onlineLink: 'javascript:alert(1)', url: 'javascript:alert(2)', mode: 'online' });
    const email = composeEmail({ ...samples.booking_confirmed, meeting: evil } as ComposeEmailInput);
    expect(email.html).not.toMatch(/href="javascript/i);
    expect(email.html).toContain('javascript:alert(1)');
  });

  it('shows a recipient elsewhere both their time and the meeting’s', () => {
    const email = composeEmail({
      ...samples.reminder,
      recipient: { ...recipient, timezone: 'America/New_York' },
    } as ComposeEmailInput);
    expect(email.text).toContain(
      'When: Tuesday 5 January 2027, 04:30–06:00 EST (America/New_York); 09:30–11:00 GMT in Europe/London where the meeting is held',
    );
    expect(email.subject).toBe('Reminder: Digital tools that pay for themselves, Tue 5 Jan 2027, 04:30 EST');
  });

  it('keeps a line break in a title out of the subject', () => {
    const email = composeEmail({
      ...samples.meeting_invitation,
      meeting: meeting({ title: 'Line one\r\nBcc: x@y.example' }),
    } as ComposeEmailInput);
    expect(email.subject).toBe('Invitation: Line one Bcc: x@y.example, Tue 5 Jan 2027, 09:30 GMT');
  });

  it('refuses non-essential mail without an unsubscribe URL', () => {
    expect(() => composeEmail({ ...samples.reminder, unsubscribeUrl: '' } as ComposeEmailInput)).toThrow(TypeError);
  });

  describe('what each email says', () => {
    it('account_invitation: who invited, to what, the link and when it expires', () => {
      const { text, html } = composeEmail(samples.account_invitation);
      expect(text).toContain(
        'Priya Manager has invited you to join Peer Works West on Roundtable as a member for Clyde Fabrication Ltd.',
      );
      expect(text).toContain('Set your password: https://roundtable.example/invitation#token=abc');
      expect(text).toContain('expires on Monday 11 January 2027, 09:30 GMT (in 7 days)');
      expect(html).toContain('href="https://roundtable.example/invitation#token=abc"');
    });

    it('password_reset: a single-use link valid for an hour', () => {
      const { text } = composeEmail(samples.password_reset);
      expect(text).toContain('Choose a new password: https://roundtable.example/reset-password#token=def');
      expect(text).toContain(
        'The link works once, and only until Monday 4 January 2027, 10:30 GMT (60 minutes from when it was sent).',
      );
    });

    it('application_received: firm, group, the competitor warning and the review link', () => {
      const { text } = composeEmail(samples.application_received);
      expect(text).toContain('Firm: Clyde Fabrication Ltd');
      expect(text).toContain('Group: Renfrewshire Makers');
      expect(text).toContain('Possible competitor');
      expect(text).toContain('Review the application: https://roundtable.example/groups/g1/applications/a1');
      const clean = composeEmail({ ...samples.application_received, competitorConflict: false } as ComposeEmailInput);
      expect(clean.text).not.toContain('Possible competitor');
    });

    it('application_rejected: the reviewer’s message when there is one', () => {
      const { text, html } = composeEmail(samples.application_rejected);
      expect(text).toContain(
        'Fiona Facilitator:\n> The group already has two metal fabricators.\n> The Inverclyde group meets in March.',
      );
      expect(html).toContain('<blockquote');
      const silent = composeEmail({ ...samples.application_rejected, message: null } as ComposeEmailInput);
      expect(silent.html).not.toContain('<blockquote');
    });

    it('booking_waitlisted: the position, and no link to join online', () => {
      const { text, subject } = composeEmail(samples.booking_waitlisted);
      expect(subject).toBe('Waiting list: Digital tools that pay for themselves (number 3)');
      expect(text).toContain('number 3 in line');
      expect(text).not.toContain('meet.example');
    });

    it('booking_confirmed: the link to join online and how the person said they would join', () => {
      const { text } = composeEmail(samples.booking_confirmed);
      expect(text).toContain('Join online: https://meet.example/abc-defg');
      expect(text).toContain('You said you will join online.');
    });

    it('meeting_updated: what changed, then and now', () => {
      const { text } = composeEmail(samples.meeting_updated);
      expect(text).toContain(
        '- When: now Tuesday 5 January 2027, 09:30–11:00 GMT (Europe/London) (was Tuesday 5 January 2027, 13:00–14:30 GMT (Europe/London))',
      );
      expect(text).toContain('- Title: now “Digital tools that pay for themselves” (was “Digital tools”)');
      const same = {
        ...samples.meeting_updated,
        previous: { title: 'Digital tools that pay for themselves' },
      } as MeetingUpdatedInput;
      expect(composeEmail(same).text).toContain('Some of the details have changed');
    });

    it.each(['meeting_updated', 'meeting_cancelled', 'booking_cancelled'] as const)(
      '%s: no calendar part for someone who never had the entry (the waiting list)',
      (kind) => {
        const email = composeEmail({ ...samples[kind], hasCalendarEntry: false } as ComposeEmailInput);
        expect(email.calendar).toBeUndefined();
        expect(email.text).not.toContain('meet.example');
      },
    );

    it('meeting_cancelled: the facilitator’s message', () => {
      const { text } = composeEmail(samples.meeting_cancelled);
      expect(text).toContain('Fiona Facilitator:\n> The venue is closed by snow. We will meet on the 12th instead.');
    });

    it.each([
      ['member', 'As you asked, your booking is cancelled.'],
      ['facilitator', 'Fiona Facilitator has cancelled your booking for this session.'],
      ['firm_left_group', 'Because your firm has left Renfrewshire Makers, your bookings'],
      ['firm_removed_from_group', "Because your firm's membership of Renfrewshire Makers has ended"],
    ] as const)('booking_cancelled (%s) says why', (reason, sentence) => {
      expect(composeEmail({ ...samples.booking_cancelled, reason } as ComposeEmailInput).text).toContain(sentence);
    });

    it.each([
      [1440, '24 hours'],
      [60, '1 hour'],
      [90, '1 hour 30 minutes'],
      [2880, '2 days'],
    ])('reminder %i minutes ahead says "starts in %s" and lists the commitments to report on', (offsetMinutes, words) => {
      const { text } = composeEmail({ ...samples.reminder, offsetMinutes } as ComposeEmailInput);
      expect(text).toContain(`Digital tools that pay for themselves starts in ${words}`);
      expect(text).toContain('- Try cloud invoicing for a month (due 5 January 2027)');
    });

    it('facilitator_brief: who is coming, apologies, the waiting list and commitments due', () => {
      const { text, subject } = composeEmail(samples.facilitator_brief);
      expect(subject).toBe('Brief: Digital tools that pay for themselves, Tue 5 Jan 2027, 09:30 GMT (2 coming)');
      expect(text).toContain('Coming (2)');
      expect(text).toContain('- Ade Member (Clyde Fabrication Ltd), online');
      expect(text).toContain('- Bea Owner (Paisley Print Co), in person');
      expect(text).toContain('1 more person is on the waiting list.');
      expect(text).toContain('Apologies (1)\n-------------\n\n- Cal Director (Renfrew Bakery)');
      expect(text).toContain('- Ade Member (Clyde Fabrication Ltd): Try cloud invoicing for a month (due 5 January 2027), open');
    });

    it('meeting_recap: the attendee’s commitments and the feedback link', () => {
      const { text } = composeEmail(samples.meeting_recap);
      expect(text).toContain('- Map the quoting process (due 2 February 2027)');
      expect(text).toContain('Give feedback: https://roundtable.example/meetings/0b0c2f7e/feedback');
    });
  });

  it('is pure: the same input gives the same email', () => {
    expect(composeEmail(samples.meeting_invitation)).toEqual(composeEmail(samples.meeting_invitation));
  });
});
