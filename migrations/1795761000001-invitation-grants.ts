import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invitation becomes the grant itself (email, name, time zone, role and its scope) instead of a link
 * to a pending `app_user` made up front: no account exists until a link is accepted, so nobody can hold
 * an account under someone else's address by inviting it.
 *
 * Pending accounts of the old model keep working: every grant of each `status = 'invited'` account (its
 * firm, its manager and facilitator roles) becomes one invitation row, carrying the account's latest
 * link (so the link the person already has accepts all of them at once; an account without a link gets
 * an expired row a manager can renew). Those accounts are then deleted, unless something already
 * refers to them (an application, a booking, attendance, a commitment, feedback, or an admin role): those
 * stay as they are, and accepting the converted invitation sets their password. Used and superseded
 * links carried no grant and can never be used again; they are dropped.
 */
export class InvitationGrants1795761000001 implements MigrationInterface {
  name = 'InvitationGrants1795761000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_token_hash"`);
    await queryRunner.query(`ALTER TABLE "invitation" RENAME COLUMN "used_at" TO "accepted_at"`);
    await queryRunner.query(`ALTER TABLE "invitation" ALTER COLUMN "user_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD "email" character varying(320), ADD "name" character varying(200),
         ADD "timezone" character varying(64), ADD "role" character varying(32), ADD "programme_id" uuid,
         ADD "group_id" uuid, ADD "firm_id" uuid, ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`,
    );
    // Old links were handed to whoever invited, members included: a member could have kept the link to
    // someone else's address. Only a link an admin or a manager of the programme received stays usable;
    // any other becomes unusable, and a manager renews the invitation to send a new one.
    await queryRunner.query(`
      CREATE FUNCTION pg_temp.trusted(inviter uuid, programme uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = inviter
                         AND (ra.role = 'admin' OR (ra.role = 'programme_manager' AND ra.programme_id = programme)))
      $$`);
    await queryRunner.query(`
      WITH link AS (
        SELECT DISTINCT ON (i.user_id) i.user_id, i.token_hash, i.invited_by_id, i.expires_at
          FROM invitation i
         WHERE i.accepted_at IS NULL
         ORDER BY i.user_id, i.created_at DESC
      ), pending AS (
        SELECT u.id, u.email, u.name, u.timezone, u.firm_id, u.created_at, l.invited_by_id,
               COALESCE(l.token_hash, 'legacy-' || replace(u.id::text, '-', '')) AS token_hash,
               'legacy-' || replace(u.id::text, '-', '') AS unusable,
               COALESCE(l.expires_at, now()) AS expires_at
          FROM app_user u LEFT JOIN link l ON l.user_id = u.id
         WHERE u.status = 'invited'
      )
      INSERT INTO invitation (email, name, timezone, role, programme_id, group_id, firm_id, token_hash, invited_by_id,
                              expires_at, created_at)
      SELECT p.email, p.name, p.timezone, 'member', f.programme_id, NULL, p.firm_id,
             CASE WHEN pg_temp.trusted(p.invited_by_id, f.programme_id) THEN p.token_hash ELSE p.unusable END, p.invited_by_id,
             p.expires_at, p.created_at
        FROM pending p JOIN firm f ON f.id = p.firm_id
      UNION ALL
      SELECT p.email, p.name, p.timezone, r.role, r.programme_id, r.group_id, NULL,
             CASE WHEN pg_temp.trusted(p.invited_by_id, r.programme_id) THEN p.token_hash ELSE p.unusable END,
             COALESCE(p.invited_by_id, r.created_by_id), p.expires_at, r.created_at
        FROM pending p JOIN role_assignment r ON r.user_id = p.id
       WHERE r.role IN ('programme_manager', 'facilitator')`);
    await queryRunner.query(`DROP FUNCTION pg_temp.trusted(uuid, uuid)`);
    await queryRunner.query(`DELETE FROM invitation WHERE role IS NULL`);
    await queryRunner.query(`
      DELETE FROM app_user u
       WHERE u.status = 'invited'
         AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND r.role = 'admin')
         AND NOT EXISTS (SELECT 1 FROM application x WHERE x.applicant_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM booking x WHERE x.user_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM attendance x WHERE x.user_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM action_commitment x WHERE x.user_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM feedback x WHERE x.user_id = u.id)`);
    await queryRunner.query(
      `ALTER TABLE "invitation" ALTER COLUMN "email" SET NOT NULL, ALTER COLUMN "name" SET NOT NULL,
         ALTER COLUMN "timezone" SET NOT NULL, ALTER COLUMN "role" SET NOT NULL, ALTER COLUMN "programme_id" SET NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "ck_invitation_email_lower" CHECK ("email" = lower("email"))`);
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "ck_invitation_role" CHECK ("role" IN ('programme_manager', 'facilitator', 'member'))`,
    );
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "ck_invitation_scope" CHECK (("role" = 'programme_manager' AND "group_id" IS NULL AND "firm_id" IS NULL)
    OR ("role" = 'facilitator' AND "group_id" IS NOT NULL AND "firm_id" IS NULL)
    OR ("role" = 'member' AND "firm_id" IS NOT NULL AND "group_id" IS NULL))`);
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "ck_invitation_settled_once" CHECK ("accepted_at" IS NULL OR "withdrawn_at" IS NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_invitation_token_hash" ON "invitation" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_invitation_invited_by" ON "invitation" ("invited_by_id") `);
    await queryRunner.query(`CREATE INDEX "ix_invitation_programme" ON "invitation" ("programme_id") `);
    await queryRunner.query(`CREATE INDEX "ix_invitation_firm" ON "invitation" ("firm_id") `);
    await queryRunner.query(`CREATE INDEX "ix_invitation_group" ON "invitation" ("group_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_pending_manager" ON "invitation" ("email", "programme_id") WHERE "role" = 'programme_manager' AND "accepted_at" IS NULL AND "withdrawn_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_pending_facilitator" ON "invitation" ("email", "group_id") WHERE "role" = 'facilitator' AND "accepted_at" IS NULL AND "withdrawn_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_pending_member" ON "invitation" ("email", "firm_id") WHERE "role" = 'member' AND "accepted_at" IS NULL AND "withdrawn_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_group" FOREIGN KEY ("group_id") REFERENCES "peer_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  /** Back to links of accounts: pending invitations have no account to point at, so only accepted ones survive. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "fk_invitation_firm"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "fk_invitation_group"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "fk_invitation_programme"`);
    await queryRunner.query(`DELETE FROM invitation WHERE user_id IS NULL`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_pending_member"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_pending_facilitator"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_pending_manager"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_group"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_firm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_programme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_invited_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_token_hash"`);
    await queryRunner.query(
      `ALTER TABLE "invitation" DROP CONSTRAINT "ck_invitation_settled_once", DROP CONSTRAINT "ck_invitation_scope",
         DROP CONSTRAINT "ck_invitation_role", DROP CONSTRAINT "ck_invitation_email_lower"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" DROP COLUMN "withdrawn_at", DROP COLUMN "firm_id", DROP COLUMN "group_id",
         DROP COLUMN "programme_id", DROP COLUMN "role", DROP COLUMN "timezone", DROP COLUMN "name", DROP COLUMN "email"`,
    );
    await queryRunner.query(`ALTER TABLE "invitation" ALTER COLUMN "user_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "invitation" RENAME COLUMN "accepted_at" TO "used_at"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitation_token_hash" ON "invitation" ("token_hash") `);
  }
}
