import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = ['user', 'meeting', 'booking', 'application', 'invitation'];

/**
 * The outbox's lookup indexes leave out the rows whose column is null: a row is about one or two
 * things, so every booking or reminder row used to add entries to five indexes, inside the meeting
 * lock that book_seat holds.
 */
export class NotificationPartialIndexes1795769000001 implements MigrationInterface {
  name = 'NotificationPartialIndexes1795769000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const c of COLUMNS) {
      await queryRunner.query(`DROP INDEX "public"."ix_notification_${c}"`);
      await queryRunner.query(`CREATE INDEX "ix_notification_${c}" ON "notification" ("${c}_id") WHERE "${c}_id" IS NOT NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of COLUMNS) {
      await queryRunner.query(`DROP INDEX "public"."ix_notification_${c}"`);
      await queryRunner.query(`CREATE INDEX "ix_notification_${c}" ON "notification" ("${c}_id")`);
    }
  }
}
