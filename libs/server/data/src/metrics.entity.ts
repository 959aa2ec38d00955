import { EMPLOYEE_BANDS, EmployeeBand, SIC_SECTIONS, SicSection } from '@roundtable/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from './columns';
import { PeerGroupEntity } from './peer-group.entity';
import { ProgrammeEntity } from './programme.entity';
import { UserEntity } from './user.entity';

/**
 * The firm dimensions funders report by, as the summaries hold them: the local authority, the SIC section and the
 * employee band of a person's firm (null for people with no firm). Each summary table has these three columns; its
 * own CHECK constraints name them.
 */
abstract class FirmDimensions {
  @Column({ name: 'local_authority_code', type: 'varchar', length: 9, nullable: true })
  localAuthorityCode: string | null;

  @Column({ name: 'sic_section', type: 'varchar', length: 1, nullable: true })
  sicSection: SicSection | null;

  @Column({ name: 'employee_band', type: 'varchar', length: 10, nullable: true })
  employeeBand: EmployeeBand | null;
}

/**
 * A slice of the participation summaries that no longer matches the base tables: a group and a month (the first
 * day of the month in the programme's zone). Written by the triggers of migration participation-metrics in the
 * statement that changes a meeting, booking, attendance record, firm, person or programme; one row per slice and
 * transaction (`markedBy`, the transaction id), so a change committed while the worker recomputes the slice leaves
 * a row of its own for the next pass instead of being absorbed by one the worker is about to delete. No foreign
 * key: a mark for a group since deleted recomputes to nothing.
 */
@Entity('metrics_dirty')
@Index('ix_metrics_dirty_marked_at', ['markedAt'])
export class MetricsDirtyEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ type: 'date' })
  month: string;

  @PrimaryColumn({ name: 'marked_by', type: 'bigint', default: () => 'txid_current()' })
  markedBy: string;

  @Column({ name: 'marked_at', type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}

/** Per group and month: its sessions. Rebuilt from the base tables slice by slice by the metrics worker. */
@Entity('metrics_group_month')
@Index('ix_metrics_group_month_programme', ['programmeId', 'month'])
@Check('ck_metrics_group_month_counts', '"sessions_held" <= "sessions_scheduled" AND "hybrid_sessions_held" <= "sessions_held"')
export class MetricsGroupMonthEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_metrics_group_month_group' })
  group?: PeerGroupEntity;

  @PrimaryColumn({ type: 'date' })
  month: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_metrics_group_month_programme' })
  programme?: ProgrammeEntity;

  /** Group sessions not cancelled. */
  @Column({ name: 'sessions_scheduled', type: 'integer' })
  sessionsScheduled: number;

  /** Sessions whose attendance was taken (status completed). */
  @Column({ name: 'sessions_held', type: 'integer' })
  sessionsHeld: number;

  @Column({ name: 'hybrid_sessions_held', type: 'integer' })
  hybridSessionsHeld: number;
}

/**
 * Per group, month and the firm dimensions funders report by (local authority, SIC section, employee band): the
 * bookings and attendance of people at the group's held sessions, counted once per person and session. Null
 * dimensions are people with no firm. One row per slice and dimensions (a unique index with NULLS NOT DISTINCT,
 * written in the migration: TypeORM cannot declare one).
 */
@Entity('metrics_participation')
@Index('ix_metrics_participation_programme', ['programmeId', 'month'])
@Index('uq_metrics_participation_slice', { synchronize: false })
@Check('ck_metrics_participation_sic_section', `"sic_section" IS NULL OR "sic_section" IN (${inList(SIC_SECTIONS)})`)
@Check('ck_metrics_participation_employee_band', `"employee_band" IS NULL OR "employee_band" IN (${inList(EMPLOYEE_BANDS)})`)
@Check(
  'ck_metrics_participation_funnel',
  '"attended" <= "confirmed" AND "confirmed" <= "booked" AND "no_show_confirmed" <= "confirmed"',
)
export class MetricsParticipationEntity extends FirmDimensions {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_metrics_participation_programme' })
  programme?: ProgrammeEntity;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_metrics_participation_group' })
  group?: PeerGroupEntity;

  @Column({ type: 'date' })
  month: string;

  /** Bookings confirmed or waitlisted (cancelled ones are left out). */
  @Column({ type: 'integer' })
  booked: number;

  @Column({ type: 'integer' })
  confirmed: number;

