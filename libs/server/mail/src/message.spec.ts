import { NOTIFICATION_KINDS, NotificationKind } from '@roundtable/domain';
import ICAL from 'ical.js';
import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { SMTPServer } from 'smtp-server';
import { composeEmail } from './compose';
import { toNodemailerMessage } from './message';
import { CALENDAR_METHODS, NON_ESSENTIAL, sampleInputs } from './testing/email-fixtures';

const samples = sampleInputs();
const sentAt = new Date('2027-01-04T09:30:05Z');
const envelope = (kind: string) => ({
  from: '"Roundtable" <no-reply@roundtable.example>',
  to: { name: 'Ade Member', address: 'ade@firm.example' },
  messageId: `<n-${kind}@roundtable.example>`,
  sentAt,
});

const streamTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function build(message: Mail.Options): Promise<{ raw: string; parsed: ParsedMail }> {
  const info = await streamTransport.sendMail(message);
  const raw = info.message as Buffer;
  return { raw: raw.toString('utf8'), parsed: await simpleParser(raw) };
}

/** A header's lines as sent, unfolded (RFC 5322 §2.2.3). */
const header = (parsed: ParsedMail, name: string) =>
  parsed.headerLines.filter((h) => h.key === name).map((h) => h.line.replace(/\r?\n[ \t]+/g, ' '));
const COMMENTS: Record<string, string> = {
  reminders: 'Unsubscribe from Roundtable session reminders',
  recaps: 'Unsubscribe from Roundtable session recaps',
  briefs: 'Unsubscribe from Roundtable facilitator briefs',
};
const calendarParts = (parsed: ParsedMail) => parsed.attachments.filter((a) => a.contentType === 'text/calendar');

describe.each([...NOTIFICATION_KINDS])('toNodemailerMessage: %s as a MIME message', (kind: NotificationKind) => {
  const composed = composeEmail(samples[kind]);
  let raw: string;
  let parsed: ParsedMail;

  beforeAll(async () => {
    ({ raw, parsed } = await build(toNodemailerMessage(composed, envelope(kind))));
  });

  it('has the text and HTML parts, the given Message-ID and date, and says it is automatic', () => {
    expect(parsed.subject).toBe(composed.subject);
    expect(parsed.text?.trim()).toBe(composed.text.trim());
    expect(parsed.html).toBe(composed.html);
    expect(parsed.messageId).toBe(`<n-${kind}@roundtable.example>`);
    expect(parsed.date).toEqual(sentAt);
    expect(header(parsed, 'auto-submitted')).toEqual(['Auto-Submitted: auto-generated']);
  });

  const method = CALENDAR_METHODS[kind];
  if (method) {
    it(`has exactly one text/calendar part, with method=${method} as in the iCalendar data`, () => {
      const parts = calendarParts(parsed);
      expect(parts).toHaveLength(1);
      const contentType = parts[0].headers.get('content-type') as { value: string; params: Record<string, string> };
      expect(contentType.params.method).toBe(method);
      const cal = new ICAL.Component(ICAL.parse(parts[0].content.toString('utf8')));
      expect(cal.getFirstPropertyValue('method')).toBe(method);
      expect(raw.match(/^Content-Type: text\/calendar/gim)).toHaveLength(1);
      // Nodemailer's own copy for clients that look among attachments (invite.ics): the same data, once.
      const ics = parsed.attachments.filter((a) => a.contentType === 'application/ics');
      expect(ics).toHaveLength(1);
      expect(ics[0].content.equals(parts[0].content)).toBe(true);
      expect(parsed.attachments).toHaveLength(2);
    });
  } else {
    it('has no calendar part and no attachment', () => {
      expect(parsed.attachments).toHaveLength(0);
      expect(raw).not.toMatch(/text\/calendar|application\/ics/i);
    });
  }

  if (NON_ESSENTIAL[kind]) {
    it('has RFC 8058 one-click List-Unsubscribe headers', () => {
      const url = composed.listUnsubscribeUrl!;
      expect(header(parsed, 'list-unsubscribe')).toEqual([`List-Unsubscribe: <${url}> (${COMMENTS[composed.category]})`]);
      expect(header(parsed, 'list-unsubscribe-post')).toEqual(['List-Unsubscribe-Post: List-Unsubscribe=One-Click']);
    });
  } else {
    it('has no List-Unsubscribe headers', () => {
      expect(header(parsed, 'list-unsubscribe')).toEqual([]);
      expect(header(parsed, 'list-unsubscribe-post')).toEqual([]);
    });
  }
});

describe('toNodemailerMessage', () => {
  it('puts angle brackets around a bare Message-ID', () => {
    const message = toNodemailerMessage(composeEmail(samples.password_reset), {
      ...envelope('x'),
      messageId: 'n-1@roundtable.example',
    });
    expect(message.messageId).toBe('<n-1@roundtable.example>');
  });

  it('addresses the mail to a recipient given as { name, email }, as well as to nodemailer addresses', async () => {
    const composed = composeEmail(samples.password_reset);
    for (const to of [
      samples.password_reset.recipient,
      { name: 'Ade Member', address: 'ade@firm.example' },
      '"Ade Member" <ade@firm.example>',
    ]) {
      const { parsed } = await build(toNodemailerMessage(composed, { ...envelope('x'), to }));
      const [first] = [parsed.to].flat();
      expect(first?.value).toEqual([{ name: 'Ade Member', address: 'ade@firm.example' }]);
    }
  });

  it('refuses non-essential mail without its unsubscribe URL', () => {
    const composed = { ...composeEmail(samples.reminder), listUnsubscribeUrl: undefined };
    expect(() => toNodemailerMessage(composed, envelope('x'))).toThrow(TypeError);
  });

  it('survives a real SMTP conversation with the calendar part intact', async () => {
    const received: Buffer[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.server.address() as AddressInfo;
      const smtp = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      const composed = composeEmail(samples.meeting_cancelled);
      await smtp.sendMail(toNodemailerMessage(composed, envelope('smtp')));
      smtp.close();
      expect(received).toHaveLength(1);
      const parsed = await simpleParser(received[0]);
      expect(parsed.messageId).toBe('<n-smtp@roundtable.example>');
      const parts = calendarParts(parsed);
      expect(parts).toHaveLength(1);
      expect(parts[0].content.toString('utf8')).toBe(composed.calendar!.content);
      expect((parts[0].headers.get('content-type') as { params: Record<string, string> }).params.method).toBe('CANCEL');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
