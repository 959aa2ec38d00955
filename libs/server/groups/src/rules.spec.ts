import { capacityFitsMembers, fieldsBeyondFacilitator, isValidAnswers } from './rules';

describe('group rules', () => {
  it('lets a facilitator change only the theme, venue and meeting link', () => {
    expect(fieldsBeyondFacilitator({ theme: 'AI', defaultVenue: null, defaultMeetingLink: 'https://x.test' })).toEqual([]);
    expect(fieldsBeyondFacilitator({ theme: 'AI', status: 'closed', capacity: 8 })).toEqual(['capacity', 'status']);
    expect(fieldsBeyondFacilitator({ name: undefined, theme: 'AI' })).toEqual([]);
  });

  it('accepts up to 20 string answers of up to 2000 characters', () => {
    expect(isValidAnswers({})).toBe(true);
    expect(isValidAnswers({ why: 'To learn', size: '12' })).toBe(true);
    expect(isValidAnswers(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i}`, 'a'])))).toBe(true);
    expect(isValidAnswers({ why: 'x'.repeat(2000) })).toBe(true);
  });

  it('refuses answers that are not an object of short strings', () => {
    expect(isValidAnswers(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`q${i}`, 'a'])))).toBe(false);
    expect(isValidAnswers({ why: 'x'.repeat(2001) })).toBe(false);
    expect(isValidAnswers({ why: 3 })).toBe(false);
    expect(isValidAnswers({ why: { nested: 'x' } })).toBe(false);
    expect(isValidAnswers({ '': 'x' })).toBe(false);
    expect(isValidAnswers({ ['k'.repeat(101)]: 'x' })).toBe(false);
    expect(isValidAnswers(['a'])).toBe(false);
    expect(isValidAnswers(null)).toBe(false);
    expect(isValidAnswers('a')).toBe(false);
    expect(isValidAnswers(new Date())).toBe(false);
  });

  it('never lets capacity fall below the active members', () => {
    expect(capacityFitsMembers(6, 6)).toBe(true);
    expect(capacityFitsMembers(5, 6)).toBe(false);
    expect(capacityFitsMembers(20, 0)).toBe(true);
  });
});
