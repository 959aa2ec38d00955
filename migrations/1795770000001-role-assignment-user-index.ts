import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's roles, and the users holding a role, without reading the whole table: the unique indexes
 * lead with user_id too, but each covers one role only (partial), so a lookup by user alone, as
 * resolving a session, GET /auth/me and the admins' account list do, could use none of them.
 */
export class RoleAssignmentUserIndex1795770000001 implements MigrationInterface {
  name = 'RoleAssignmentUserIndex1795770000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_role_assignment_user_role" ON "role_assignment" ("user_id", "role")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignment_user_role"`);
  }
}
