import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The satisfaction summary (docs/metrics.md): feedback given at a group's held sessions by people recorded present
 * or late there, per group, month and firm dimensions, as counts per usefulness value and promoter / passive /
 * detractor counts (never a stored mean, so every filter's figures are exact). Rebuilt per slice by the metrics
 * worker with the participation summaries.
 *
 * One trigger, on feedback: the participation triggers already mark what else it depends on (a session held,
 * cancelled or moved; attendance corrected; a person's firm or a programme's zone changed: a person who gave feedback
 * has an attendance record there, so `metrics_mark_people` reaches them).
 */
export class SatisfactionMetrics1795775000001 implements MigrationInterface {
  name = 'SatisfactionMetrics1795775000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "metrics_satisfaction" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "programme_id" uuid NOT NULL, "group_id" uuid NOT NULL, "month" date NOT NULL, "local_authority_code" character varying(9), "sic_section" character varying(1), "employee_band" character varying(10), "responses" integer NOT NULL, "usefulness_1" integer NOT NULL, "usefulness_2" integer NOT NULL, "usefulness_3" integer NOT NULL, "usefulness_4" integer NOT NULL, "usefulness_5" integer NOT NULL, "promoters" integer NOT NULL, "passives" integer NOT NULL, "detractors" integer NOT NULL, CONSTRAINT "ck_metrics_satisfaction_counts" CHECK ("responses" >= 1 AND "usefulness_1" >= 0 AND "usefulness_2" >= 0 AND "usefulness_3" >= 0 AND "usefulness_4" >= 0 AND "usefulness_5" >= 0 AND "usefulness_1" + "usefulness_2" + "usefulness_3" + "usefulness_4" + "usefulness_5" = "responses" AND "promoters" >= 0 AND "passives" >= 0 AND "detractors" >= 0 AND "promoters" + "passives" + "detractors" = "responses"), CONSTRAINT "pk_metrics_satisfaction" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_satisfaction_programme" ON "metrics_satisfaction"  ("programme_id", "month") `);
    await queryRunner.query(`ALTER TABLE "metrics_satisfaction" ADD CONSTRAINT "fk_metrics_satisfaction_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metrics_satisfaction" ADD CONSTRAINT "fk_metrics_satisfaction_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // One row per slice and dimensions, a null dimension (a person with no firm) being one value.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_metrics_satisfaction_slice" ON "metrics_satisfaction" ("group_id", "month", "local_authority_code", "sic_section", "employee_band") NULLS NOT DISTINCT`,
    );

    // Feedback: the slice of the held session it is on (before and after the change).
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_feedback() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metrics_dirty (group_id, month)
        SELECT m.group_id, metrics_month(m.starts_at, p.timezone)
          FROM meeting m JOIN programme p ON p.id = m.programme_id
         WHERE m.id IN (OLD.meeting_id, NEW.meeting_id) AND m.group_id IS NOT NULL AND m.status = 'completed'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_feedback AFTER INSERT OR DELETE OR UPDATE OF meeting_id, user_id, usefulness, would_recommend
      ON feedback FOR EACH ROW EXECUTE FUNCTION metrics_mark_feedback()`);

    // Everything that exists already: the first pass of the worker builds the summary.
    await queryRunner.query(`
      INSERT INTO metrics_dirty (group_id, month)
      SELECT DISTINCT m.group_id, metrics_month(m.starts_at, p.timezone)
        FROM feedback fb JOIN meeting m ON m.id = fb.meeting_id JOIN programme p ON p.id = m.programme_id
       WHERE m.group_id IS NOT NULL AND m.status = 'completed'
      ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER metrics_mark_feedback ON feedback`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_feedback()`);
    await queryRunner.query(`DROP INDEX "public"."uq_metrics_satisfaction_slice"`);
    await queryRunner.query(`ALTER TABLE "metrics_satisfaction" DROP CONSTRAINT "fk_metrics_satisfaction_group"`);
    await queryRunner.query(`ALTER TABLE "metrics_satisfaction" DROP CONSTRAINT "fk_metrics_satisfaction_programme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metrics_satisfaction_programme"`);
    await queryRunner.query(`DROP TABLE "metrics_satisfaction"`);
  }
}
