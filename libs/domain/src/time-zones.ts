import { TIME_ZONES } from './time-zone-names';

export { TIME_ZONES } from './time-zone-names';

/** The zone used when a stored zone is unusable and nothing better is known. */
export const FALLBACK_TIME_ZONE = 'Europe/London';

const byLowerCase = new Map(TIME_ZONES.map((zone) => [zone.toLowerCase(), zone]));

/**
 * The canonical spelling of a zone both the runtime and PostgreSQL know, matched without regard
 * to case (`europe/london` → `Europe/London`); null for anything else. Every place that takes a
 * zone goes through this one rule.
 */
export function canonicalTimeZone(zone: unknown): string | null {
  if (typeof zone !== 'string' || zone.length > 64) return null;
  return byLowerCase.get(zone.trim().toLowerCase()) ?? null;
}

/** True for a zone as stored: known to both the runtime and PostgreSQL, spelled canonically. */
export function isIanaTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) === zone;
}
