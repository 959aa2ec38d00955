import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns';
import { MeetingEntity } from './meeting.entity';
import { UserEntity } from './user.entity';

/** A facilitator's private note on a meeting: readable only by that group's facilitators. */
@Entity('meeting_note')
@Index('ix_meeting_note_meeting', ['meetingId', 'createdAt'])
export class MeetingNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_note_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_meeting_note_author' })
  author?: UserEntity | null;

  @Column({ type: 'text' })
  body: string;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
