import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention summary (docs/metrics.md): one row per group and person who attended one of its held sessions,
 * rebuilt with the group's slices by the metrics worker. Per-person rows, because completion, drop-out and the
 * cohort curve count distinct people across months, which no sum of monthly counts gives exactly.
 *
 * Also marks what retention depends on beyond the participation triggers: a programme's completion rule and a
 * firm's membership of a group (leaving counts as dropping out).
 */
export class RetentionMetrics1795773000001 implements MigrationInterface {
  name = 'RetentionMetrics1795773000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "metrics_member" (
        "group_id" uuid NOT NULL REFERENCES "peer_group"("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
        "programme_id" uuid NOT NULL REFERENCES "programme"("id") ON DELETE CASCADE,
        "month" date NOT NULL,
        "local_authority_code" character varying(9),
        "sic_section" character varying(1),
        "employee_band" character varying(10),
        "sessions_attended" integer NOT NULL,
        "completed" boolean NOT NULL,
        "decided" boolean NOT NULL,
        "dropped_out" boolean NOT NULL,
        "at_risk" boolean NOT NULL,
        CONSTRAINT "pk_metrics_member" PRIMARY KEY ("group_id", "user_id"),
        CONSTRAINT "ck_metrics_member_states" CHECK (
          "sessions_attended" >= 1 AND (NOT "completed" OR "decided")
          AND NOT ("completed" AND "dropped_out") AND NOT ("at_risk" AND ("completed" OR "dropped_out"))))`);
    await queryRunner.query(`CREATE INDEX "ix_metrics_member_programme" ON "metrics_member" ("programme_id", "month")`);

    // The completion rule changed: every member row of the programme's groups (one held slice per group suffices,
    // as a group's member rows are rebuilt with any of its slices).
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_completion_rule() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metrics_dirty (group_id, month)
        SELECT DISTINCT ON (m.group_id) m.group_id, metrics_month(m.starts_at, NEW.timezone)
          FROM meeting m
         WHERE m.programme_id = NEW.id AND m.group_id IS NOT NULL AND m.status = 'completed'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_completion_rule AFTER UPDATE OF completion_min_attended, completion_of_sessions ON programme
      FOR EACH ROW WHEN (OLD.completion_min_attended IS DISTINCT FROM NEW.completion_min_attended
                         OR OLD.completion_of_sessions IS DISTINCT FROM NEW.completion_of_sessions)
      EXECUTE FUNCTION metrics_mark_completion_rule()`);

    // A firm joined or left a group: the group's member rows (marked through the slice of the current month).
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_membership() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metrics_dirty (group_id, month)
        SELECT g.id, metrics_month(now(), p.timezone)
          FROM peer_group g JOIN programme p ON p.id = g.programme_id
         WHERE g.id IN (OLD.group_id, NEW.group_id)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_membership AFTER INSERT OR DELETE OR UPDATE OF group_id, firm_id, status ON membership
      FOR EACH ROW EXECUTE FUNCTION metrics_mark_membership()`);

    // Everything that exists already: the first pass of the worker builds the member rows.
    await queryRunner.query(`
      INSERT INTO metrics_dirty (group_id, month)
      SELECT DISTINCT ON (m.group_id) m.group_id, metrics_month(m.starts_at, p.timezone)
        FROM meeting m JOIN programme p ON p.id = m.programme_id
       WHERE m.group_id IS NOT NULL AND m.status = 'completed'
      ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER metrics_mark_membership ON membership`);
    await queryRunner.query(`DROP TRIGGER metrics_mark_completion_rule ON programme`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_membership()`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_completion_rule()`);
    await queryRunner.query(`DROP TABLE "metrics_member"`);
  }
}
