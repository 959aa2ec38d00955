import { GROUP_FORMATS, GROUP_STATUSES, GroupFormat, GroupStatus } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, inList, UpdatedAt } from './columns';
import { ProgrammeEntity } from './programme.entity';

@Entity('peer_group')
@Index('uq_peer_group_programme_name', ['programmeId', 'name'], { unique: true })
@Check('ck_peer_group_capacity', '"capacity" BETWEEN 4 AND 20')
@Check('ck_peer_group_format', `"format" IN (${inList(GROUP_FORMATS)})`)
@Check('ck_peer_group_status', `"status" IN (${inList(GROUP_STATUSES)})`)
export class PeerGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_peer_group_programme' })
  programme?: ProgrammeEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  theme: string;

  @Column({ type: 'varchar', length: 16 })
  format: GroupFormat;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'varchar', length: 16, default: 'forming' })
  status: GroupStatus;

  @Column({ name: 'default_venue', type: 'varchar', length: 300, nullable: true })
  defaultVenue: string | null;

  @Column({ name: 'default_meeting_link', type: 'varchar', length: 500, nullable: true })
  defaultMeetingLink: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
