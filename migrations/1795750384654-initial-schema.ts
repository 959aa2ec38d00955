import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795750384654 implements MigrationInterface {
  name = 'InitialSchema1795750384654';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "region" character varying(200) NOT NULL, "funder" character varying(200) NOT NULL, "timezone" character varying(64) NOT NULL, "confidentiality_text" text NOT NULL DEFAULT '', "reminder_offsets_minutes" integer array NOT NULL DEFAULT '{1440,60}', "completion_min_attended" integer NOT NULL DEFAULT '6', "completion_of_sessions" integer NOT NULL DEFAULT '9', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_programme_completion_rule" CHECK ("completion_min_attended" >= 1 AND "completion_min_attended" <= "completion_of_sessions"), CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_programme_name" ON "programme"  ("name") `);
    await queryRunner.query(`CREATE TABLE "firm" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "companies_house_number" character varying(8), "sic_code" character varying(5) NOT NULL, "employee_band" character varying(10) NOT NULL, "local_authority_code" character varying(9) NOT NULL, "postcode" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_firm_employee_band" CHECK ("employee_band" IN ('0-4', '5-9', '10-49', '50-249', '250+')), CONSTRAINT "ck_firm_companies_house_number" CHECK ("companies_house_number" ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'), CONSTRAINT "ck_firm_local_authority_code" CHECK ("local_authority_code" ~ '^(E0[6-9]|W06|S12|N09)[0-9]{6}$'), CONSTRAINT "ck_firm_sic_code" CHECK ("sic_code" ~ '^[0-9]{5}$'), CONSTRAINT "PK_b6e197d72a2ef8bd97a7cbc686e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_firm_programme_name" ON "firm"  ("programme_id", "name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_firm_companies_house_number" ON "firm"  ("programme_id", "companies_house_number") WHERE "companies_house_number" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "peer_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "theme" character varying(200) NOT NULL DEFAULT '', "format" character varying(16) NOT NULL, "capacity" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'forming', "default_venue" character varying(300), "default_meeting_link" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_peer_group_status" CHECK ("status" IN ('forming', 'active', 'closed')), CONSTRAINT "ck_peer_group_format" CHECK ("format" IN ('in_person', 'online', 'hybrid')), CONSTRAINT "ck_peer_group_capacity" CHECK ("capacity" BETWEEN 4 AND 20), CONSTRAINT "PK_e351b1c386fb75193da6eed58df" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_peer_group_programme_name" ON "peer_group"  ("programme_id", "name") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "timezone" character varying(64) NOT NULL DEFAULT 'Europe/London', "password_hash" character varying(255), "status" character varying(16) NOT NULL DEFAULT 'invited', "firm_id" uuid, "notification_preferences" jsonb NOT NULL DEFAULT '{"digest": false, "reminders": true, "invitations": true}', "password_changed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_user_status" CHECK ("status" IN ('invited', 'active', 'disabled')), CONSTRAINT "ck_user_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_user_firm" ON "app_user"  ("firm_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_user_email" ON "app_user"  ("email") `);
    await queryRunner.query(`CREATE TABLE "application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "firm_id" uuid NOT NULL, "applicant_id" uuid NOT NULL, "answers" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'pending', "competitor_conflict" boolean NOT NULL DEFAULT false, "conflicting_firm_ids" uuid array NOT NULL DEFAULT '{}', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_application_decided" CHECK (("status" = 'pending') = ("decided_at" IS NULL)), CONSTRAINT "ck_application_status" CHECK ("status" IN ('pending', 'approved', 'rejected', 'withdrawn')), CONSTRAINT "PK_569e0c3e863ebdf5f2408ee1670" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_application_firm" ON "application"  ("firm_id") `);
    await queryRunner.query(`CREATE INDEX "ix_application_group_status" ON "application"  ("group_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_application_pending" ON "application"  ("group_id", "firm_id") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "invited_by_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invitation_user" ON "invitation"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitation_token_hash" ON "invitation"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "firm_id" uuid NOT NULL, "application_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'active', "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" text, "ended_by_id" uuid, CONSTRAINT "ck_membership_ended" CHECK (("status" = 'active') = ("ended_at" IS NULL)), CONSTRAINT "ck_membership_status" CHECK ("status" IN ('active', 'left', 'removed')), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_membership_group_status" ON "membership"  ("group_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_membership_firm" ON "membership"  ("firm_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_membership_active" ON "membership"  ("group_id", "firm_id") WHERE "status" = 'active'`);
    await queryRunner.query(`CREATE TABLE "role_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "programme_id" uuid, "group_id" uuid, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_role_assignment_scope" CHECK (("role" = 'admin' AND "programme_id" IS NULL AND "group_id" IS NULL)
    OR ("role" = 'programme_manager' AND "programme_id" IS NOT NULL AND "group_id" IS NULL)
    OR ("role" = 'facilitator' AND "programme_id" IS NOT NULL AND "group_id" IS NOT NULL)), CONSTRAINT "ck_role_assignment_role" CHECK ("role" IN ('admin', 'programme_manager', 'facilitator')), CONSTRAINT "PK_7e79671a8a5db18936173148cb4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_role_assignment_programme" ON "role_assignment"  ("programme_id") `);
    await queryRunner.query(`CREATE INDEX "ix_role_assignment_group" ON "role_assignment"  ("group_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_role_facilitator" ON "role_assignment"  ("user_id", "group_id") WHERE "role" = 'facilitator'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_role_programme_manager" ON "role_assignment"  ("user_id", "programme_id") WHERE "role" = 'programme_manager'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_role_admin" ON "role_assignment"  ("user_id") WHERE "role" = 'admin'`);
    await queryRunner.query(`CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" character varying(64), "user_agent" character varying(400), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_session_user" ON "session"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_token_hash" ON "session"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "firm" ADD CONSTRAINT "fk_firm_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "peer_group" ADD CONSTRAINT "fk_peer_group_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_user_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application" ADD CONSTRAINT "fk_application_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application" ADD CONSTRAINT "fk_application_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application" ADD CONSTRAINT "fk_application_applicant" FOREIGN KEY ("applicant_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application" ADD CONSTRAINT "fk_application_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_invited_by" FOREIGN KEY ("invited_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_ended_by" FOREIGN KEY ("ended_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "fk_role_assignment_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "fk_role_assignment_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "fk_role_assignment_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session" ADD CONSTRAINT "fk_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "fk_session_user"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "fk_role_assignment_group"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "fk_role_assignment_programme"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "fk_role_assignment_user"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_ended_by"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_application"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_firm"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_group"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "fk_invitation_invited_by"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "fk_invitation_user"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "fk_application_decided_by"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "fk_application_applicant"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "fk_application_firm"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "fk_application_group"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_user_firm"`);
    await queryRunner.query(`ALTER TABLE "peer_group" DROP CONSTRAINT "fk_peer_group_programme"`);
    await queryRunner.query(`ALTER TABLE "firm" DROP CONSTRAINT "fk_firm_programme"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_session_user"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_admin"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_programme_manager"`);
    await queryRunner.query(`DROP INDEX "public"."uq_role_facilitator"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignment_group"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignment_programme"`);
    await queryRunner.query(`DROP TABLE "role_assignment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_membership_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_membership_firm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_membership_group_status"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_user"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_application_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_group_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_firm"`);
    await queryRunner.query(`DROP TABLE "application"`);
    await queryRunner.query(`DROP INDEX "public"."uq_user_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_firm"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_peer_group_programme_name"`);
    await queryRunner.query(`DROP TABLE "peer_group"`);
    await queryRunner.query(`DROP INDEX "public"."uq_firm_companies_house_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_firm_programme_name"`);
    await queryRunner.query(`DROP TABLE "firm"`);
    await queryRunner.query(`DROP INDEX "public"."uq_programme_name"`);
    await queryRunner.query(`DROP TABLE "programme"`);
  }
}
