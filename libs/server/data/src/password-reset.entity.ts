import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from './columns';
import { UserEntity } from './user.entity';

/**
 * A request to reset a password. It is written when an active account asks (with the email it owes, in the
 * same transaction) and has no link yet: the worker mints the token when it sends the email, keeps only its
 * SHA-256 and starts the hour it is valid for. `used_at` closes it: set when the link sets a password, when a
 * newer request supersedes it, and when another of the user's links is used.
 */
@Entity('password_reset')
@Index('uq_password_reset_token_hash', ['tokenHash'], { unique: true })
@Index('ix_password_reset_user', ['userId'])
@Check('ck_password_reset_link', `("token_hash" IS NULL) = ("expires_at" IS NULL)`)
export class PasswordResetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_password_reset_user' })
  user?: UserEntity;

  /** Null until the email is sent. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash: string | null;

  /** An hour after the email was sent; null until then. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
