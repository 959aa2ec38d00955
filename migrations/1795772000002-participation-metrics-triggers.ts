import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triggers that mark which participation slices (group and month) a change touches, in the statement that makes
 * the change: a row in metrics_dirty, nothing more. The metrics worker recomputes the marked slices from the base
 * tables a few seconds later (docs/metrics.md). The month is the first day of the session's month in its
 * programme's zone, computed by `metrics_month`, the one definition the worker's queries use too; the SIC section
 * by `metrics_sic_section`, the SQL twin of `sicSection` in libs/domain.
 *
 * Bookings and attendance count only at held (completed) sessions, so their changes mark only a completed
 * session's slice: a session becoming completed (or cancelled, or moved) is marked by the meeting trigger.
 */
export class ParticipationMetricsTriggers1795772000002 implements MigrationInterface {
  name = 'ParticipationMetricsTriggers1795772000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION metrics_month(at timestamptz, zone text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT date_trunc('month', at AT TIME ZONE zone)::date
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION metrics_sic_section(code text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
                 WHEN d BETWEEN 1 AND 3 THEN 'A' WHEN d BETWEEN 5 AND 9 THEN 'B' WHEN d BETWEEN 10 AND 33 THEN 'C'
                 WHEN d = 35 THEN 'D' WHEN d BETWEEN 36 AND 39 THEN 'E' WHEN d BETWEEN 41 AND 43 THEN 'F'
                 WHEN d BETWEEN 45 AND 47 THEN 'G' WHEN d BETWEEN 49 AND 53 THEN 'H' WHEN d BETWEEN 55 AND 56 THEN 'I'
                 WHEN d BETWEEN 58 AND 63 THEN 'J' WHEN d BETWEEN 64 AND 66 THEN 'K' WHEN d = 68 THEN 'L'
                 WHEN d BETWEEN 69 AND 75 THEN 'M' WHEN d BETWEEN 77 AND 82 THEN 'N' WHEN d = 84 THEN 'O'
                 WHEN d = 85 THEN 'P' WHEN d BETWEEN 86 AND 88 THEN 'Q' WHEN d BETWEEN 90 AND 93 THEN 'R'
                 WHEN d BETWEEN 94 AND 96 THEN 'S' WHEN d BETWEEN 97 AND 98 THEN 'T' WHEN d = 99 THEN 'U'
               END
          FROM (SELECT CASE WHEN code ~ '^[0-9]{5}$' THEN substr(code, 1, 2)::int END AS d) division
      $$`);

    // A session: its slice before and after the change (a move can cross a month boundary).
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.group_id IS NOT NULL THEN
          INSERT INTO metrics_dirty (group_id, month)
          SELECT OLD.group_id, metrics_month(OLD.starts_at, p.timezone) FROM programme p WHERE p.id = OLD.programme_id
          ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.group_id IS NOT NULL THEN
          INSERT INTO metrics_dirty (group_id, month)
          SELECT NEW.group_id, metrics_month(NEW.starts_at, p.timezone) FROM programme p WHERE p.id = NEW.programme_id
          ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_meeting AFTER INSERT OR DELETE OR UPDATE OF group_id, programme_id, starts_at, status, mode
      ON meeting FOR EACH ROW EXECUTE FUNCTION metrics_mark_meeting()`);

    // A booking or an attendance record: its session's slice, when the session has been held.
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_seat() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metrics_dirty (group_id, month)
        SELECT m.group_id, metrics_month(m.starts_at, p.timezone)
          FROM meeting m JOIN programme p ON p.id = m.programme_id
         WHERE m.id IN (OLD.meeting_id, NEW.meeting_id) AND m.group_id IS NOT NULL AND m.status = 'completed'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_booking AFTER INSERT OR DELETE OR UPDATE OF meeting_id, user_id, status
      ON booking FOR EACH ROW EXECUTE FUNCTION metrics_mark_seat()`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_attendance AFTER INSERT OR DELETE OR UPDATE OF meeting_id, user_id, status, mode
      ON attendance FOR EACH ROW EXECUTE FUNCTION metrics_mark_seat()`);

    // A firm's dimensions edited, or a person moved to another firm: every held slice where its people took part.
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_people(people uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO metrics_dirty (group_id, month)
        SELECT DISTINCT m.group_id, metrics_month(m.starts_at, p.timezone)
          FROM (SELECT b.meeting_id FROM booking b WHERE b.user_id = ANY(people) AND b.status <> 'cancelled'
                UNION SELECT a.meeting_id FROM attendance a WHERE a.user_id = ANY(people)) seat
          JOIN meeting m ON m.id = seat.meeting_id AND m.group_id IS NOT NULL AND m.status = 'completed'
          JOIN programme p ON p.id = m.programme_id
        ON CONFLICT DO NOTHING
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_firm() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM metrics_mark_people(ARRAY(SELECT u.id FROM app_user u WHERE u.firm_id = NEW.id));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_firm AFTER UPDATE OF local_authority_code, sic_code, employee_band ON firm
      FOR EACH ROW WHEN (OLD.local_authority_code IS DISTINCT FROM NEW.local_authority_code
                         OR metrics_sic_section(OLD.sic_code) IS DISTINCT FROM metrics_sic_section(NEW.sic_code)
                         OR OLD.employee_band IS DISTINCT FROM NEW.employee_band)
      EXECUTE FUNCTION metrics_mark_firm()`);
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_person() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM metrics_mark_people(ARRAY[NEW.id]);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_person AFTER UPDATE OF firm_id ON app_user
      FOR EACH ROW WHEN (OLD.firm_id IS DISTINCT FROM NEW.firm_id) EXECUTE FUNCTION metrics_mark_person()`);

    // A programme's zone changed: every session may fall in another month, so both months of each are marked.
    await queryRunner.query(`
      CREATE FUNCTION metrics_mark_programme() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metrics_dirty (group_id, month)
        SELECT DISTINCT m.group_id, metrics_month(m.starts_at, z.zone)
          FROM meeting m CROSS JOIN (VALUES (OLD.timezone), (NEW.timezone)) z(zone)
         WHERE m.programme_id = NEW.id AND m.group_id IS NOT NULL
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER metrics_mark_programme AFTER UPDATE OF timezone ON programme
      FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION metrics_mark_programme()`);

    // Everything that exists already: the first pass of the worker builds the summaries.
    await queryRunner.query(`
      INSERT INTO metrics_dirty (group_id, month)
      SELECT DISTINCT m.group_id, metrics_month(m.starts_at, p.timezone)
        FROM meeting m JOIN programme p ON p.id = m.programme_id
       WHERE m.group_id IS NOT NULL
      ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER metrics_mark_programme ON programme`);
    await queryRunner.query(`DROP TRIGGER metrics_mark_person ON app_user`);
    await queryRunner.query(`DROP TRIGGER metrics_mark_firm ON firm`);
    await queryRunner.query(`DROP TRIGGER metrics_mark_attendance ON attendance`);
    await queryRunner.query(`DROP TRIGGER metrics_mark_booking ON booking`);
    await queryRunner.query(`DROP TRIGGER metrics_mark_meeting ON meeting`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_programme()`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_person()`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_firm()`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_people(uuid[])`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_seat()`);
    await queryRunner.query(`DROP FUNCTION metrics_mark_meeting()`);
    await queryRunner.query(`DROP FUNCTION metrics_sic_section(text)`);
    await queryRunner.query(`DROP FUNCTION metrics_month(timestamptz, text)`);
  }
}
