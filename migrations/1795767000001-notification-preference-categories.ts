import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification preferences become exactly the mail a person may turn off, one switch per category
 * the worker checks and the unsubscribe links name: `{ reminders, recaps, briefs }`.
 *
 * - `reminders` keeps its value (the worker already honoured it).
 * - `invitations` goes: meeting invitations, like every other essential email (account invitations,
 *   password links, bookings, meeting changes and cancellations), are always sent.
 * - `digest` goes, and `recaps` and `briefs` start on for everyone. No digest email was ever sent, and
 *   `digest: false` was the column's default, so a stored false is almost always the untouched default,
 *   not a choice: carrying it over would have silently turned off recaps and briefs for nearly every
 *   existing account. Anyone who wants them off now has the switch, and the link in each email.
 *
 * A check constraint then holds the shape for every writer: three booleans, nothing else.
 */
export class NotificationPreferenceCategories1795767000001 implements MigrationInterface {
  name = 'NotificationPreferenceCategories1795767000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Only the preferences change: the auth-change trigger (status, firm, email, name) does not fire.
    await queryRunner.query(`
      UPDATE app_user
         SET notification_preferences = jsonb_build_object(
               'reminders', CASE WHEN jsonb_typeof(notification_preferences -> 'reminders') = 'boolean'
                                 THEN notification_preferences -> 'reminders' ELSE 'true'::jsonb END,
               'recaps', true,
               'briefs', true)`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ALTER COLUMN "notification_preferences" SET DEFAULT '{"briefs": true, "recaps": true, "reminders": true}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "ck_user_notification_preferences" CHECK (` +
        // The object and its keys first: a missing key would make the typeof tests NULL, which a CHECK lets pass.
        `jsonb_typeof("notification_preferences") = 'object' AND ` +
        `"notification_preferences" ?& ARRAY['reminders', 'recaps', 'briefs'] AND ` +
        `jsonb_typeof("notification_preferences" -> 'reminders') = 'boolean' AND ` +
        `jsonb_typeof("notification_preferences" -> 'recaps') = 'boolean' AND ` +
        `jsonb_typeof("notification_preferences" -> 'briefs') = 'boolean' AND ` +
        `("notification_preferences" - 'reminders' - 'recaps' - 'briefs') = '{}'::jsonb)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "ck_user_notification_preferences"`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ALTER COLUMN "notification_preferences" SET DEFAULT '{"digest": false, "reminders": true, "invitations": true}'`,
    );
    await queryRunner.query(`
      UPDATE app_user
         SET notification_preferences = jsonb_build_object(
               'invitations', true,
               'reminders', COALESCE(notification_preferences -> 'reminders', 'true'::jsonb),
               'digest', false)`);
  }
}
