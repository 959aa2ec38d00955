import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells every API process when a user's sessions, roles, status or firm change, so resolved
 * sessions cached in memory are dropped (ActorCache). A trigger, not application code, so a
 * change made by any writer — a script, psql, another service — is announced too. NOTIFY is
 * delivered on commit, never for a rolled-back change.
 */
export class AuthChangeNotify1795751700000 implements MigrationInterface {
  name = 'AuthChangeNotify1795751700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed_user uuid;
      BEGIN
        IF TG_TABLE_NAME = 'app_user' THEN
          changed_user := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
        ELSE
          changed_user := CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
        END IF;
        PERFORM pg_notify('roundtable_auth', changed_user::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_session_auth_change AFTER UPDATE OR DELETE ON session
      FOR EACH ROW EXECUTE FUNCTION notify_auth_change()`);
    await queryRunner.query(`
      CREATE TRIGGER trg_role_assignment_auth_change AFTER INSERT OR UPDATE OR DELETE ON role_assignment
      FOR EACH ROW EXECUTE FUNCTION notify_auth_change()`);
    await queryRunner.query(`
      CREATE TRIGGER trg_app_user_auth_change AFTER UPDATE OF status, firm_id, email, name OR DELETE ON app_user
      FOR EACH ROW EXECUTE FUNCTION notify_auth_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_app_user_auth_change ON app_user`);
    await queryRunner.query(`DROP TRIGGER trg_role_assignment_auth_change ON role_assignment`);
    await queryRunner.query(`DROP TRIGGER trg_session_auth_change ON session`);
    await queryRunner.query(`DROP FUNCTION notify_auth_change()`);
  }
}
