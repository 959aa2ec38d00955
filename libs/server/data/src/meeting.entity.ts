import { MEETING_MODES, MEETING_STATUSES, MeetingMode, MeetingStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { PeerGroupEntity } from './peer-group.entity';
import { ProgrammeEntity } from './programme.entity';
import { UserEntity } from './user.entity';

/**
 * A session: a peer group's (only its members book) or, with no group, a programme-wide open
 * event (any person of a firm in the programme books). Start is a UTC instant plus the IANA
 * zone it was planned in. `icalUid` never changes; `icalSequence` rises on every change a
 * calendar shows (RFC 5545 §3.8.7.4).
 */
@Entity('meeting')
@Index('uq_meeting_ical_uid', ['icalUid'], { unique: true })
@Index('ix_meeting_group_start', ['groupId', 'startsAt'])
@Index('ix_meeting_programme_start', ['programmeId', 'startsAt'])
@Index('ix_meeting_series_start', ['seriesId', 'startsAt'])
@Check('ck_meeting_mode', `"mode" IN (${inList(MEETING_MODES)})`)
@Check('ck_meeting_status', `"status" IN (${inList(MEETING_STATUSES)})`)
@Check('ck_meeting_duration', '"duration_minutes" BETWEEN 15 AND 720')
@Check('ck_meeting_capacity', '"capacity" BETWEEN 1 AND 1000')
@Check('ck_meeting_cancelled', `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)`)
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_meeting_programme' })
  programme?: ProgrammeEntity;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_meeting_group' })
  group?: PeerGroupEntity | null;

  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId: string | null;

  @ManyToOne(() => MeetingSeriesEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'fk_meeting_series' })
  series?: MeetingSeriesEntity | null;

  /** For an occurrence of a series: its originally scheduled start (iCalendar RECURRENCE-ID). */
  @Column({ name: 'recurrence_id', type: 'timestamptz', nullable: true })
  recurrenceId: Date | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  agenda: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 16 })
  mode: MeetingMode;

  @Column({ type: 'varchar', length: 300, nullable: true })
  venue: string | null;

  @Column({ name: 'online_link', type: 'varchar', length: 500, nullable: true })
  onlineLink: string | null;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status: MeetingStatus;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancellation_message', type: 'text', nullable: true })
  cancellationMessage: string | null;

  @Column({ name: 'ical_uid', type: 'varchar', length: 255 })
  icalUid: string;

  @Column({ name: 'ical_sequence', type: 'integer', default: 0 })
  icalSequence: number;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_meeting_created_by' })
  createdBy?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
