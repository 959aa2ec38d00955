import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `book_seat` with a bound on its wait for locks. The API calls it on its own (autocommit), where a
 * `SET LOCAL` sent beforehand would be a statement of its own transaction and a second round trip;
 * so the function sets `lock_timeout` itself, for the rest of its transaction, before the meeting
 * lock is taken, and a booking stuck behind a held lock fails with 55P03 instead of waiting forever.
 * (A `statement_timeout` set inside a statement does not time that statement; its only unbounded
 * waits are lock waits.) The five-argument function stays, so a process of the previous release
 * keeps booking while a deployment rolls.
 */
export class BookSeatLockTimeout1795764000001 implements MigrationInterface {
  name = 'BookSeatLockTimeout1795764000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION book_seat(p_meeting_id uuid, p_user_id uuid, p_firm_id uuid, p_firm_programme_id uuid, p_mode varchar,
                                p_lock_timeout_ms integer)
      RETURNS TABLE (outcome text, meeting_status varchar, id uuid, status varchar, mode varchar, booking_position integer,
                     created_at timestamptz)
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('lock_timeout', greatest(p_lock_timeout_ms, 1) || 'ms', true);
        RETURN QUERY SELECT * FROM book_seat(p_meeting_id, p_user_id, p_firm_id, p_firm_programme_id, p_mode);
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION book_seat(uuid, uuid, uuid, uuid, varchar, integer)`);
  }
}
