import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participation summaries the metrics routes read (docs/metrics.md): sessions per group and month, bookings and
 * attendance per group, month and firm dimensions; the slices waiting to be recomputed; and the nightly reconcile's
 * record. The triggers that mark slices are in migration participation-metrics-triggers.
 */
export class ParticipationMetrics1795772000001 implements MigrationInterface {
  name = 'ParticipationMetrics1795772000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "metrics_dirty" ("group_id" uuid NOT NULL, "month" date NOT NULL, "marked_by" bigint NOT NULL DEFAULT txid_current(), "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a2e758dd6a5cc43833d183990f5" PRIMARY KEY ("group_id", "month", "marked_by"))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_dirty_marked_at" ON "metrics_dirty"  ("marked_at") `);
    await queryRunner.query(`CREATE TABLE "metrics_group_month" ("group_id" uuid NOT NULL, "month" date NOT NULL, "programme_id" uuid NOT NULL, "sessions_scheduled" integer NOT NULL, "sessions_held" integer NOT NULL, "hybrid_sessions_held" integer NOT NULL, CONSTRAINT "ck_metrics_group_month_counts" CHECK ("sessions_held" <= "sessions_scheduled" AND "hybrid_sessions_held" <= "sessions_held"), CONSTRAINT "PK_73a444d40a9daa81428e16e200c" PRIMARY KEY ("group_id", "month"))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_group_month_programme" ON "metrics_group_month"  ("programme_id", "month") `);
    await queryRunner.query(`CREATE TABLE "metrics_participation" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "programme_id" uuid NOT NULL, "group_id" uuid NOT NULL, "month" date NOT NULL, "local_authority_code" character varying(9), "sic_section" character varying(1), "employee_band" character varying(10), "booked" integer NOT NULL, "confirmed" integer NOT NULL, "waitlisted" integer NOT NULL, "attended" integer NOT NULL, "no_show_confirmed" integer NOT NULL, "present" integer NOT NULL, "late" integer NOT NULL, "apologies" integer NOT NULL, "no_show" integer NOT NULL, "hybrid_online" integer NOT NULL, "hybrid_in_person" integer NOT NULL, "hybrid_mode_unrecorded" integer NOT NULL, CONSTRAINT "ck_metrics_participation_funnel" CHECK ("attended" <= "confirmed" AND "confirmed" <= "booked" AND "no_show_confirmed" <= "confirmed"), CONSTRAINT "ck_metrics_participation_employee_band" CHECK ("employee_band" IS NULL OR "employee_band" IN ('0-4', '5-9', '10-49', '50-249', '250+')), CONSTRAINT "ck_metrics_participation_sic_section" CHECK ("sic_section" IS NULL OR "sic_section" IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U')), CONSTRAINT "PK_c1d2b5ef79debf8a685e55b8b64" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_participation_programme" ON "metrics_participation"  ("programme_id", "month") `);
    // One row per slice and dimensions, a null dimension (a person with no firm) being one value.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_metrics_participation_slice" ON "metrics_participation" ("group_id", "month", "local_authority_code", "sic_section", "employee_band") NULLS NOT DISTINCT`,
    );
    await queryRunner.query(`CREATE TABLE "metrics_reconcile_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "slices_checked" integer NOT NULL, "rows_wrong" integer NOT NULL, "rows_missing" integer NOT NULL, "slices_repaired" integer NOT NULL, "repaired" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_2b70afe5d7e5ed2183ae767b8bd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_reconcile_run_started" ON "metrics_reconcile_run"  ("started_at") `);
    await queryRunner.query(`ALTER TABLE "metrics_group_month" ADD CONSTRAINT "fk_metrics_group_month_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metrics_group_month" ADD CONSTRAINT "fk_metrics_group_month_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metrics_participation" ADD CONSTRAINT "fk_metrics_participation_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metrics_participation" ADD CONSTRAINT "fk_metrics_participation_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "metrics_participation" DROP CONSTRAINT "fk_metrics_participation_group"`);
    await queryRunner.query(`ALTER TABLE "metrics_participation" DROP CONSTRAINT "fk_metrics_participation_programme"`);
    await queryRunner.query(`ALTER TABLE "metrics_group_month" DROP CONSTRAINT "fk_metrics_group_month_programme"`);
    await queryRunner.query(`ALTER TABLE "metrics_group_month" DROP CONSTRAINT "fk_metrics_group_month_group"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metrics_reconcile_run_started"`);
    await queryRunner.query(`DROP TABLE "metrics_reconcile_run"`);
    await queryRunner.query(`DROP INDEX "public"."uq_metrics_participation_slice"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metrics_participation_programme"`);
    await queryRunner.query(`DROP TABLE "metrics_participation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metrics_group_month_programme"`);
    await queryRunner.query(`DROP TABLE "metrics_group_month"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metrics_dirty_marked_at"`);
    await queryRunner.query(`DROP TABLE "metrics_dirty"`);
  }
}
