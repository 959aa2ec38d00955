import type Mail from 'nodemailer/lib/mailer';
import { ComposedEmail } from './compose-input';
import { UnsubscribeCategory } from './unsubscribe';

/** An address as a string, as nodemailer's `{ name, address }`, or as a recipient `{ name, email }`. */
export type MailAddress = string | { name?: string; address: string } | { name: string; email: string };

export interface MessageEnvelope {
  /** e.g. '"Roundtable" <no-reply@roundtable.example.org>' */
  from: MailAddress;
  to: MailAddress;
  /**
   * Derived from the notification row (e.g. `<n-{notificationId}@roundtable.example.org>`), so a
   * retry after a crash sends the same Message-ID and the recipient's server can drop the duplicate.
   */
  messageId: string;
  sentAt: Date;
}

const LIST_UNSUBSCRIBE_COMMENTS: Record<UnsubscribeCategory, string> = {
  reminders: 'Unsubscribe from Roundtable session reminders',
  recaps: 'Unsubscribe from Roundtable session recaps',
  briefs: 'Unsubscribe from Roundtable facilitator briefs',
};

/**
 * The nodemailer message for a composed email.
 *
 * The calendar goes in `icalEvent` only: nodemailer makes it the `text/calendar; method=…`
 * alternative (the one calendar clients act on) and adds the same data once more as an
 * `application/ics` attachment named invite.ics for clients that look there. Attaching it a
 * third time ourselves would show people duplicate invitations.
 *
 * Mail a person may turn off gets RFC 2369 List-Unsubscribe with RFC 8058 one-click POST; for
 * Gmail and Yahoo to honour it the transport must DKIM-sign both headers.
 */
export function toNodemailerMessage(composed: ComposedEmail, { from, to, messageId, sentAt }: MessageEnvelope): Mail.Options {
  const headers: Record<string, string> = {
    // RFC 3834: automatic mail; asks out-of-office responders (and Exchange's) to stay quiet.
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'OOF, AutoReply',
  };
  const message: Mail.Options = {
    from: address(from),
    to: address(to),
    subject: composed.subject,
    text: composed.text,
    html: composed.html,
    messageId: messageId.startsWith('<') ? messageId : `<${messageId}>`,
    date: sentAt,
    headers,
  };
  if (composed.calendar) {
    message.icalEvent = { method: composed.calendar.method, content: composed.calendar.content };
  }
  if (composed.category !== 'essential') {
    if (!composed.listUnsubscribeUrl) throw new TypeError(`A ${composed.category} email needs a listUnsubscribeUrl`);
    message.list = {
      unsubscribe: { url: composed.listUnsubscribeUrl, comment: LIST_UNSUBSCRIBE_COMMENTS[composed.category] },
    };
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return message;
}

// Nodemailer's address type has every field optional, so `{ name, email }` type-checks as one and
// would be sent with no address at all: a recipient is converted here instead.
function address(value: MailAddress): string | { name?: string; address: string } {
  if (typeof value === 'string' || 'address' in value) return value;
  return { name: value.name, address: value.email };
}
