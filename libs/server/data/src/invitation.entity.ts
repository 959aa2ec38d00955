import { INVITABLE_ROLES, InvitableRole } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList } from './columns';
import { FirmEntity } from './firm.entity';
import { PeerGroupEntity } from './peer-group.entity';
import { ProgrammeEntity } from './programme.entity';
import { UserEntity } from './user.entity';

const PENDING = `"accepted_at" IS NULL AND "withdrawn_at" IS NULL`;

/**
 * A grant waiting for its person: the role (and firm or group) an email is invited into. No account
 * exists for it until the single-use link is followed; accepting creates the account, or gives the
 * grant to the account that has the email by then. A facilitator invitation without a group recruits into the
 * programme's facilitator pool. Only the token's SHA-256 is stored. Rows converted
 * from pending accounts of the old model (migration invitation-grants) may share one token: one link
 * then accepts them together.
 */
@Entity('invitation')
@Index('ix_invitation_token_hash', ['tokenHash'])
@Index('ix_invitation_user', ['userId'])
@Index('ix_invitation_invited_by', ['invitedById'])
@Index('ix_invitation_programme', ['programmeId'])
@Index('ix_invitation_firm', ['firmId'])
@Index('ix_invitation_group', ['groupId'])
// One pending invitation per email and scope: inviting again renews it instead of adding another.
@Index('uq_invitation_pending_manager', ['email', 'programmeId'], {
  unique: true,
  where: `"role" = 'programme_manager' AND ${PENDING}`,
})
@Index('uq_invitation_pending_facilitator', ['email', 'groupId'], {
  unique: true,
  where: `"role" = 'facilitator' AND ${PENDING}`,
})
@Index('uq_invitation_pending_facilitator_pool', ['email', 'programmeId'], {
  unique: true,
  where: `"role" = 'facilitator' AND "group_id" IS NULL AND ${PENDING}`,
})
@Index('uq_invitation_pending_member', ['email', 'firmId'], { unique: true, where: `"role" = 'member' AND ${PENDING}` })
@Check('ck_invitation_email_lower', '"email" = lower("email")')
@Check('ck_invitation_role', `"role" IN (${inList(INVITABLE_ROLES)})`)
@Check(
  'ck_invitation_scope',
  `("role" = 'programme_manager' AND "group_id" IS NULL AND "firm_id" IS NULL)
    OR ("role" = 'facilitator' AND "firm_id" IS NULL)
    OR ("role" = 'member' AND "firm_id" IS NOT NULL AND "group_id" IS NULL)`,
)
@Check('ck_invitation_settled_once', `"accepted_at" IS NULL OR "withdrawn_at" IS NULL`)
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ type: 'varchar', length: 32 })
  role: InvitableRole;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_invitation_programme' })
  programme?: ProgrammeEntity;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_invitation_group' })
  group?: PeerGroupEntity | null;

  @Column({ name: 'firm_id', type: 'uuid', nullable: true })
  firmId: string | null;

  @ManyToOne(() => FirmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_invitation_firm' })
  firm?: FirmEntity | null;

  /** The account that accepted it (created by it, or already holding the email). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_invitation_user' })
  user?: UserEntity | null;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'invited_by_id', type: 'uuid', nullable: true })
  invitedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by_id', foreignKeyConstraintName: 'fk_invitation_invited_by' })
  invitedBy?: UserEntity | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
