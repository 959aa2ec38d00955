import { ATTENDANCE_MODES, ATTENDANCE_STATUSES, AttendanceMode, AttendanceStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from './columns';
import { MeetingEntity } from './meeting.entity';
import { UserEntity } from './user.entity';

/** The current attendance of one person at one meeting; every version is kept in attendance_revision. */
@Entity('attendance')
@Index('uq_attendance_meeting_user', ['meetingId', 'userId'], { unique: true })
@Index('ix_attendance_user', ['userId'])
@Check('ck_attendance_status', `"status" IN (${inList(ATTENDANCE_STATUSES)})`)
@Check('ck_attendance_mode', `"mode" IS NULL OR "mode" IN (${inList(ATTENDANCE_MODES)})`)
export class AttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_attendance_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_attendance_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  status: AttendanceStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  mode: AttendanceMode | null;

  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  recordedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_attendance_recorded_by' })
  recordedBy?: UserEntity | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** An append-only log of every attendance write: who set what, when. */
@Entity('attendance_revision')
@Index('ix_attendance_revision_attendance', ['attendanceId', 'changedAt'])
export class AttendanceRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'attendance_id', type: 'uuid' })
  attendanceId: string;

  @ManyToOne(() => AttendanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attendance_id', foreignKeyConstraintName: 'fk_attendance_revision_attendance' })
  attendance?: AttendanceEntity;

  @Column({ type: 'varchar', length: 16 })
  status: AttendanceStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  mode: AttendanceMode | null;

  @Column({ name: 'changed_by_id', type: 'uuid', nullable: true })
  changedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_id', foreignKeyConstraintName: 'fk_attendance_revision_changed_by' })
  changedBy?: UserEntity | null;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
