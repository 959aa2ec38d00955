import { ATTENDANCE_MODES, AttendanceMode, BOOKING_STATUSES, BookingStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { MeetingEntity } from './meeting.entity';
import { UserEntity } from './user.entity';

/**
 * A person's seat at a meeting. Cancelled rows are kept (history). A waitlisted booking holds
 * a queue number that never changes; its position is its rank among those still waiting.
 */
@Entity('booking')
@Index('uq_booking_active', ['meetingId', 'userId'], { unique: true, where: `"status" <> 'cancelled'` })
@Index('uq_booking_queue_number', ['meetingId', 'queueNumber'], { unique: true, where: `"status" = 'waitlisted'` })
@Index('ix_booking_meeting_status', ['meetingId', 'status'])
@Index('ix_booking_user', ['userId', 'status'])
@Check('ck_booking_status', `"status" IN (${inList(BOOKING_STATUSES)})`)
@Check('ck_booking_waitlisted_queue', `"status" <> 'waitlisted' OR "queue_number" IS NOT NULL`)
@Check('ck_booking_mode', `"mode" IS NULL OR "mode" IN (${inList(ATTENDANCE_MODES)})`)
@Check('ck_booking_cancelled', `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)`)
export class BookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_booking_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_booking_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  status: BookingStatus;

  /** For a hybrid session: how the person plans to join (helps the venue count heads). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  mode: AttendanceMode | null;

  @Column({ name: 'queue_number', type: 'integer', nullable: true })
  queueNumber: number | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** Set when a waitlisted booking was given a freed seat. */
  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_by_id', type: 'uuid', nullable: true })
  cancelledById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cancelled_by_id', foreignKeyConstraintName: 'fk_booking_cancelled_by' })
  cancelledBy?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
