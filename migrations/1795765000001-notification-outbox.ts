import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox (see NotificationEntity) and its delivery records: every email owed is a row
 * written in the transaction that causes it; the worker relays due rows to BullMQ and records each delivery once.
 */
export class NotificationOutbox1795765000001 implements MigrationInterface {
  name = 'NotificationOutbox1795765000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "user_id" uuid, "meeting_id" uuid, "booking_id" uuid, "application_id" uuid, "invitation_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "dedupe_key" character varying(300) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "skipped_reason" character varying(200), "message_id" character varying(300), "provider_response" text, "queued_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notification_attempts" CHECK ("attempts" >= 0), CONSTRAINT "ck_notification_recipient" CHECK ("user_id" IS NOT NULL OR "invitation_id" IS NOT NULL), CONSTRAINT "ck_notification_status" CHECK ("status" IN ('pending', 'queued', 'sent', 'skipped', 'failed')), CONSTRAINT "ck_notification_kind" CHECK ("kind" IN ('account_invitation', 'password_reset', 'application_received', 'application_approved', 'application_rejected', 'booking_confirmed', 'booking_waitlisted', 'booking_promoted', 'meeting_invitation', 'meeting_updated', 'meeting_cancelled', 'booking_cancelled', 'reminder', 'facilitator_brief', 'meeting_recap')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notification_invitation" ON "notification"  ("invitation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_application" ON "notification"  ("application_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_booking" ON "notification"  ("booking_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_meeting" ON "notification"  ("meeting_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_user" ON "notification"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_due" ON "notification"  ("due_at") WHERE "status" IN ('pending', 'queued')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_dedupe_key" ON "notification"  ("dedupe_key") `);
    await queryRunner.query(`CREATE TABLE "notification_delivery" ("notification_id" uuid NOT NULL, "message_id" character varying(300) NOT NULL, "worker" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2e70a64359ce7416b06a4d7a432" PRIMARY KEY ("notification_id"))`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_booking" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_invitation" FOREIGN KEY ("invitation_id") REFERENCES "invitation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD CONSTRAINT "fk_notification_delivery_notification" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP CONSTRAINT "fk_notification_delivery_notification"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_invitation"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_application"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_booking"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_meeting"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user"`);
    await queryRunner.query(`DROP TABLE "notification_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_booking"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_invitation"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
