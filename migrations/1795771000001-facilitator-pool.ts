import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme's facilitator pool: a facilitator can be recruited before their group exists. A facilitator role
 * assignment may now have a programme and no group (a place in the pool, once per person and programme), and a
 * facilitator invitation may name no group (recruiting into the pool, one pending per email and programme). The
 * existing per-group unique indexes never match a null group, so each pool gets its own.
 */
export class FacilitatorPool1795771000001 implements MigrationInterface {
  name = 'FacilitatorPool1795771000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "ck_role_assignment_scope"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "ck_role_assignment_scope" CHECK (("role" = 'admin' AND "programme_id" IS NULL AND "group_id" IS NULL)
    OR ("role" = 'programme_manager' AND "programme_id" IS NOT NULL AND "group_id" IS NULL)
    OR ("role" = 'facilitator' AND "programme_id" IS NOT NULL))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_role_facilitator_pool" ON "role_assignment" ("user_id", "programme_id") WHERE "role" = 'facilitator' AND "group_id" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "ck_invitation_scope"`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "ck_invitation_scope" CHECK (("role" = 'programme_manager' AND "group_id" IS NULL AND "firm_id" IS NULL)
    OR ("role" = 'facilitator' AND "firm_id" IS NULL)
    OR ("role" = 'member' AND "firm_id" IS NOT NULL AND "group_id" IS NULL))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_pending_facilitator_pool" ON "invitation" ("email", "programme_id") WHERE "role" = 'facilitator' AND "group_id" IS NULL AND "accepted_at" IS NULL AND "withdrawn_at" IS NULL`,
    );
  }

  /** Back to facilitators of groups only: places in a pool and invitations into one are dropped. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_pending_facilitator_pool"`);
    await queryRunner.query(`DELETE FROM "invitation" WHERE "role" = 'facilitator' AND "group_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "ck_invitation_scope"`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "ck_invitation_scope" CHECK (("role" = 'programme_manager' AND "group_id" IS NULL AND "firm_id" IS NULL)
    OR ("role" = 'facilitator' AND "group_id" IS NOT NULL AND "firm_id" IS NULL)
    OR ("role" = 'member' AND "firm_id" IS NOT NULL AND "group_id" IS NULL))`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_facilitator_pool"`);
    await queryRunner.query(`DELETE FROM "role_assignment" WHERE "role" = 'facilitator' AND "group_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "ck_role_assignment_scope"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "ck_role_assignment_scope" CHECK (("role" = 'admin' AND "programme_id" IS NULL AND "group_id" IS NULL)
    OR ("role" = 'programme_manager' AND "programme_id" IS NOT NULL AND "group_id" IS NULL)
    OR ("role" = 'facilitator' AND "programme_id" IS NOT NULL AND "group_id" IS NOT NULL))`);
  }
}
