import { USER_STATUSES, UserStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { FirmEntity } from './firm.entity';

export interface NotificationPreferences {
  invitations: boolean;
  reminders: boolean;
  digest: boolean;
}

@Entity('app_user')
@Index('uq_user_email', ['email'], { unique: true })
@Index('ix_user_firm', ['firmId'])
@Check('ck_user_email_lower', '"email" = lower("email")')
@Check('ck_user_status', `"status" IN (${inList(USER_STATUSES)})`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64, default: 'Europe/London' })
  timezone: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 16, default: 'invited' })
  status: UserStatus;

  @Column({ name: 'firm_id', type: 'uuid', nullable: true })
  firmId: string | null;

  @ManyToOne(() => FirmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_user_firm' })
  firm?: FirmEntity | null;

  @Column({
    name: 'notification_preferences',
    type: 'jsonb',
    default: () => `'{"digest": false, "reminders": true, "invitations": true}'`,
  })
  notificationPreferences: NotificationPreferences;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
