/** Roles held through a role assignment. "member" is not assigned: it follows from being a person of a firm. */
export const ASSIGNED_ROLES = ['admin', 'programme_manager', 'facilitator'] as const;
export type AssignedRole = (typeof ASSIGNED_ROLES)[number];

export const INVITABLE_ROLES = ['programme_manager', 'facilitator', 'member'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const GROUP_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type GroupFormat = (typeof GROUP_FORMATS)[number];

export const GROUP_STATUSES = ['forming', 'active', 'closed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const MEMBERSHIP_STATUSES = ['active', 'left', 'removed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Employee bands as used by the ONS business counts (UK Business: activity, size and location). */
export const EMPLOYEE_BANDS = ['0-4', '5-9', '10-49', '50-249', '250+'] as const;
export type EmployeeBand = (typeof EMPLOYEE_BANDS)[number];

export const MEETING_MODES = ['in_person', 'online', 'hybrid'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const MEETING_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const BOOKING_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const ATTENDANCE_STATUSES = ['present', 'late', 'apologies', 'no_show'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** How a person took part in a hybrid session. */
export const ATTENDANCE_MODES = ['in_person', 'online'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const COMMITMENT_STATUSES = ['open', 'done', 'partly', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMMITMENT_THEMES = [
  'digital_adoption',
  'management_practice',
  'sales_marketing',
  'finance',
  'people',
  'operations',
  'other',
] as const;
export type CommitmentTheme = (typeof COMMITMENT_THEMES)[number];

/** Every email Roundtable owes someone, one row of the notification outbox each. */
export const NOTIFICATION_KINDS = [
  'account_invitation',
  'password_reset',
  'application_received',
  'application_approved',
  'application_rejected',
  'booking_confirmed',
  'booking_waitlisted',
  'booking_promoted',
  'meeting_invitation',
  'meeting_updated',
  'meeting_cancelled',
  'booking_cancelled',
  'reminder',
  'facilitator_brief',
  'meeting_recap',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * pending: waiting for its due time; queued: handed to the queue by the relay; sent: accepted by
 * the SMTP server; skipped: no longer wanted when its turn came (the reason is kept); failed: refused
 * for good by the SMTP server, or out of attempts.
 */
export const NOTIFICATION_STATUSES = ['pending', 'queued', 'sent', 'skipped', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
