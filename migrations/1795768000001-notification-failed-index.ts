import { MigrationInterface, QueryRunner } from 'typeorm';

/** The admins' list of failed emails reads this small index alone, most recently failed first. */
export class NotificationFailedIndex1795768000001 implements MigrationInterface {
  name = 'NotificationFailedIndex1795768000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_notification_failed" ON "notification" ("updated_at", "id") WHERE "status" = 'failed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_failed"`);
  }
}
