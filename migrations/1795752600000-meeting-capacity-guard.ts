import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A meeting's confirmed seats never exceed its capacity, whoever writes them: the booking
 * service checks under the meeting row lock, and these triggers hold the same line for any
 * other writer (a script, a future worker). The trigger takes the same row lock, which the
 * service already holds, so it adds no new lock order.
 */
export class MeetingCapacityGuard1795752600000 implements MigrationInterface {
  name = 'MeetingCapacityGuard1795752600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION enforce_booking_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        cap integer;
        confirmed integer;
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'confirmed' AND OLD.meeting_id = NEW.meeting_id THEN
          RETURN NEW;
        END IF;
        SELECT capacity INTO cap FROM meeting WHERE id = NEW.meeting_id FOR UPDATE;
        SELECT count(*) INTO confirmed FROM booking
          WHERE meeting_id = NEW.meeting_id AND status = 'confirmed' AND id <> NEW.id;
        IF confirmed >= cap THEN
          RAISE EXCEPTION 'meeting is full (capacity %)', cap
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_booking_capacity';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_booking_capacity BEFORE INSERT OR UPDATE OF status, meeting_id ON booking
      FOR EACH ROW WHEN (NEW.status = 'confirmed') EXECUTE FUNCTION enforce_booking_capacity()`);
    await queryRunner.query(`
      CREATE FUNCTION enforce_meeting_capacity_floor() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        confirmed integer;
      BEGIN
        SELECT count(*) INTO confirmed FROM booking WHERE meeting_id = NEW.id AND status = 'confirmed';
        IF confirmed > NEW.capacity THEN
          RAISE EXCEPTION 'capacity % is below the % confirmed seats', NEW.capacity, confirmed
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_meeting_capacity_floor';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_meeting_capacity_floor BEFORE UPDATE OF capacity ON meeting
      FOR EACH ROW WHEN (NEW.capacity < OLD.capacity) EXECUTE FUNCTION enforce_meeting_capacity_floor()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_meeting_capacity_floor ON meeting`);
    await queryRunner.query(`DROP FUNCTION enforce_meeting_capacity_floor()`);
    await queryRunner.query(`DROP TRIGGER trg_booking_capacity ON booking`);
    await queryRunner.query(`DROP FUNCTION enforce_booking_capacity()`);
  }
}
