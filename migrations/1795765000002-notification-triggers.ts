import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What is owed by email follows from what changed, in the database itself: AFTER triggers on
 * meeting, booking, membership and application write the outbox rows in the statement that makes
 * the change, so whatever path writes (the API's services, book_seat's single statement, a future
 * admin tool) the email is owed exactly when the change commits, and never when it rolls back.
 * Each row has a dedupe key, so writing it twice writes it once. The worker re-reads the state
 * when it sends and skips what is no longer wanted; these triggers also retire waiting rows at once
 * (a cancelled booking's reminders, a moved meeting's), so the queue and the record stay honest.
 *
 * Account invitations and password resets are owed by their services (a resend is a deliberate act,
 * not a change of state).
 */
export class NotificationTriggers1795765000002 implements MigrationInterface {
  name = 'NotificationTriggers1795765000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Who a meeting concerns: the active people of the group's member firms, and anyone holding a seat.
    await queryRunner.query(`
      CREATE FUNCTION meeting_audience(p_meeting_id uuid, p_group_id uuid) RETURNS TABLE (user_id uuid)
      LANGUAGE sql STABLE AS $$
        SELECT u.id FROM membership ms JOIN app_user u ON u.firm_id = ms.firm_id AND u.status = 'active'
         WHERE p_group_id IS NOT NULL AND ms.group_id = p_group_id AND ms.status = 'active'
        UNION
        SELECT b.user_id FROM booking b JOIN app_user u ON u.id = b.user_id AND u.status = 'active'
         WHERE b.meeting_id = p_meeting_id AND b.status <> 'cancelled'
      $$`);

    // Reminders at the programme's offsets before the start, for confirmed seats, while still ahead.
    // The key names the start: a moved meeting's new reminders are new rows (its old ones are retired),
    // and a meeting moved back finds its retired rows, which wait again.
    await queryRunner.query(`
      CREATE FUNCTION owe_reminders(p_meeting_id uuid, p_booking_id uuid) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO notification (kind, user_id, meeting_id, booking_id, data, due_at, dedupe_key)
        SELECT 'reminder', b.user_id, m.id, b.id, jsonb_build_object('offsetMinutes', o.minutes),
               m.starts_at - make_interval(mins => o.minutes),
               'reminder:' || b.id || ':' || o.minutes || ':' || floor(extract(epoch FROM m.starts_at))::bigint
          FROM booking b
          JOIN meeting m ON m.id = b.meeting_id
          JOIN programme p ON p.id = m.programme_id
          CROSS JOIN LATERAL unnest(p.reminder_offsets_minutes) AS o(minutes)
         WHERE (b.meeting_id = p_meeting_id OR b.id = p_booking_id)
           AND b.status = 'confirmed' AND m.status = 'scheduled'
           AND m.starts_at - make_interval(mins => o.minutes) > now()
        ON CONFLICT (dedupe_key) DO UPDATE SET status = 'pending', skipped_reason = NULL, updated_at = now()
          WHERE notification.status = 'skipped' AND notification.skipped_reason = 'meeting moved'
      $$`);

