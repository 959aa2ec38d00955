import { COMMITMENT_STATUSES, COMMITMENT_THEMES, CommitmentStatus, CommitmentTheme } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { MeetingEntity } from './meeting.entity';
import { UserEntity } from './user.entity';

/** An action a member commits to at a meeting, reviewed at a later one. */
@Entity('action_commitment')
@Index('ix_commitment_meeting', ['meetingId'])
@Index('ix_commitment_user_status', ['userId', 'status'])
@Index('ix_commitment_group_status', ['groupId', 'status'])
@Check('ck_commitment_status', `"status" IN (${inList(COMMITMENT_STATUSES)})`)
@Check('ck_commitment_theme', `"theme" IS NULL OR "theme" IN (${inList(COMMITMENT_THEMES)})`)
export class ActionCommitmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The meeting it was made at. */
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_commitment_meeting' })
  meeting?: MeetingEntity;

  /** Copied from the meeting, so a group's open commitments are found without a join. */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  /** The member who committed. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_commitment_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 1000 })
  text: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  theme: CommitmentTheme | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: CommitmentStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  outcome: string | null;

  /** The meeting it was reviewed at, when reviewed in a session. */
  @Column({ name: 'reviewed_meeting_id', type: 'uuid', nullable: true })
  reviewedMeetingId: string | null;

  @ManyToOne(() => MeetingEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewed_meeting_id', foreignKeyConstraintName: 'fk_commitment_reviewed_meeting' })
  reviewedMeeting?: MeetingEntity | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_commitment_created_by' })
  createdBy?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** Every status/outcome change of a commitment, in order. */
@Entity('commitment_revision')
@Index('ix_commitment_revision_commitment', ['commitmentId', 'changedAt'])
@Check('ck_commitment_revision_status', `"status" IN (${inList(COMMITMENT_STATUSES)})`)
export class CommitmentRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'commitment_id', type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => ActionCommitmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'fk_commitment_revision_commitment' })
  commitment?: ActionCommitmentEntity;

  @Column({ type: 'varchar', length: 16 })
  status: CommitmentStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  outcome: string | null;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ name: 'changed_by_id', type: 'uuid', nullable: true })
  changedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_id', foreignKeyConstraintName: 'fk_commitment_revision_changed_by' })
  changedBy?: UserEntity | null;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
