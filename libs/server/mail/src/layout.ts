/**
 * One description of an email's content, rendered twice: as plain text and as a small,
 * inline-styled HTML page. Every value is escaped here, once, so no template can forget.
 */

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'subheading'; text: string }
  | { type: 'facts'; rows: Fact[] }
  | { type: 'button'; label: string; url: string; showUrl?: boolean }
  | { type: 'list'; items: string[] }
  | { type: 'quote'; text: string; by: string };

export interface Fact {
  label: string;
  value: string;
  /** Makes the value a link (http, https and mailto only). */
  href?: string;
}

export interface EmailLayout {
  subject: string;
  heading: string;
  blocks: Block[];
  /** Why the reader gets this email. */
  reason: string;
  appUrl: string;
  unsubscribe?: { url: string; label: string };
}

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
export const subheading = (text: string): Block => ({ type: 'subheading', text });
export const facts = (rows: Fact[]): Block => ({ type: 'facts', rows });
export const button = (label: string, url: string, showUrl = false): Block => ({ type: 'button', label, url, showUrl });
export const list = (items: string[]): Block => ({ type: 'list', items });
export const quote = (text: string, by: string): Block => ({ type: 'quote', text, by });

const BRAND = 'Roundtable';
// WCAG AA contrast: body text 17.7:1 on white; muted text 7.6:1 on white, 6.9:1 on the grey page;
// links 6.7:1 on white, 6.1:1 on grey; white on the button 6.7:1.
const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const TEXT = '#111827';
const MUTED = '#4b5563';
const LINK = '#1d4ed8';
const PAGE = '#f3f4f6';

export function renderText(layout: EmailLayout): string {
  const out: string[] = [BRAND, '', layout.heading, '='.repeat(Math.min(layout.heading.length, 70)), ''];
  for (const block of layout.blocks) {
    switch (block.type) {
      case 'paragraph':
        out.push(block.text, '');
        break;
      case 'subheading':
        out.push(block.text, '-'.repeat(Math.min(block.text.length, 70)), '');
        break;
      case 'facts':
        out.push(...block.rows.map((r) => `${r.label}: ${r.value}${r.href && r.href !== r.value ? ` <${r.href}>` : ''}`), '');
        break;
      case 'button':
        out.push(`${block.label}: ${block.url}`, '');
        break;
      case 'list':
        out.push(...block.items.map((item) => `- ${item.replace(/\n/g, '\n  ')}`), '');
        break;
      case 'quote':
        out.push(`${block.by}:`, ...block.text.split('\n').map((line) => `> ${line}`), '');
        break;
    }
  }
  // '-- ' is the signature delimiter: clients fold the footer away as one.
  out.push('-- ', layout.reason);
  if (layout.unsubscribe) out.push(`${layout.unsubscribe.label}: ${layout.unsubscribe.url}`);
  out.push(`${BRAND}: ${layout.appUrl}`);
  return out.join('\n') + '\n';
}

export function renderHtml(layout: EmailLayout): string {
  const body = layout.blocks.map(blockHtml).join('\n');
  const unsubscribe = layout.unsubscribe
    ? `<p style="margin:0 0 8px">${link(layout.unsubscribe.url, layout.unsubscribe.label, LINK)}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(layout.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:${PAGE}">
<div role="article" aria-roledescription="email" aria-label="${escapeHtml(layout.subject)}" lang="en" style="${FONT};background-color:${PAGE};padding:24px 12px">
<div style="max-width:600px;margin:0 auto;background-color:#ffffff;border-radius:8px;padding:28px 24px;color:${TEXT};font-size:16px;line-height:1.5">
<p style="margin:0 0 16px;font-size:14px;font-weight:bold;color:${LINK}">${BRAND}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${TEXT}">${escapeHtml(layout.heading)}</h1>
${body}
</div>
<div style="max-width:600px;margin:16px auto 0;padding:0 24px;font-size:13px;line-height:1.5;color:${MUTED}">
<p style="margin:0 0 8px">${multiline(layout.reason)}</p>
${unsubscribe}<p style="margin:0">${link(layout.appUrl, BRAND, MUTED)}</p>
</div>
</div>
</body>
</html>
`;
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="margin:0 0 16px">${multiline(block.text)}</p>`;
    case 'subheading':
      return `<h2 style="margin:24px 0 8px;font-size:17px;line-height:1.3;color:${TEXT}">${escapeHtml(block.text)}</h2>`;
    case 'facts':
      return `<table style="border-collapse:collapse;margin:0 0 16px;width:100%">\n${block.rows
        .map(
          (r) =>
            `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;font-weight:bold;white-space:nowrap">${escapeHtml(r.label)}</th>` +
            `<td style="vertical-align:top;padding:4px 0">${r.href ? link(r.href, r.value, LINK) : multiline(r.value)}</td></tr>`,
        )
        .join('\n')}\n</table>`;
    case 'button': {
      const href = safeHref(block.url);
      if (!href) return `<p style="margin:0 0 16px">${escapeHtml(block.label)}: ${escapeHtml(block.url)}</p>`;
      const fallback = block.showUrl
        ? `\n<p style="margin:0 0 16px;font-size:13px;color:${MUTED};word-break:break-all">If the button does not work, open this address: ${link(block.url, block.url, LINK)}</p>`
        : '';
      return `<p style="margin:8px 0 16px"><a href="${href}" style="display:inline-block;background-color:${LINK};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px">${escapeHtml(block.label)}</a></p>${fallback}`;
    }
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:20px">\n${block.items.map((i) => `<li style="margin:0 0 6px">${multiline(i)}</li>`).join('\n')}\n</ul>`;
    case 'quote':
      return `<p style="margin:0 0 4px;font-weight:bold">${escapeHtml(block.by)}:</p>\n<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #9ca3af;color:${TEXT}">${multiline(block.text)}</blockquote>`;
  }
}

/** A link when the address is http(s) or mailto; the bare text otherwise (never a javascript: href). */
function link(url: string, text: string, colour: string): string {
  const href = safeHref(url);
  return href ? `<a href="${href}" style="color:${colour}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? escapeHtml(parsed.href) : null;
  } catch {
    return null;
  }
}

function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}

export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
