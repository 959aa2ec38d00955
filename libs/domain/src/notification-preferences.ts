/**
 * Mail a person may turn off, each with its own switch and one-click unsubscribe link. Everything
 * else (account invitations, password links, application decisions, bookings, meeting invitations,
 * changes and cancellations) is essential: always sent, with no switch.
 */
export const NOTIFICATION_CATEGORIES = ['reminders', 'recaps', 'briefs'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export type NotificationPreferences = Record<NotificationCategory, boolean>;

/** Everything on: what a new account starts with. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = { reminders: true, recaps: true, briefs: true };

/** What each category is, in words a person reads on a settings page or an unsubscribe page. */
export const NOTIFICATION_CATEGORY_DESCRIPTIONS: Record<NotificationCategory, string> = {
  reminders: 'reminders before the sessions you are booked on',
  recaps: 'recaps after the sessions you attended, with your commitments and a feedback link',
  briefs: 'the facilitator’s brief the day before a session you facilitate',
};
