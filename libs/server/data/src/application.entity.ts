import { APPLICATION_STATUSES, ApplicationStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { FirmEntity } from './firm.entity';
import { PeerGroupEntity } from './peer-group.entity';
import { UserEntity } from './user.entity';

/** A firm's request to join a peer group; decided once, kept for the record. */
@Entity('application')
@Index('uq_application_pending', ['groupId', 'firmId'], { unique: true, where: `"status" = 'pending'` })
@Index('ix_application_group_status', ['groupId', 'status'])
@Index('ix_application_firm', ['firmId'])
@Check('ck_application_status', `"status" IN (${inList(APPLICATION_STATUSES)})`)
@Check('ck_application_decided', `("status" = 'pending') = ("decided_at" IS NULL)`)
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_application_group' })
  group?: PeerGroupEntity;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_application_firm' })
  firm?: FirmEntity;

  @Column({ name: 'applicant_id', type: 'uuid' })
  applicantId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id', foreignKeyConstraintName: 'fk_application_applicant' })
  applicant?: UserEntity;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  answers: Record<string, string>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ApplicationStatus;

  @Column({ name: 'competitor_conflict', type: 'boolean', default: false })
  competitorConflict: boolean;

  @Column({ name: 'conflicting_firm_ids', type: 'uuid', array: true, default: () => `'{}'` })
  conflictingFirmIds: string[];

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_application_decided_by' })
  decidedBy?: UserEntity | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
