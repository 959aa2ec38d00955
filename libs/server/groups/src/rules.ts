/** Fields a group's own facilitator may change; everything else belongs to the programme's managers. */
export const FACILITATOR_EDITABLE_FIELDS = ['theme', 'defaultVenue', 'defaultMeetingLink'] as const;

/** The fields of a patch that a facilitator (not a manager) is not allowed to send, sorted. */
export function fieldsBeyondFacilitator(patch: object): string[] {
  const allowed: readonly string[] = FACILITATOR_EDITABLE_FIELDS;
  return Object.entries(patch)
    .filter(([key, value]) => value !== undefined && !allowed.includes(key))
    .map(([key]) => key)
    .sort();
}

export const MAX_ANSWERS = 20;
export const MAX_ANSWER_LENGTH = 2000;
export const MAX_ANSWER_KEY_LENGTH = 100;

/** Application answers: a plain object of at most 20 string answers, each at most 2000 characters. */
export function isValidAnswers(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_ANSWERS &&
    entries.every(
      ([key, answer]) =>
        key.length >= 1 &&
        key.length <= MAX_ANSWER_KEY_LENGTH &&
        typeof answer === 'string' &&
        answer.length <= MAX_ANSWER_LENGTH,
    )
  );
}

/** Capacity may only be lowered to the number of firms already in the group, never below it. */
export function capacityFitsMembers(capacity: number, activeMembers: number): boolean {
  return capacity >= activeMembers;
}
