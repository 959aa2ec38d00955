import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification triggers retire waiting rows (a cancelled booking's reminders, a moved meeting's) with
 * `FOR UPDATE SKIP LOCKED`: a row the worker holds is being sent at that moment, and waiting for it would
 * hold the change (and the meeting's lock) for as long as that SMTP exchange lasts. The worker re-reads the
 * state of every row it sends; a row it is sending right now goes out as it would have a moment earlier.
 */
export class NotificationTriggersSkipLocked1795769000002 implements MigrationInterface {
  name = 'NotificationTriggersSkipLocked1795769000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION owe_meeting_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
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
           WHERE id IN (SELECT id FROM notification
                         WHERE meeting_id = NEW.id AND status IN ('pending', 'queued')
                           AND kind IN ('meeting_invitation', 'meeting_updated', 'booking_confirmed', 'booking_waitlisted',
                                        'booking_promoted', 'booking_cancelled', 'reminder', 'facilitator_brief')
                         FOR UPDATE SKIP LOCKED);
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
             WHERE id IN (SELECT id FROM notification
                           WHERE meeting_id = NEW.id AND status IN ('pending', 'queued') AND kind IN ('reminder', 'facilitator_brief')
                           FOR UPDATE SKIP LOCKED);
            PERFORM owe_reminders(NEW.id, NULL);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION owe_booking_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
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
             WHERE id IN (SELECT id FROM notification
                           WHERE booking_id = NEW.id AND status IN ('pending', 'queued')
                             AND kind IN ('booking_confirmed', 'booking_waitlisted', 'booking_promoted', 'reminder')
                           FOR UPDATE SKIP LOCKED);
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
      CREATE OR REPLACE FUNCTION owe_membership_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'active' AND (TG_OP = 'INSERT' OR OLD.status <> 'active') THEN
          INSERT INTO notification (kind, user_id, meeting_id, data, dedupe_key)
          SELECT 'meeting_invitation', u.id, m.id, jsonb_build_object('sequence', m.ical_sequence),
                 'meeting_invitation:' || m.id || ':' || u.id || ':joined:' || floor(extract(epoch FROM now()) * 1000)::bigint
            FROM meeting m JOIN app_user u ON u.firm_id = NEW.firm_id AND u.status = 'active'
           WHERE m.group_id = NEW.group_id AND m.status = 'scheduled' AND m.starts_at > now()
          ON CONFLICT (dedupe_key) DO NOTHING;
        ELSIF TG_OP = 'UPDATE' AND OLD.status = 'active' AND NEW.status <> 'active' THEN
          UPDATE notification SET status = 'skipped', skipped_reason = 'firm left the group', updated_at = now()
           WHERE id IN (SELECT n.id FROM notification n
                          JOIN meeting m ON m.id = n.meeting_id JOIN app_user u ON u.id = n.user_id
                         WHERE m.group_id = NEW.group_id AND u.firm_id = NEW.firm_id
                           AND n.kind IN ('meeting_invitation', 'meeting_updated') AND n.status IN ('pending', 'queued')
                         FOR UPDATE OF n SKIP LOCKED);
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION owe_meeting_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE OR REPLACE FUNCTION owe_booking_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE OR REPLACE FUNCTION owe_membership_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }
}
