import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The action-learning summaries (docs/metrics.md): commitments made at a group's held sessions and what became of
 * them, per group, month and firm dimensions, and a days-to-done histogram per slice for an exact median. Both are
 * rebuilt per group by the metrics worker, as a commitment becomes due for review when the group holds a later
 * session, in whatever month.
 *
 * Triggers mark what they depend on beyond the participation triggers (which mark sessions, zones and people's
 * firms): commitments and their revisions; and `metrics_mark_people` now also marks the sessions a person made a
 * commitment at, so a firm's edit re-files commitments of someone with no booking or attendance there.
 */
export class ActionMetrics1795774000001 implements MigrationInterface {
  name = 'ActionMetrics1795774000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "metrics_actions" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "programme_id" uuid NOT NULL, "group_id" uuid NOT NULL, "month" date NOT NULL, "local_authority_code" character varying(9), "sic_section" character varying(1), "employee_band" character varying(10), "made" integer NOT NULL, "due_for_review" integer NOT NULL, "reviewed" integer NOT NULL, "done" integer NOT NULL, "partly" integer NOT NULL, "dropped" integer NOT NULL, CONSTRAINT "ck_metrics_actions_counts" CHECK ("reviewed" <= "due_for_review" AND "due_for_review" <= "made" AND "done" + "partly" + "dropped" <= "made"), CONSTRAINT "pk_metrics_actions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_actions_programme" ON "metrics_actions"  ("programme_id", "month") `);
    await queryRunner.query(`CREATE TABLE "metrics_action_days" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "programme_id" uuid NOT NULL, "group_id" uuid NOT NULL, "month" date NOT NULL, "local_authority_code" character varying(9), "sic_section" character varying(1), "employee_band" character varying(10), "days" integer NOT NULL, "commitments" integer NOT NULL, CONSTRAINT "ck_metrics_action_days_counts" CHECK ("days" >= 0 AND "commitments" >= 1), CONSTRAINT "pk_metrics_action_days" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_action_days_programme" ON "metrics_action_days"  ("programme_id", "month") `);
    await queryRunner.query(`ALTER TABLE "metrics_actions" ADD CONSTRAINT "fk_metrics_actions_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metrics_actions" ADD CONSTRAINT "fk_metrics_actions_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metrics_action_days" ADD CONSTRAINT "fk_metrics_action_days_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metrics_action_days" ADD CONSTRAINT "fk_metrics_action_days_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // One row per slice and dimensions (and days), a null dimension (a person with no firm) being one value.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_metrics_actions_slice" ON "metrics_actions" ("group_id", "month", "local_authority_code", "sic_section", "employee_band") NULLS NOT DISTINCT`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_metrics_action_days_slice" ON "metrics_action_days" ("group_id", "month", "local_authority_code", "sic_section", "employee_band", "days") NULLS NOT DISTINCT`,
    );

    // A commitment: the slice of the held session it was made at (before and after the change).
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metrics_dirty (group_id, month)
        SELECT m.group_id, metrics_month(m.starts_at, p.timezone)
          FROM meeting m JOIN programme p ON p.id = m.programme_id
         WHERE m.id IN (OLD.meeting_id, NEW.meeting_id) AND m.group_id IS NOT NULL AND m.status = 'completed'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_commitment AFTER INSERT OR DELETE OR UPDATE OF meeting_id, user_id, status, reviewed_meeting_id
      ON action_commitment FOR EACH ROW EXECUTE FUNCTION metrics_mark_commitment()`);

    // A revision (when a commitment was done): its commitment's slice.
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_commitment_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metrics_dirty (group_id, month)
        SELECT DISTINCT m.group_id, metrics_month(m.starts_at, p.timezone)
          FROM action_commitment c
          JOIN meeting m ON m.id = c.meeting_id
          JOIN programme p ON p.id = m.programme_id
         WHERE c.id IN (OLD.commitment_id, NEW.commitment_id) AND m.group_id IS NOT NULL AND m.status = 'completed'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_commitment_revision AFTER INSERT OR DELETE OR UPDATE OF commitment_id, status, changed_at
      ON commitment_revision FOR EACH ROW EXECUTE FUNCTION metrics_mark_commitment_revision()`);

    await queryRunner.query(PEOPLE_WITH_COMMITMENTS);

    // Everything that exists already: the first pass of the worker builds the summaries (one slice per group).
    await queryRunner.query(`
      INSERT INTO metrics_dirty (group_id, month)
      SELECT DISTINCT ON (m.group_id) m.group_id, metrics_month(m.starts_at, p.timezone)
        FROM action_commitment c JOIN meeting m ON m.id = c.meeting_id JOIN programme p ON p.id = m.programme_id
       WHERE m.group_id IS NOT NULL AND m.status = 'completed'
      ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PEOPLE_BEFORE);
    await queryRunner.query(`DROP TRIGGER metrics_mark_commitment_revision ON commitment_revision`);
    await queryRunner.query(`DROP TRIGGER metrics_mark_commitment ON action_commitment`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_commitment_revision()`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_commitment()`);
    await queryRunner.query(`DROP INDEX "public"."uq_metrics_action_days_slice"`);
    await queryRunner.query(`DROP INDEX "public"."uq_metrics_actions_slice"`);
    await queryRunner.query(`ALTER TABLE "metrics_action_days" DROP CONSTRAINT "fk_metrics_action_days_group"`);
    await queryRunner.query(`ALTER TABLE "metrics_action_days" DROP CONSTRAINT "fk_metrics_action_days_programme"`);
    await queryRunner.query(`ALTER TABLE "metrics_actions" DROP CONSTRAINT "fk_metrics_actions_group"`);
    await queryRunner.query(`ALTER TABLE "metrics_actions" DROP CONSTRAINT "fk_metrics_actions_programme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metrics_action_days_programme"`);
    await queryRunner.query(`DROP TABLE "metrics_action_days"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metrics_actions_programme"`);
    await queryRunner.query(`DROP TABLE "metrics_actions"`);
  }
}

const PEOPLE_WITH_COMMITMENTS = `
  CREATE OR REPLACE FUNCTION metrics_mark_people(people uuid[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO metrics_dirty (group_id, month)
    SELECT DISTINCT m.group_id, metrics_month(m.starts_at, p.timezone)
      FROM (SELECT b.meeting_id FROM booking b WHERE b.user_id = ANY(people) AND b.status <> 'cancelled'
            UNION SELECT a.meeting_id FROM attendance a WHERE a.user_id = ANY(people)
            UNION SELECT c.meeting_id FROM action_commitment c WHERE c.user_id = ANY(people)) seat
      JOIN meeting m ON m.id = seat.meeting_id AND m.group_id IS NOT NULL AND m.status = 'completed'
      JOIN programme p ON p.id = m.programme_id
    ON CONFLICT DO NOTHING
  $$`;

const PEOPLE_BEFORE = `
  CREATE OR REPLACE FUNCTION metrics_mark_people(people uuid[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO metrics_dirty (group_id, month)
    SELECT DISTINCT m.group_id, metrics_month(m.starts_at, p.timezone)
      FROM (SELECT b.meeting_id FROM booking b WHERE b.user_id = ANY(people) AND b.status <> 'cancelled'
            UNION SELECT a.meeting_id FROM attendance a WHERE a.user_id = ANY(people)) seat
      JOIN meeting m ON m.id = seat.meeting_id AND m.group_id IS NOT NULL AND m.status = 'completed'
      JOIN programme p ON p.id = m.programme_id
    ON CONFLICT DO NOTHING
  $$`;