    await queryRunner.query(`
      CREATE FUNCTION owe_meeting_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous jsonb;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          -- A group session scheduled: an invitation to everyone of the group's firms.
          IF NEW.group_id IS NOT NULL AND NEW.status = 'scheduled' AND NEW.starts_at > now() THEN
            INSERT INTO notification (kind, user_id, meeting_id, data, dedupe_key)
            SELECT 'meeting_invitation', a.user_id, NEW.id, jsonb_build_object('sequence', NEW.ical_sequence),
                   'meeting_invitation:' || NEW.id || ':' || a.user_id
              FROM meeting_audience(NEW.id, NEW.group_id) a
            ON CONFLICT (dedupe_key) DO NOTHING;
          END IF;
          RETURN NULL;
        END IF;

        IF NEW.status = 'cancelled' AND OLD.status <> 'cancelled' THEN
          UPDATE notification SET status = 'skipped', skipped_reason = 'meeting cancelled', updated_at = now()
           WHERE meeting_id = NEW.id AND status IN ('pending', 'queued')
             AND kind IN ('meeting_invitation', 'meeting_updated', 'booking_confirmed', 'booking_waitlisted',
                          'booking_promoted', 'booking_cancelled', 'reminder', 'facilitator_brief');
          IF NEW.starts_at > now() THEN
            INSERT INTO notification (kind, user_id, meeting_id, data, dedupe_key)
            SELECT 'meeting_cancelled', a.user_id, NEW.id, jsonb_build_object('sequence', NEW.ical_sequence),
                   'meeting_cancelled:' || NEW.id || ':' || a.user_id
              FROM meeting_audience(NEW.id, NEW.group_id) a
            ON CONFLICT (dedupe_key) DO NOTHING;
          END IF;
        ELSIF NEW.status = 'scheduled' AND NEW.ical_sequence > OLD.ical_sequence AND NEW.starts_at > now() THEN
          -- A change a calendar shows: the new version to everyone concerned, with what it was before.
          previous := jsonb_strip_nulls(jsonb_build_object(
            'title', CASE WHEN NEW.title IS DISTINCT FROM OLD.title THEN to_jsonb(OLD.title) END,
            'startsAt', CASE WHEN NEW.starts_at IS DISTINCT FROM OLD.starts_at THEN to_jsonb(OLD.starts_at) END,
            'durationMinutes', CASE WHEN NEW.duration_minutes IS DISTINCT FROM OLD.duration_minutes THEN to_jsonb(OLD.duration_minutes) END,
            'timezone', CASE WHEN NEW.timezone IS DISTINCT FROM OLD.timezone THEN to_jsonb(OLD.timezone) END,
            'mode', CASE WHEN NEW.mode IS DISTINCT FROM OLD.mode THEN to_jsonb(OLD.mode) END,
            'venue', CASE WHEN NEW.venue IS DISTINCT FROM OLD.venue THEN to_jsonb(OLD.venue) END,
            'onlineLink', CASE WHEN NEW.online_link IS DISTINCT FROM OLD.online_link THEN to_jsonb(OLD.online_link) END,
            'agenda', CASE WHEN NEW.agenda IS DISTINCT FROM OLD.agenda THEN to_jsonb(OLD.agenda) END));
          INSERT INTO notification (kind, user_id, meeting_id, data, dedupe_key)
          SELECT 'meeting_updated', a.user_id, NEW.id, jsonb_build_object('sequence', NEW.ical_sequence, 'previous', previous),
                 'meeting_updated:' || NEW.id || ':' || a.user_id || ':' || NEW.ical_sequence
            FROM meeting_audience(NEW.id, NEW.group_id) a
          ON CONFLICT (dedupe_key) DO NOTHING;
          IF NEW.starts_at IS DISTINCT FROM OLD.starts_at THEN
            UPDATE notification SET status = 'skipped', skipped_reason = 'meeting moved', updated_at = now()
             WHERE meeting_id = NEW.id AND status IN ('pending', 'queued') AND kind IN ('reminder', 'facilitator_brief');
            PERFORM owe_reminders(NEW.id, NULL);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_meeting_notifications AFTER INSERT OR UPDATE ON meeting
        FOR EACH ROW EXECUTE FUNCTION owe_meeting_notifications()`);

    await queryRunner.query(`
      CREATE FUNCTION owe_booking_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status = 'confirmed' THEN
            INSERT INTO notification (kind, user_id, meeting_id, booking_id, dedupe_key)
            VALUES ('booking_confirmed', NEW.user_id, NEW.meeting_id, NEW.id, 'booking_confirmed:' || NEW.id)
            ON CONFLICT (dedupe_key) DO NOTHING;
            PERFORM owe_reminders(NULL, NEW.id);
          ELSIF NEW.status = 'waitlisted' THEN
            INSERT INTO notification (kind, user_id, meeting_id, booking_id, dedupe_key)
            VALUES ('booking_waitlisted', NEW.user_id, NEW.meeting_id, NEW.id, 'booking_waitlisted:' || NEW.id)
            ON CONFLICT (dedupe_key) DO NOTHING;
          END IF;
        ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
          IF NEW.status = 'confirmed' AND OLD.status = 'waitlisted' THEN
            INSERT INTO notification (kind, user_id, meeting_id, booking_id, dedupe_key)
            VALUES ('booking_promoted', NEW.user_id, NEW.meeting_id, NEW.id, 'booking_promoted:' || NEW.id)
            ON CONFLICT (dedupe_key) DO NOTHING;
            PERFORM owe_reminders(NULL, NEW.id);
          ELSIF NEW.status = 'cancelled' THEN
            UPDATE notification SET status = 'skipped', skipped_reason = 'booking cancelled', updated_at = now()
             WHERE booking_id = NEW.id AND status IN ('pending', 'queued')
               AND kind IN ('booking_confirmed', 'booking_waitlisted', 'booking_promoted', 'reminder');
            INSERT INTO notification (kind, user_id, meeting_id, booking_id, data, dedupe_key)
            VALUES ('booking_cancelled', NEW.user_id, NEW.meeting_id, NEW.id,
                    jsonb_build_object('wasConfirmed', OLD.status = 'confirmed',
                                       'bySelf', NEW.cancelled_by_id IS NOT DISTINCT FROM NEW.user_id),
                    'booking_cancelled:' || NEW.id)
            ON CONFLICT (dedupe_key) DO NOTHING;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_booking_notifications AFTER INSERT OR UPDATE OF status ON booking
        FOR EACH ROW EXECUTE FUNCTION owe_booking_notifications()`);

