import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking in one statement. `book_seat` locks the meeting row, checks everything a booking
 * depends on that can change while it waits (the person's firm still belongs, the meeting is
 * still scheduled and not started, no live booking yet), and inserts the seat confirmed or
 * waitlisted, returning it with its waitlist position. Called on its own (autocommit), the meeting
 * lock is held only while PostgreSQL runs it and commits: no round trip to the API in between,
 * which under a rush was what every other booking of the meeting waited for. A refusal inserts
 * nothing and says why in `outcome`; the API turns it into the same error as before. The capacity
 * trigger stays as the backstop for any other writer.
 */
export class BookSeatFunction1795763000001 implements MigrationInterface {
  name = 'BookSeatFunction1795763000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION book_seat(p_meeting_id uuid, p_user_id uuid, p_firm_id uuid, p_firm_programme_id uuid, p_mode varchar)
      RETURNS TABLE (outcome text, meeting_status varchar, id uuid, status varchar, mode varchar, booking_position integer,
                     created_at timestamptz)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        m record;
        taken varchar;
        confirmed integer;
        queue integer;
        b booking%ROWTYPE;
      BEGIN
        SELECT mt.programme_id, mt.group_id, mt.status, mt.starts_at, mt.capacity INTO m
          FROM meeting mt WHERE mt.id = p_meeting_id FOR UPDATE;
        IF NOT FOUND THEN
          outcome := 'not_found';
          RETURN NEXT;
          RETURN;
        END IF;
        meeting_status := m.status;
        -- May hold a seat: a person of a firm of the programme (open event), of a current member firm (group meeting).
        IF p_firm_programme_id IS DISTINCT FROM m.programme_id
           OR (m.group_id IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM membership ms WHERE ms.group_id = m.group_id AND ms.firm_id = p_firm_id AND ms.status = 'active')) THEN
          outcome := 'not_member';
        ELSIF m.status <> 'scheduled' THEN
          outcome := 'not_scheduled';
        ELSIF m.starts_at <= clock_timestamp() THEN
          outcome := 'closed';
        END IF;
        IF outcome IS NOT NULL THEN
          RETURN NEXT;
          RETURN;
        END IF;
        SELECT bk.status INTO taken FROM booking bk
          WHERE bk.meeting_id = p_meeting_id AND bk.user_id = p_user_id AND bk.status IN ('confirmed', 'waitlisted') LIMIT 1;
        IF FOUND THEN
          outcome := 'already_booked';
          status := taken;
          RETURN NEXT;
          RETURN;
        END IF;
        SELECT count(*) INTO confirmed FROM booking bk WHERE bk.meeting_id = p_meeting_id AND bk.status = 'confirmed';
        IF confirmed < m.capacity THEN
          INSERT INTO booking (meeting_id, user_id, status, confirmed_at, mode)
            VALUES (p_meeting_id, p_user_id, 'confirmed', clock_timestamp(), p_mode) RETURNING * INTO b;
          booking_position := NULL;
        ELSE
          -- Queue numbers are never reused; the position is the rank among those still waiting.
          SELECT COALESCE(max(bk.queue_number), 0) + 1 INTO queue FROM booking bk WHERE bk.meeting_id = p_meeting_id;
          INSERT INTO booking (meeting_id, user_id, status, queue_number, mode)
            VALUES (p_meeting_id, p_user_id, 'waitlisted', queue, p_mode) RETURNING * INTO b;
          SELECT count(*) INTO booking_position FROM booking bk
            WHERE bk.meeting_id = p_meeting_id AND bk.status = 'waitlisted' AND bk.queue_number <= queue;
        END IF;
        outcome := 'booked';
        id := b.id;
        status := b.status;
        mode := b.mode;
        created_at := b.created_at;
        RETURN NEXT;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION book_seat(uuid, uuid, uuid, uuid, varchar)`);
  }
}
