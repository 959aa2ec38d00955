import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret calendar subscription URLs: one row per person who has one, holding only the SHA-256 of the
 * token (the URL is shown once, when made). Rotating replaces the hash; revoking deletes the row;
 * deleting the account deletes it too.
 */
export class CalendarFeed1795767000002 implements MigrationInterface {
  name = 'CalendarFeed1795767000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calendar_feed" ("user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_29b8f216ae4f5fdd5bcc8de8112" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feed_token_hash" ON "calendar_feed"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "calendar_feed" ADD CONSTRAINT "fk_calendar_feed_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calendar_feed" DROP CONSTRAINT "fk_calendar_feed_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_calendar_feed_token_hash"`);
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
  }
}
