import { NOTIFICATION_CATEGORY_DESCRIPTIONS, NotificationCategory } from '@roundtable/domain';

const NAMES: Record<NotificationCategory, string> = { reminders: 'Reminders', recaps: 'Recaps', briefs: 'Facilitator briefs' };

const ALWAYS_SENT =
  'Invitations, booking confirmations and changes or cancellations of your sessions are always sent. ' +
  'You can turn this mail back on in your notification settings.';

/**
 * The page a person lands on from the visible unsubscribe link: it says what will be turned off, and
 * its form POSTs the RFC 8058 one-click body to the page's own URL (no `action`, so whatever address
 * reached the page). A GET never changes anything: link scanners and previews fetch it. No script and
 * no style, so the API's Content-Security-Policy (`default-src 'none'`) needs no exception; nothing in
 * it comes from the request.
 */
export function unsubscribePage(category: NotificationCategory, state: 'on' | 'off' | 'turned_off'): string {
  const name = NAMES[category];
  const what = NOTIFICATION_CATEGORY_DESCRIPTIONS[category];
  const body =
    state === 'on'
      ? `<h1>Turn off ${name.toLowerCase()}?</h1>
<p>You will no longer get ${what}.</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Turn off ${name.toLowerCase()}</button>
</form>`
      : `<h1>${name} are off</h1>
<p>${state === 'turned_off' ? 'Done: you' : 'You'} will no longer get ${what}.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${name} – Roundtable</title>
</head>
<body>
<main>
${body}
<p>${ALWAYS_SENT}</p>
</main>
</body>
</html>
`;
}
