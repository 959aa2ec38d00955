import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from './columns';
import { MeetingEntity } from './meeting.entity';
import { UserEntity } from './user.entity';

/** A member's feedback after a meeting they attended; one per member and meeting. */
@Entity('feedback')
@Index('uq_feedback_meeting_user', ['meetingId', 'userId'], { unique: true })
@Check('ck_feedback_usefulness', '"usefulness" BETWEEN 1 AND 5')
@Check('ck_feedback_would_recommend', '"would_recommend" BETWEEN 0 AND 10')
export class FeedbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_feedback_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_feedback_user' })
  user?: UserEntity;

  @Column({ type: 'smallint' })
  usefulness: number;

  @Column({ name: 'would_recommend', type: 'smallint' })
  wouldRecommend: number;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  comment: string | null;

  @CreatedAt()
  createdAt: Date;
}
