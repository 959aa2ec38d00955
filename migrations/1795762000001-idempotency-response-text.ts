import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A replayed response must be the first response byte for byte. jsonb keeps neither the order of
 * the keys nor their spacing, so the serialized body is stored as text, exactly as it was sent.
 * Rows already stored keep jsonb's rendering of their body; they expire within a day.
 */
export class IdempotencyResponseText1795762000001 implements MigrationInterface {
  name = 'IdempotencyResponseText1795762000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE idempotency_key ALTER COLUMN response_body TYPE text USING response_body::text`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE idempotency_key ALTER COLUMN response_body TYPE jsonb USING response_body::jsonb`,
    );
  }
}
