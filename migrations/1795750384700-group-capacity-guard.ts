import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capacity is a database invariant, not only a service rule: a second process (a script, a
 * future worker) cannot put more active firms in a group than its capacity, nor shrink a
 * group below its active membership. The trigger locks the group row, so concurrent
 * inserts for one group serialise here even if a caller forgot to lock.
 */
export class GroupCapacityGuard1795750384700 implements MigrationInterface {
  name = 'GroupCapacityGuard1795750384700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION enforce_membership_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        cap integer;
        active_count integer;
      BEGIN
        IF NEW.status <> 'active' THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.status = 'active' AND OLD.group_id = NEW.group_id THEN
          RETURN NEW;
        END IF;
        SELECT capacity INTO cap FROM peer_group WHERE id = NEW.group_id FOR UPDATE;
        SELECT count(*) INTO active_count FROM membership
          WHERE group_id = NEW.group_id AND status = 'active' AND id <> NEW.id;
        IF active_count >= cap THEN
          RAISE EXCEPTION 'peer group is full (capacity %)', cap
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_membership_capacity';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_membership_capacity BEFORE INSERT OR UPDATE OF status, group_id ON membership
      FOR EACH ROW EXECUTE FUNCTION enforce_membership_capacity()`);
    await queryRunner.query(`
      CREATE FUNCTION enforce_group_capacity_floor() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        active_count integer;
      BEGIN
        SELECT count(*) INTO active_count FROM membership WHERE group_id = NEW.id AND status = 'active';
        IF active_count > NEW.capacity THEN
          RAISE EXCEPTION 'capacity % is below the % active members', NEW.capacity, active_count
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_peer_group_capacity_floor';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_peer_group_capacity_floor BEFORE UPDATE OF capacity ON peer_group
      FOR EACH ROW WHEN (NEW.capacity < OLD.capacity) EXECUTE FUNCTION enforce_group_capacity_floor()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_peer_group_capacity_floor ON peer_group`);
    await queryRunner.query(`DROP FUNCTION enforce_group_capacity_floor()`);
    await queryRunner.query(`DROP TRIGGER trg_membership_capacity ON membership`);
    await queryRunner.query(`DROP FUNCTION enforce_membership_capacity()`);
  }
}
