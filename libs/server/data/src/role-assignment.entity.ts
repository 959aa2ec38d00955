import { ASSIGNED_ROLES, AssignedRole } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList } from './columns';
import { PeerGroupEntity } from './peer-group.entity';
import { ProgrammeEntity } from './programme.entity';
import { UserEntity } from './user.entity';

/**
 * A user's role in a scope: admin (installation), programme manager (programme), facilitator (group). A facilitator
 * row with a programme and no group is a place in the programme's pool: recruited, not yet given a group (or kept on
 * between groups). It grants nothing inside the programme; assigning a group adds a row with the group beside it.
 */
@Entity('role_assignment')
@Index('uq_role_admin', ['userId'], { unique: true, where: `"role" = 'admin'` })
@Index('uq_role_programme_manager', ['userId', 'programmeId'], { unique: true, where: `"role" = 'programme_manager'` })
@Index('uq_role_facilitator', ['userId', 'groupId'], { unique: true, where: `"role" = 'facilitator'` })
// A place in a programme's facilitator pool: once per person and programme (the index above never matches a null group).
@Index('uq_role_facilitator_pool', ['userId', 'programmeId'], {
  unique: true,
  where: `"role" = 'facilitator' AND "group_id" IS NULL`,
})
@Index('ix_role_assignment_user_role', ['userId', 'role'])
@Index('ix_role_assignment_group', ['groupId'])
@Index('ix_role_assignment_programme', ['programmeId'])
@Check('ck_role_assignment_role', `"role" IN (${inList(ASSIGNED_ROLES)})`)
@Check(
  'ck_role_assignment_scope',
  `("role" = 'admin' AND "programme_id" IS NULL AND "group_id" IS NULL)
    OR ("role" = 'programme_manager' AND "programme_id" IS NOT NULL AND "group_id" IS NULL)
    OR ("role" = 'facilitator' AND "programme_id" IS NOT NULL)`,
)
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_role_assignment_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  role: AssignedRole;

  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId: string | null;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_role_assignment_programme' })
  programme?: ProgrammeEntity | null;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_role_assignment_group' })
  group?: PeerGroupEntity | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreatedAt()
  createdAt: Date;
}
