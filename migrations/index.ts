import { InitialSchema1795750384654 } from './1795750384654-initial-schema';
import { GroupCapacityGuard1795750384700 } from './1795750384700-group-capacity-guard';
import { MeetingsBookingsAttendance1795750923055 } from './1795750923055-meetings-bookings-attendance';
import { AuthChangeNotify1795751700000 } from './1795751700000-auth-change-notify';
import { MeetingCapacityGuard1795752600000 } from './1795752600000-meeting-capacity-guard';
import { CanonicalTimeZones1795760000001 } from './1795760000001-canonical-time-zones';
import { InvitationGrants1795761000001 } from './1795761000001-invitation-grants';
import { IdempotencyResponseText1795762000001 } from './1795762000001-idempotency-response-text';
import { BookSeatFunction1795763000001 } from './1795763000001-book-seat-function';
import { BookSeatLockTimeout1795764000001 } from './1795764000001-book-seat-lock-timeout';
import { NotificationOutbox1795765000001 } from './1795765000001-notification-outbox';
import { NotificationTriggers1795765000002 } from './1795765000002-notification-triggers';
import { PasswordReset1795766000001 } from './1795766000001-password-reset';
import { NotificationPreferenceCategories1795767000001 } from './1795767000001-notification-preference-categories';
import { CalendarFeed1795767000002 } from './1795767000002-calendar-feed';
import { NotificationFailedIndex1795768000001 } from './1795768000001-notification-failed-index';
import { NotificationPartialIndexes1795769000001 } from './1795769000001-notification-partial-indexes';
import { NotificationTriggersSkipLocked1795769000002 } from './1795769000002-notification-triggers-skip-locked';
import { RoleAssignmentUserIndex1795770000001 } from './1795770000001-role-assignment-user-index';
import { FacilitatorPool1795771000001 } from './1795771000001-facilitator-pool';
import { ParticipationMetrics1795772000001 } from './1795772000001-participation-metrics';
import { ParticipationMetricsTriggers1795772000002 } from './1795772000002-participation-metrics-triggers';
import { RetentionMetrics1795773000001 } from './1795773000001-retention-metrics';
import { ActionMetrics1795774000001 } from './1795774000001-action-metrics';
import { SatisfactionMetrics1795775000001 } from './1795775000001-satisfaction-metrics';

// Every migration, in order. Listed explicitly so that the compiled server, the CLI and the
// tests all run the same set without globbing the file system.
export const MIGRATIONS: (new () => unknown)[] = [
  InitialSchema1795750384654,
  GroupCapacityGuard1795750384700,
  MeetingsBookingsAttendance1795750923055,
  AuthChangeNotify1795751700000,
  MeetingCapacityGuard1795752600000,
  CanonicalTimeZones1795760000001,
  InvitationGrants1795761000001,
  IdempotencyResponseText1795762000001,
  BookSeatFunction1795763000001,
  BookSeatLockTimeout1795764000001,
  NotificationOutbox1795765000001,
  NotificationTriggers1795765000002,
  PasswordReset1795766000001,
  NotificationPreferenceCategories1795767000001,
  CalendarFeed1795767000002,
  NotificationFailedIndex1795768000001,
  NotificationPartialIndexes1795769000001,
  NotificationTriggersSkipLocked1795769000002,
  RoleAssignmentUserIndex1795770000001,
  FacilitatorPool1795771000001,
  ParticipationMetrics1795772000001,
  ParticipationMetricsTriggers1795772000002,
  RetentionMetrics1795773000001,
  ActionMetrics1795774000001,
  SatisfactionMetrics1795775000001,
];
