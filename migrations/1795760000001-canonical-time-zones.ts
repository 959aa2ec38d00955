import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rewrites every stored zone PostgreSQL does not know, or knows under another spelling, so that
 * `AT TIME ZONE` never fails on a stored row. Node accepted zones tzdata has dropped
 * (US/Pacific-New, Canada/East-Saskatchewan, SystemV/AST4) and any spelling (`europe/london`).
 * A zone becomes, in order: its canonical spelling; the zone the runtime resolves it to, when
 * PostgreSQL knows that one (US/Pacific-New → America/Los_Angeles), so stored instants keep the
 * local time they were planned at; for a meeting or series, its programme's zone; else Europe/London.
 * Programmes go first so that their meetings fall back to a zone that is already sound.
 */
export class CanonicalTimeZones1795760000001 implements MigrationInterface {
  name = 'CanonicalTimeZones1795760000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The zones the API accepts (libs/domain TIME_ZONES): PostgreSQL's, without the posix/ and
    // right/ trees and the legacy abbreviations.
    const known: { name: string }[] = await queryRunner.query(
      `SELECT name FROM pg_timezone_names
        WHERE (name LIKE '%/%' OR name = 'UTC') AND name NOT LIKE 'posix/%' AND name NOT LIKE 'right/%'`,
    );
    const byLowerCase = new Map(known.map(({ name }) => [name.toLowerCase(), name]));
    const replacement = (zone: string): string | null => {
      const spelled = byLowerCase.get(zone.trim().toLowerCase());
      if (spelled) return spelled;
      try {
        return byLowerCase.get(new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone.toLowerCase()) ?? null;
      } catch {
        return null;
      }
    };
    for (const table of ['programme', 'app_user', 'meeting_series', 'meeting']) {
      const zones: { timezone: string }[] = await queryRunner.query(`SELECT DISTINCT timezone FROM ${table}`);
      for (const { timezone } of zones) {
        const next = replacement(timezone);
        if (next === timezone) continue;
        if (next) {
          await queryRunner.query(`UPDATE ${table} SET timezone = $1 WHERE timezone = $2`, [next, timezone]);
        } else if (table === 'meeting_series' || table === 'meeting') {
          await queryRunner.query(
            `UPDATE ${table} t SET timezone = p.timezone FROM programme p WHERE p.id = t.programme_id AND t.timezone = $1`,
            [timezone],
          );
        } else {
          await queryRunner.query(`UPDATE ${table} SET timezone = 'Europe/London' WHERE timezone = $1`, [timezone]);
        }
      }
    }
  }

  async down(): Promise<void> {
    // The old values were unusable; there is nothing to restore.
  }
}
