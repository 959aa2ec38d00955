import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';
import { UserEntity } from './user.entity';

/**
 * A person's secret calendar subscription URL (`/api/calendar/<token>.ics`): at most one per person.
 * Only the SHA-256 of the token is stored, as for sessions, so the table yields no usable URL;
 * rotating replaces the hash, revoking deletes the row.
 */
@Entity('calendar_feed')
@Index('uq_calendar_feed_token_hash', ['tokenHash'], { unique: true })
export class CalendarFeedEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_calendar_feed_user' })
  user?: UserEntity;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** When this URL was made (a rotation makes a new one). */
  @CreatedAt()
  createdAt: Date;
}