  /** Still on the waitlist when the session was held: they never got a seat. */
  @Column({ type: 'integer' })
  waitlisted: number;

  /** Confirmed bookings recorded present or late. */
  @Column({ type: 'integer' })
  attended: number;

  /** Confirmed bookings recorded as no-shows. */
  @Column({ name: 'no_show_confirmed', type: 'integer' })
  noShowConfirmed: number;

  /** Attendance records, booked or not. */
  @Column({ type: 'integer' })
  present: number;

  @Column({ type: 'integer' })
  late: number;

  @Column({ type: 'integer' })
  apologies: number;

  @Column({ name: 'no_show', type: 'integer' })
  noShow: number;

  /** People present or late at hybrid sessions, by how they joined. */
  @Column({ name: 'hybrid_online', type: 'integer' })
  hybridOnline: number;

  @Column({ name: 'hybrid_in_person', type: 'integer' })
  hybridInPerson: number;

  @Column({ name: 'hybrid_mode_unrecorded', type: 'integer' })
  hybridModeUnrecorded: number;
}

/**
 * Per group and person who was recorded present or late at one of the group's held sessions: the retention summary
 * (migration retention-metrics). `month` is their cohort (the month of their first such session, programme's zone);
 * the firm dimensions are those of their firm now. Rebuilt whole per group by the metrics worker. The foreign keys
 * were declared inline in the migration, so they carry PostgreSQL's default names.
 */
@Entity('metrics_member')
@Index('ix_metrics_member_programme', ['programmeId', 'month'])
@Check(
  'ck_metrics_member_states',
  '"sessions_attended" >= 1 AND (NOT "completed" OR "decided") AND NOT ("completed" AND "dropped_out") AND NOT ("at_risk" AND ("completed" OR "dropped_out"))',
)
export class MetricsMemberEntity extends FirmDimensions {
  @PrimaryColumn({ name: 'group_id', type: 'uuid', primaryKeyConstraintName: 'pk_metrics_member' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'metrics_member_group_id_fkey' })
  group?: PeerGroupEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_metrics_member' })
  userId: string;

  /** A person's rows go with them (erasure). */
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'metrics_member_user_id_fkey' })
  user?: UserEntity;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'metrics_member_programme_id_fkey' })
  programme?: ProgrammeEntity;

  /** The cohort: the month of their first session attended in the group. */
  @Column({ type: 'date' })
  month: string;

  @Column({ name: 'sessions_attended', type: 'integer' })
  sessionsAttended: number;

  @Column({ type: 'boolean' })
  completed: boolean;

  @Column({ type: 'boolean' })
  decided: boolean;

  @Column({ name: 'dropped_out', type: 'boolean' })
  droppedOut: boolean;

  @Column({ name: 'at_risk', type: 'boolean' })
  atRisk: boolean;
}

/**
 * Per group, month (of the session the commitment was made at) and firm dimensions: the action commitments made at
 * the group's held sessions and what became of them (migration action-metrics). Rebuilt whole per group by the
 * metrics worker, as whether a commitment is due for review depends on the group's later sessions. One row per slice
 * and dimensions (a unique index with NULLS NOT DISTINCT, written in the migration).
 */
@Entity('metrics_actions')
@Index('ix_metrics_actions_programme', ['programmeId', 'month'])
@Index('uq_metrics_actions_slice', { synchronize: false })
@Check(
  'ck_metrics_actions_counts',
  '"reviewed" <= "due_for_review" AND "due_for_review" <= "made" AND "done" + "partly" + "dropped" <= "made"',
)
export class MetricsActionsEntity extends FirmDimensions {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_metrics_actions',
  })
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_metrics_actions_programme' })
  programme?: ProgrammeEntity;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_metrics_actions_group' })
  group?: PeerGroupEntity;

  @Column({ type: 'date' })
  month: string;

  /** Commitments made at held sessions. */
  @Column({ type: 'integer' })
  made: number;

  /** Of those, the ones the group has held a later session since. */
  @Column({ name: 'due_for_review', type: 'integer' })
  dueForReview: number;

  /** Of those due, the ones reviewed at a later session. */
  @Column({ type: 'integer' })
  reviewed: number;

  @Column({ type: 'integer' })
  done: number;

  @Column({ type: 'integer' })
  partly: number;

  @Column({ type: 'integer' })
  dropped: number;
}

