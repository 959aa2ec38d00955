import { NotificationPreferences, USER_STATUSES, UserStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { FirmEntity } from './firm.entity';

export type { NotificationPreferences } from '@roundtable/domain';

/**
 * The preferences hold exactly one boolean per category of mail a person may turn off
 * (NOTIFICATION_CATEGORIES), whoever writes them: the API merges into them, the worker reads them.
 */
export const NOTIFICATION_PREFERENCES_CHECK =
  // The object and its keys first: a missing key would make the typeof tests NULL, which a CHECK lets pass.
  `jsonb_typeof("notification_preferences") = 'object' AND ` +
  `"notification_preferences" ?& ARRAY['reminders', 'recaps', 'briefs'] AND ` +
  `jsonb_typeof("notification_preferences" -> 'reminders') = 'boolean' AND ` +
  `jsonb_typeof("notification_preferences" -> 'recaps') = 'boolean' AND ` +
  `jsonb_typeof("notification_preferences" -> 'briefs') = 'boolean' AND ` +
  `("notification_preferences" - 'reminders' - 'recaps' - 'briefs') = '{}'::jsonb`;

@Entity('app_user')
@Index('uq_user_email', ['email'], { unique: true })
@Index('ix_user_firm', ['firmId'])
@Check('ck_user_email_lower', '"email" = lower("email")')
@Check('ck_user_status', `"status" IN (${inList(USER_STATUSES)})`)
@Check('ck_user_notification_preferences', NOTIFICATION_PREFERENCES_CHECK)
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
    default: () => `'{"briefs": true, "recaps": true, "reminders": true}'`,
  })
  notificationPreferences: NotificationPreferences;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
