import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns';

@Entity('programme')
@Index('uq_programme_name', ['name'], { unique: true })
@Check('ck_programme_completion_rule', '"completion_min_attended" >= 1 AND "completion_min_attended" <= "completion_of_sessions"')
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  region: string;

  @Column({ type: 'varchar', length: 200 })
  funder: string;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ name: 'confidentiality_text', type: 'text', default: '' })
  confidentialityText: string;

  @Column({ name: 'reminder_offsets_minutes', type: 'integer', array: true, default: () => "'{1440,60}'" })
  reminderOffsetsMinutes: number[];

  @Column({ name: 'completion_min_attended', type: 'integer', default: 6 })
  completionMinAttended: number;

  @Column({ name: 'completion_of_sessions', type: 'integer', default: 9 })
  completionOfSessions: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
