import { toNodemailerMessage } from '@roundtable/server-mail';
import { SmtpSink, startSmtpSink } from '@roundtable/server-testing';
import { createHash, generateKeyPairSync, KeyObject, verify } from 'node:crypto';
import { DkimOptions, dkimOptions, smtpTransport } from './smtp';

/**
 * A DKIM verifier after RFC 6376 for what nodemailer signs (rsa-sha256, relaxed/relaxed), run on the
 * message exactly as an SMTP server received it: which header fields the signature covers, whether
 * the body hash matches, whether the signature verifies with the public key.
 */
function verifyDkim(raw: string, publicKey: KeyObject): { covers: string[]; bodyHashOk: boolean; signatureOk: boolean } {
  const split = raw.indexOf('\r\n\r\n');
  const fields = raw.slice(0, split).split(/\r\n(?![ \t])/);
  const body = raw.slice(split + 4);
  const name = (field: string) => field.slice(0, field.indexOf(':')).trim().toLowerCase();
  const relaxed = (field: string) =>
    `${name(field)}:${field
      .slice(field.indexOf(':') + 1)
      .replace(/\r\n/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim()}`;
  const signature = fields.find((f) => name(f) === 'dkim-signature');
  if (!signature) throw new Error('not signed');
  const tags = Object.fromEntries(
    signature
      .slice(signature.indexOf(':') + 1)
      .split(';')
      .map((tag) => tag.replace(/\s+/g, ''))
      .filter(Boolean)
      .map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)]),
  );
  const covers = (tags.h as string).split(':').map((h) => h.toLowerCase());
  // Each name in h= takes the last field of that name not yet taken (RFC 6376 5.4.2).
  const unused = fields.filter((f) => f !== signature);
  const signed = covers.map((h) => {
    const index = unused.map(name).lastIndexOf(h);
    return index === -1 ? '' : `${relaxed(unused.splice(index, 1)[0])}\r\n`;
  });
  const withoutB = relaxed(signature.replace(/(;\s*b=)[^;]*$/, '$1'));
  const signatureOk = verify(
    'RSA-SHA256',
    Buffer.from(signed.join('') + withoutB, 'latin1'),
    publicKey,
    Buffer.from(tags.b, 'base64'),
  );
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+$/, '').replace(/[ \t]+/g, ' '));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const canonicalBody = lines.length ? `${lines.join('\r\n')}\r\n` : '';
  const bodyHashOk = createHash('sha256').update(canonicalBody, 'latin1').digest('base64') === tags.bh;
  return { covers, bodyHashOk, signatureOk };
}

describe('SMTP transport with DKIM', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkim = dkimOptions({
    DKIM_DOMAIN: 'peer.example',
    DKIM_SELECTOR: 'rt2027',
    DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  });
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  /** A reminder as the worker sends it: non-essential, so with List-Unsubscribe and its one-click POST. */
  async function sendReminder(signing: DkimOptions | undefined): Promise<string> {
    const transport = smtpTransport(sink.url, 1, signing);
    const messageId = `<${Math.random().toString(36).slice(2)}@mail.peer.example>`;
    try {
      await transport.sendMail(
        toNodemailerMessage(
          {
            subject: 'Reminder: Peer group session tomorrow at 09:30',
            text: 'See you tomorrow.\n\nManage your emails: https://roundtable.example/preferences\n',
            html: '<p>See you tomorrow.</p>',
            category: 'reminders',
            listUnsubscribeUrl: 'https://roundtable.example/api/unsubscribe/tok3n',
          },
          {
            from: 'Peer Works <hello@mail.peer.example>',
            to: { name: 'Ade Member', email: 'ade@firm.example' },
            messageId,
            sentAt: new Date('2027-01-04T09:30:00Z'),
          },
        ),
      );
    } finally {
      transport.close();
    }
    const [mail] = sink.withMessageId(messageId);
    return mail.raw;
  }

  it('signs for the configured domain and selector, covering both unsubscribe headers, and the signature verifies', async () => {
    const raw = await sendReminder(dkim);
    expect(raw).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=peer\.example;/m);
    expect(raw).toMatch(/ s=rt2027;/);
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/roundtable\.example\/api\/unsubscribe\/tok3n>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    const result = verifyDkim(raw, publicKey);
    expect(result.covers).toEqual(
      expect.arrayContaining(['from', 'subject', 'date', 'message-id', 'to', 'list-unsubscribe', 'list-unsubscribe-post']),
    );
    expect(result).toMatchObject({ bodyHashOk: true, signatureOk: true });
  });

  it('fails verification when either unsubscribe header is changed on the way', async () => {
    const raw = await sendReminder(dkim);
    const postChanged = raw.replace(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      'List-Unsubscribe-Post: List-Unsubscribe=Two-Click',
    );
    const urlChanged = raw.replace('/api/unsubscribe/tok3n', '/api/unsubscribe/evil');
    expect(postChanged).not.toBe(raw);
    expect(urlChanged).not.toBe(raw);
    expect(verifyDkim(postChanged, publicKey).signatureOk).toBe(false);
    expect(verifyDkim(urlChanged, publicKey).signatureOk).toBe(false);
  });

  it('never sends credentials over a connection without TLS', async () => {
    // The sink offers no STARTTLS: with a user and password in an smtp:// URL, nothing is sent.
    const transport = smtpTransport(sink.url.replace('smtp://', 'smtp://user:secret@'), 1, undefined);
    const before = sink.received.length;
    try {
      await expect(transport.sendMail({ from: 'a@peer.example', to: 'b@firm.example', text: 'hi' })).rejects.toThrow(/STARTTLS/);
    } finally {
      transport.close();
    }
    expect(sink.received.length).toBe(before);
  });

  it('sends unsigned when DKIM is not configured', async () => {
    expect(dkimOptions({ DKIM_DOMAIN: undefined, DKIM_SELECTOR: undefined, DKIM_PRIVATE_KEY: undefined })).toBeUndefined();
    expect(await sendReminder(undefined)).not.toMatch(/^DKIM-Signature:/m);
  });
});
