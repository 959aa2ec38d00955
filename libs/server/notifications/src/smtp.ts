import type { AppConfig } from '@roundtable/server-core';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/** DKIM signing as nodemailer takes it, or undefined when the settings leave it to the SMTP provider. */
export type DkimOptions = NonNullable<SMTPPool.Options['dkim']>;

/**
 * The worker's DKIM signature from DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (validated
 * together by loadConfig). Nodemailer's default header list is kept: besides From, Subject, Date,
 * Message-ID and the MIME headers it covers List-Unsubscribe and List-Unsubscribe-Post, which RFC
 * 8058 requires a valid signature to cover before a mailbox provider offers one-click unsubscribe
 * (smtp.spec.ts verifies the signature and that both are in it).
 */
export function dkimOptions(
  config: Pick<AppConfig, 'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY'>,
): DkimOptions | undefined {
  if (!config.DKIM_DOMAIN || !config.DKIM_SELECTOR || !config.DKIM_PRIVATE_KEY) return undefined;
  return { domainName: config.DKIM_DOMAIN, keySelector: config.DKIM_SELECTOR, privateKey: config.DKIM_PRIVATE_KEY };
}

/**
 * A pooled SMTP transport from SMTP_URL: smtp:// (STARTTLS when offered, and required when the URL
 * carries credentials) or smtps:// (TLS at once), credentials in the URL. Timeouts are short enough that a dead server fails an attempt (to be
 * retried) instead of holding a delivery and its database connection. With `dkim`, every message
 * is signed before it leaves.
 */
export function smtpTransport(url: string, maxConnections: number, dkim?: DkimOptions) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const options: SMTPPool.Options = {
    pool: true,
    maxConnections,
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    // Credentials never cross the network in clear: with them, smtp:// must upgrade with STARTTLS or fail.
    requireTLS: !secure && parsed.username !== '',
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(dkim && { dkim }),
  };
  return nodemailer.createTransport(options);
}
