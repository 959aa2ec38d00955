import { MEETING_MODES, MeetingMode } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { PeerGroupEntity } from './peer-group.entity';
import { ProgrammeEntity } from './programme.entity';
import { UserEntity } from './user.entity';

/**
 * A recurring schedule (RFC 5545 RRULE) in a local time zone. Its occurrences are expanded
 * into meetings when it is created; the series keeps the rule and the template they came from.
 */
@Entity('meeting_series')
@Index('ix_meeting_series_group', ['groupId'])
@Index('ix_meeting_series_programme', ['programmeId'])
@Check('ck_meeting_series_mode', `"mode" IN (${inList(MEETING_MODES)})`)
export class MeetingSeriesEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_meeting_series_programme' })
  programme?: ProgrammeEntity;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_meeting_series_group' })
  group?: PeerGroupEntity | null;

  @Column({ type: 'varchar', length: 500 })
  rrule: string;

  /** The first occurrence's local wall-clock start, e.g. 2027-01-05T09:30, in `timezone`. */
  @Column({ name: 'local_start', type: 'varchar', length: 16 })
  localStart: string;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  agenda: string;

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

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_meeting_series_created_by' })
  createdBy?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
