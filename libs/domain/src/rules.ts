export const GROUP_CAPACITY_MIN = 4;
export const GROUP_CAPACITY_MAX = 20;
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [24 * 60, 60];

/**
 * Companies House numbers are eight characters: eight digits (England and Wales), or a
 * two-letter register prefix (SC Scotland, NI Northern Ireland, OC LLPs, …) and six digits.
 * Shorter all-digit numbers are written without their leading zeros and are padded.
 */
export function normaliseCompaniesHouseNumber(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const padded = /^\d{1,8}$/.test(compact) ? compact.padStart(8, '0') : compact;
  return /^(\d{8}|[A-Z]{2}\d{6})$/.test(padded) && padded !== '00000000' ? padded : null;
}

/** SIC 2007 subclasses are five digits, divisions 01–99. */
export function isSic2007Code(code: string): boolean {
  return /^(0[1-9]|[1-9]\d)\d{3}$/.test(code);
}

/** The 4-digit SIC class: the level at which two firms are treated as competitors. */
export function sicClass(code: string): string {
  return code.slice(0, 4);
}

/**
 * ONS GSS codes of local authority districts: E06/E07/E08/E09 (England), W06 (Wales),
 * S12 (Scotland), N09 (Northern Ireland), followed by six digits.
 */
export function isLocalAuthorityCode(code: string): boolean {
  return /^(E0[6-9]|W06|S12|N09)\d{6}$/.test(code);
}

/** Upper-cases a UK postcode and puts the single space before the inward code; null if malformed. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export interface CompetitorProfile {
  firmId: string;
  sicCode: string;
  localAuthorityCode: string;
}

/**
 * Firms compete when they share a 4-digit SIC class and a local authority: peer advisory
 * boards screen such pairs out, so an application is flagged for the reviewer to decide.
 */
export function findCompetitors(applicant: CompetitorProfile, members: CompetitorProfile[]): string[] {
  return members
    .filter(
      (m) =>
        m.firmId !== applicant.firmId &&
        m.localAuthorityCode === applicant.localAuthorityCode &&
        sicClass(m.sicCode) === sicClass(applicant.sicCode),
    )
    .map((m) => m.firmId);
}

export interface CompletionRule {
  minAttended: number;
  ofSessions: number;
}

export function isValidCompletionRule(rule: CompletionRule): boolean {
  return (
    Number.isInteger(rule.minAttended) &&
    Number.isInteger(rule.ofSessions) &&
    rule.minAttended >= 1 &&
    rule.ofSessions >= rule.minAttended &&
    rule.ofSessions <= 100
  );
}

export function isValidReminderOffsets(offsets: readonly number[]): boolean {
  return (
    offsets.length <= 5 &&
    new Set(offsets).size === offsets.length &&
    offsets.every((o) => Number.isInteger(o) && o >= 5 && o <= 14 * 24 * 60)
  );
}
