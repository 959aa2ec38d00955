import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/**
 * A pooled SMTP transport from SMTP_URL: smtp:// (STARTTLS when offered) or smtps:// (TLS at once),
 * credentials in the URL. Timeouts are short enough that a dead server fails an attempt (to be
 * retried) instead of holding a delivery and its database connection.
 */
export function smtpTransport(url: string, maxConnections: number) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const options: SMTPPool.Options = {
    pool: true,
    maxConnections,
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  return nodemailer.createTransport(options);
}
