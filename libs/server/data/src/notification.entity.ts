import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, NotificationKind, NotificationStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { BookingEntity } from './booking.entity';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { InvitationEntity } from './invitation.entity';
import { MeetingEntity } from './meeting.entity';
import { UserEntity } from './user.entity';

/**
 * The transactional outbox: an email owed to someone, written in the same transaction as the change
 * that causes it (so a rolled-back change owes nothing), and sent by the worker when it is due. It
 * holds ids, never the message: the worker reads the current state when it sends, and skips the row
 * (with its reason) when that state no longer wants it. `dedupe_key` makes the same email impossible
 * to owe twice, whoever writes it and however often.
 */
@Entity('notification')
@Index('uq_notification_dedupe_key', ['dedupeKey'], { unique: true })
// What the relay reads: rows not yet handed over, by due time.
@Index('ix_notification_due', ['dueAt'], { where: `"status" IN ('pending', 'queued')` })
// The admins' list of failed emails, most recent first (GET /api/admin/notifications?status=failed).
@Index('ix_notification_failed', ['updatedAt', 'id'], { where: `"status" = 'failed'` })
// Each row is about one or two things: the others' columns are null, and left out of their indexes
// (every booking and reminder row would otherwise add entries to five indexes, inside book_seat's lock).
@Index('ix_notification_user', ['userId'], { where: `"user_id" IS NOT NULL` })
@Index('ix_notification_meeting', ['meetingId'], { where: `"meeting_id" IS NOT NULL` })
@Index('ix_notification_booking', ['bookingId'], { where: `"booking_id" IS NOT NULL` })
@Index('ix_notification_application', ['applicationId'], { where: `"application_id" IS NOT NULL` })
@Index('ix_notification_invitation', ['invitationId'], { where: `"invitation_id" IS NOT NULL` })
@Check('ck_notification_kind', `"kind" IN (${inList(NOTIFICATION_KINDS)})`)
@Check('ck_notification_status', `"status" IN (${inList(NOTIFICATION_STATUSES)})`)
@Check('ck_notification_recipient', `"user_id" IS NOT NULL OR "invitation_id" IS NOT NULL`)
@Check('ck_notification_attempts', `"attempts" >= 0`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  /** The recipient's account; an account invitation has none yet and goes to the invitation's email. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_user' })
  user?: UserEntity | null;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_notification_meeting' })
  meeting?: MeetingEntity | null;

  @Column({ name: 'booking_id', type: 'uuid', nullable: true })
  bookingId: string | null;

  @ManyToOne(() => BookingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'fk_notification_booking' })
  booking?: BookingEntity | null;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_notification_application' })
  application?: ApplicationEntity | null;

  @Column({ name: 'invitation_id', type: 'uuid', nullable: true })
  invitationId: string | null;

  @ManyToOne(() => InvitationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id', foreignKeyConstraintName: 'fk_notification_invitation' })
  invitation?: InvitationEntity | null;

  /** What the email is about beyond the ids, never personal data: a reminder's offset, the SEQUENCE sent, a reason. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: Record<string, unknown>;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 300 })
  dedupeKey: string;

  @Column({ name: 'due_at', type: 'timestamptz', default: () => 'now()' })
  dueAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'skipped_reason', type: 'varchar', length: 200, nullable: true })
  skippedReason: string | null;

  /** The Message-ID the email was sent with: derived from the row, so a resend after a crash carries the same one. */
  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  /** What the SMTP server answered when it took the message (its queue id is in there). */
  @Column({ name: 'provider_response', type: 'text', nullable: true })
  providerResponse: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/**
 * One row per notification that reached the SMTP server, written in the transaction that marks it
 * sent while the notification's row lock is held: two workers, or a retried job, can never both
 * record (and so never both finish) a delivery.
 */
@Entity('notification_delivery')
export class NotificationDeliveryEntity {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @OneToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_notification_delivery_notification' })
  notification?: NotificationEntity;

  @Column({ name: 'message_id', type: 'varchar', length: 300 })
  messageId: string;

  @Column({ name: 'worker', type: 'varchar', length: 200 })
  worker: string;

  @CreatedAt()
  createdAt: Date;
}