/**
 * The days-to-done histogram of the same slices: how many done commitments took each whole number of days from
 * the session they were made at to being done. Kept as counts per value, so the median over any filter is exact
 * (the sum of histograms is the histogram of the union). One row per slice, dimensions and days (unique index with
 * NULLS NOT DISTINCT, in the migration).
 */
@Entity('metrics_action_days')
@Index('ix_metrics_action_days_programme', ['programmeId', 'month'])
@Index('uq_metrics_action_days_slice', { synchronize: false })
@Check('ck_metrics_action_days_counts', '"days" >= 0 AND "commitments" >= 1')
export class MetricsActionDaysEntity extends FirmDimensions {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_metrics_action_days',
  })
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_metrics_action_days_programme' })
  programme?: ProgrammeEntity;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_metrics_action_days_group' })
  group?: PeerGroupEntity;

  @Column({ type: 'date' })
  month: string;

  /** Whole days, in the programme's zone, from the session's date to the date it was done. */
  @Column({ type: 'integer' })
  days: number;

  @Column({ type: 'integer' })
  commitments: number;
}

/**
 * Per group, month (of the held session the feedback is on) and firm dimensions: the feedback given at the group's
 * held sessions by people recorded present or late there (migration satisfaction-metrics). Counts only, never a
 * mean: how many answered each usefulness value (1–5) and how many promoters (would recommend 9–10), passives (7–8)
 * and detractors (0–6), so the mean usefulness and the NPS over any filter are exact sums of rows. One row per slice
 * and dimensions (a unique index with NULLS NOT DISTINCT, written in the migration).
 */
@Entity('metrics_satisfaction')
@Index('ix_metrics_satisfaction_programme', ['programmeId', 'month'])
@Index('uq_metrics_satisfaction_slice', { synchronize: false })
@Check(
  'ck_metrics_satisfaction_counts',
  '"responses" >= 1 AND "usefulness_1" >= 0 AND "usefulness_2" >= 0 AND "usefulness_3" >= 0 AND "usefulness_4" >= 0 AND "usefulness_5" >= 0 AND "usefulness_1" + "usefulness_2" + "usefulness_3" + "usefulness_4" + "usefulness_5" = "responses" AND "promoters" >= 0 AND "passives" >= 0 AND "detractors" >= 0 AND "promoters" + "passives" + "detractors" = "responses"',
)
export class MetricsSatisfactionEntity extends FirmDimensions {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_metrics_satisfaction',
  })
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_metrics_satisfaction_programme' })
  programme?: ProgrammeEntity;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => PeerGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_metrics_satisfaction_group' })
  group?: PeerGroupEntity;

  @Column({ type: 'date' })
  month: string;

  /** Feedback responses counted. */
  @Column({ type: 'integer' })
  responses: number;

  /** Responses that rated usefulness 1 (not at all) … 5 (very). */
  @Column({ name: 'usefulness_1', type: 'integer' })
  usefulness1: number;

  @Column({ name: 'usefulness_2', type: 'integer' })
  usefulness2: number;

  @Column({ name: 'usefulness_3', type: 'integer' })
  usefulness3: number;

  @Column({ name: 'usefulness_4', type: 'integer' })
  usefulness4: number;

  @Column({ name: 'usefulness_5', type: 'integer' })
  usefulness5: number;

  /** Would recommend 9–10. */
  @Column({ type: 'integer' })
  promoters: number;

  /** Would recommend 7–8. */
  @Column({ type: 'integer' })
  passives: number;

  /** Would recommend 0–6. */
  @Column({ type: 'integer' })
  detractors: number;
}

/** What each nightly reconcile found: how much it compared, and what differed (then repaired). */
@Entity('metrics_reconcile_run')
@Index('ix_metrics_reconcile_run_started', ['startedAt'])
export class MetricsReconcileRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;

  /** Slices (group and month) present in the summaries or in the base tables. */
  @Column({ name: 'slices_checked', type: 'integer' })
  slicesChecked: number;

  /** Summary rows that were wrong or extra, and rows the summaries lacked. */
  @Column({ name: 'rows_wrong', type: 'integer' })
  rowsWrong: number;

  @Column({ name: 'rows_missing', type: 'integer' })
  rowsMissing: number;

  /** Slices that differed with no change pending for them: each is recomputed (repaired). */
  @Column({ name: 'slices_repaired', type: 'integer' })
  slicesRepaired: number;

  /** Up to 100 of the repaired slices, as `{ groupId, month }`, for whoever investigates. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  repaired: { groupId: string; month: string }[];
}
