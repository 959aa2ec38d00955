import { ActionCommitmentEntity, CommitmentRevisionEntity } from './action-commitment.entity';
import { AttendanceEntity, AttendanceRevisionEntity } from './attendance.entity';
import { BookingEntity } from './booking.entity';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { FeedbackEntity } from './feedback.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { MeetingNoteEntity } from './meeting-note.entity';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';
import { ApplicationEntity } from './application.entity';
import { FirmEntity } from './firm.entity';
import { InvitationEntity } from './invitation.entity';
import { MembershipEntity } from './membership.entity';
import {
  MetricsActionDaysEntity,
  MetricsActionsEntity,
  MetricsDirtyEntity,
  MetricsGroupMonthEntity,
  MetricsMemberEntity,
  MetricsParticipationEntity,
  MetricsReconcileRunEntity,
  MetricsSatisfactionEntity,
} from './metrics.entity';
import { NotificationDeliveryEntity, NotificationEntity } from './notification.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { PeerGroupEntity } from './peer-group.entity';
import { ProgrammeEntity } from './programme.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export const ENTITIES = [
  ProgrammeEntity,
  FirmEntity,
  UserEntity,
  RoleAssignmentEntity,
  SessionEntity,
  InvitationEntity,
  PeerGroupEntity,
  ApplicationEntity,
  MembershipEntity,
  MeetingSeriesEntity,
  MeetingEntity,
  BookingEntity,
  IdempotencyKeyEntity,
  AttendanceEntity,
  AttendanceRevisionEntity,
  ActionCommitmentEntity,
  CommitmentRevisionEntity,
  MeetingNoteEntity,
  FeedbackEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  PasswordResetEntity,
  CalendarFeedEntity,
  MetricsDirtyEntity,
  MetricsGroupMonthEntity,
  MetricsMemberEntity,
  MetricsParticipationEntity,
  MetricsReconcileRunEntity,
  MetricsActionsEntity,
  MetricsActionDaysEntity,
  MetricsSatisfactionEntity,
];
