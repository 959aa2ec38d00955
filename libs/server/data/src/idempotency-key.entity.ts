import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';
import { UserEntity } from './user.entity';

/** The first response to a request sent with an Idempotency-Key, replayed to retries. */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_idempotency_key_user' })
  user?: UserEntity;

  /** The operation, e.g. "POST /meetings/:id/bookings", so one key cannot replay another route. */
  @Column({ type: 'varchar', length: 100 })
  scope: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  /** The body exactly as it was sent (not jsonb, which reorders keys), so a replay is byte for byte the same. */
  @Column({ name: 'response_body', type: 'text' })
  responseBody: string;

  @CreatedAt()
  createdAt: Date;
}