    // A firm joining a group is invited to its sessions still to come; leaving, its people who hold
    // the sessions in their calendars without a seat get a cancellation (those with a seat get theirs
    // when the seat is released, just after). The keys carry the transaction's time: joining again
    // later is a new invitation.
    await queryRunner.query(`
      CREATE FUNCTION owe_membership_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'active' AND (TG_OP = 'INSERT' OR OLD.status <> 'active') THEN
          INSERT INTO notification (kind, user_id, meeting_id, data, dedupe_key)
          SELECT 'meeting_invitation', u.id, m.id, jsonb_build_object('sequence', m.ical_sequence),
                 'meeting_invitation:' || m.id || ':' || u.id || ':joined:' || floor(extract(epoch FROM now()) * 1000)::bigint
            FROM meeting m JOIN app_user u ON u.firm_id = NEW.firm_id AND u.status = 'active'
           WHERE m.group_id = NEW.group_id AND m.status = 'scheduled' AND m.starts_at > now()
          ON CONFLICT (dedupe_key) DO NOTHING;
        ELSIF TG_OP = 'UPDATE' AND OLD.status = 'active' AND NEW.status <> 'active' THEN
          UPDATE notification n SET status = 'skipped', skipped_reason = 'firm left the group', updated_at = now()
            FROM meeting m, app_user u
           WHERE n.meeting_id = m.id AND m.group_id = NEW.group_id AND n.user_id = u.id AND u.firm_id = NEW.firm_id
             AND n.kind IN ('meeting_invitation', 'meeting_updated') AND n.status IN ('pending', 'queued');
          INSERT INTO notification (kind, user_id, meeting_id, data, dedupe_key)
          SELECT 'booking_cancelled', u.id, m.id,
                 jsonb_build_object('wasConfirmed', true, 'reason',
                                    CASE WHEN NEW.status = 'removed' THEN 'firm_removed_from_group' ELSE 'firm_left_group' END),
                 'group_left:' || m.id || ':' || u.id || ':' || floor(extract(epoch FROM now()) * 1000)::bigint
            FROM meeting m JOIN app_user u ON u.firm_id = NEW.firm_id AND u.status = 'active'
           WHERE m.group_id = NEW.group_id AND m.status = 'scheduled' AND m.starts_at > now()
             AND EXISTS (SELECT 1 FROM notification s WHERE s.meeting_id = m.id AND s.user_id = u.id
                           AND s.kind IN ('meeting_invitation', 'meeting_updated') AND s.status = 'sent')
             AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.meeting_id = m.id AND b.user_id = u.id AND b.status <> 'cancelled')
          ON CONFLICT (dedupe_key) DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_membership_notifications AFTER INSERT OR UPDATE OF status ON membership
        FOR EACH ROW EXECUTE FUNCTION owe_membership_notifications()`);

    // An application: to its reviewers (the group's facilitators and the programme's managers) when it
    // arrives, to the applicant when it is decided.
    await queryRunner.query(`
      CREATE FUNCTION owe_application_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.status = 'pending' THEN
          INSERT INTO notification (kind, user_id, application_id, dedupe_key)
          SELECT DISTINCT 'application_received', r.user_id, NEW.id, 'application_received:' || NEW.id || ':' || r.user_id
            FROM peer_group g
            JOIN role_assignment r ON (r.role = 'facilitator' AND r.group_id = g.id)
                                   OR (r.role = 'programme_manager' AND r.programme_id = g.programme_id)
            JOIN app_user u ON u.id = r.user_id AND u.status = 'active'
           WHERE g.id = NEW.group_id
          ON CONFLICT (dedupe_key) DO NOTHING;
        ELSIF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('approved', 'rejected')
              AND NEW.applicant_id IS NOT NULL THEN
          INSERT INTO notification (kind, user_id, application_id, dedupe_key)
          VALUES ('application_' || NEW.status, NEW.applicant_id, NEW.id, 'application_' || NEW.status || ':' || NEW.id)
          ON CONFLICT (dedupe_key) DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_application_notifications AFTER INSERT OR UPDATE OF status ON application
        FOR EACH ROW EXECUTE FUNCTION owe_application_notifications()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_application_notifications ON application`);
    await queryRunner.query(`DROP FUNCTION owe_application_notifications()`);
    await queryRunner.query(`DROP TRIGGER trg_membership_notifications ON membership`);
    await queryRunner.query(`DROP FUNCTION owe_membership_notifications()`);
    await queryRunner.query(`DROP TRIGGER trg_booking_notifications ON booking`);
    await queryRunner.query(`DROP FUNCTION owe_booking_notifications()`);
    await queryRunner.query(`DROP TRIGGER trg_meeting_notifications ON meeting`);
    await queryRunner.query(`DROP FUNCTION owe_meeting_notifications()`);
    await queryRunner.query(`DROP FUNCTION owe_reminders(uuid, uuid)`);
    await queryRunner.query(`DROP FUNCTION meeting_audience(uuid, uuid)`);
  }
}
