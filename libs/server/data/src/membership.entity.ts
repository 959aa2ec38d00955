import { MEMBERSHIP_STATUSES, MembershipStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from './columns';
import { ApplicationEntity } from './application.entity';
import { FirmEntity } from './firm.entity';
import { PeerGroupEntity } from './peer-group.entity';
import { UserEntity } from './user.entity';

/** A firm's time in a group. Leaving ends the row; rejoining starts a new one, so history is kept. */
@Entity('membership')
@Index('uq_membership_active', ['groupId', 'firmId'], { unique: true, where: `"status" = 'active'` })
@Index('ix_membership_firm', ['firmId'])
@Index('ix_membership_group_status', ['groupId', 'status'])
@Check('ck_membership_status', `"status" IN (${inList(MEMBERSHIP_STATUSES)})`)
@Check('ck_membership_ended', `("status" = 'active') = ("ended_at" IS NULL)`)
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_membership_group' })
  group?: PeerGroupEntity;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @ManyToOne(() => FirmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_membership_firm' })
  firm?: FirmEntity;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_membership_application' })
  application?: ApplicationEntity | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: MembershipStatus;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;

  @Column({ name: 'ended_by_id', type: 'uuid', nullable: true })
  endedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ended_by_id', foreignKeyConstraintName: 'fk_membership_ended_by' })
  endedBy?: UserEntity | null;
}
