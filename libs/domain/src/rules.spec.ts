import {
  CompetitorProfile,
  findCompetitors,
  isLocalAuthorityCode,
  isSic2007Code,
  isValidCompletionRule,
  isValidReminderOffsets,
  normaliseCompaniesHouseNumber,
  normalisePostcode,
  sicClass,
} from './rules';

describe('normaliseCompaniesHouseNumber', () => {
  it.each([
    ['01234567', '01234567'],
    ['12345678', '12345678'],
    ['SC123456', 'SC123456'],
    ['NI012345', 'NI012345'],
    ['OC301234', 'OC301234'],
    ['SO300123', 'SO300123'],
  ])('accepts the eight-character form %s', (raw, expected) => {
    expect(normaliseCompaniesHouseNumber(raw)).toBe(expected);
  });

  it.each([
    ['sc123456', 'SC123456'],
    ['oc 301 234', 'OC301234'],
    ['  ni012345 ', 'NI012345'],
    ['0123 4567', '01234567'],
  ])('upper-cases and removes spaces: %s → %s', (raw, expected) => {
    expect(normaliseCompaniesHouseNumber(raw)).toBe(expected);
  });

  it.each([
    ['1234567', '01234567'],
    ['123', '00000123'],
    ['1', '00000001'],
  ])('pads an all-digit number written without leading zeros: %s → %s', (raw, expected) => {
    expect(normaliseCompaniesHouseNumber(raw)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['0', 'zero'],
    ['00000000', 'all zeros'],
    ['123456789', 'nine digits'],
    ['SC12345', 'a prefix with five digits (prefixed numbers are never padded)'],
    ['SC1234567', 'a prefix with seven digits'],
    ['S1234567', 'a one-letter prefix'],
    ['SCO12345', 'three letters'],
    ['12-34567', 'punctuation'],
    ['SC12345A', 'a letter at the end'],
  ])('rejects %j (%s)', (raw) => {
    expect(normaliseCompaniesHouseNumber(raw)).toBeNull();
  });
});

describe('isSic2007Code', () => {
  it.each(['01110', '10710', '62012', '99000', '47110'])('accepts the five-digit subclass %s', (code) => {
    expect(isSic2007Code(code)).toBe(true);
  });

  it.each(['00110', '6201', '620120', '6201A', ' 62012', '', '62.01'])('rejects %j', (code) => {
    expect(isSic2007Code(code)).toBe(false);
  });

  it('takes the 4-digit class as the competitor level', () => {
    expect(sicClass('62012')).toBe('6201');
  });
});

describe('isLocalAuthorityCode', () => {
  it.each([
    ['E06000001', 'English unitary authority'],
    ['E07000223', 'English non-metropolitan district'],
    ['E08000003', 'English metropolitan district'],
    ['E09000033', 'London borough'],
    ['W06000015', 'Welsh principal area'],
    ['S12000036', 'Scottish council area'],
    ['N09000003', 'Northern Irish district'],
  ])('accepts %s (%s)', (code) => {
    expect(isLocalAuthorityCode(code)).toBe(true);
  });

  it.each([
    ['E10000002', 'an English county, not a district'],
    ['E05000001', 'an electoral ward'],
    ['S13002516', 'a Scottish ward'],
    ['E0600001', 'too short'],
    ['E060000011', 'too long'],
    ['e06000001', 'lower case'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(isLocalAuthorityCode(code)).toBe(false);
  });
});

describe('normalisePostcode', () => {
  it.each([
    ['iv11aa', 'IV1 1AA'],
    ['IV1 1AA', 'IV1 1AA'],
    ['  eh1   1yz ', 'EH1 1YZ'],
    ['M11AE', 'M1 1AE'],
    ['B338TH', 'B33 8TH'],
    ['CR26XH', 'CR2 6XH'],
    ['DN551PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A1BB', 'EC1A 1BB'],
    ['BT1 5GS', 'BT1 5GS'],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normalisePostcode(raw)).toBe(expected);
  });

  it.each(['', 'IV1', '1V1 1AA', 'IV1 1A', 'IV1 AAA', 'IVV1 1AA', 'IV1-1AA', 'IV11 11AA'])('rejects %j', (raw) => {
    expect(normalisePostcode(raw)).toBeNull();
  });

  it('fits the eight-character column at its longest', () => {
    expect(normalisePostcode('EC1A1BB')).toHaveLength(8);
  });
});

describe('findCompetitors', () => {
  const applicant: CompetitorProfile = { firmId: 'a', sicCode: '62012', localAuthorityCode: 'S12000017' };

  it('flags a firm in the same 4-digit SIC class and the same local authority', () => {
    const members: CompetitorProfile[] = [
      { firmId: 'same-subclass', sicCode: '62012', localAuthorityCode: 'S12000017' },
      { firmId: 'same-class', sicCode: '62011', localAuthorityCode: 'S12000017' },
    ];
    expect(findCompetitors(applicant, members)).toEqual(['same-subclass', 'same-class']);
  });

  it('does not flag the same class elsewhere, another class in the same place, or only the same division', () => {
    const members: CompetitorProfile[] = [
      { firmId: 'elsewhere', sicCode: '62012', localAuthorityCode: 'S12000036' },
      { firmId: 'other-trade', sicCode: '10710', localAuthorityCode: 'S12000017' },
      { firmId: 'same-division', sicCode: '62020', localAuthorityCode: 'S12000017' },
    ];
    expect(findCompetitors(applicant, members)).toEqual([]);
  });

  it('never counts the applicant against itself', () => {
    expect(findCompetitors(applicant, [{ ...applicant }])).toEqual([]);
  });

  it('returns an empty list for an empty group', () => {
    expect(findCompetitors(applicant, [])).toEqual([]);
  });
});

describe('isValidCompletionRule', () => {
  it.each([
    [6, 9],
    [1, 1],
    [9, 9],
    [1, 100],
  ])('accepts attending at least %i of %i sessions', (minAttended, ofSessions) => {
    expect(isValidCompletionRule({ minAttended, ofSessions })).toBe(true);
  });

  it.each([
    [0, 9, 'N of zero'],
    [10, 9, 'N above M'],
    [-1, 9, 'negative N'],
    [1, 101, 'more than 100 sessions'],
    [1.5, 9, 'a fractional N'],
    [6, 9.5, 'a fractional M'],
  ])('rejects %d of %d (%s)', (minAttended, ofSessions) => {
    expect(isValidCompletionRule({ minAttended, ofSessions })).toBe(false);
  });
});

describe('isValidReminderOffsets', () => {
  it('accepts the default 24 h and 1 h, and no reminders at all', () => {
    expect(isValidReminderOffsets([1440, 60])).toBe(true);
    expect(isValidReminderOffsets([])).toBe(true);
  });

  it('rejects duplicates, out-of-range offsets and more than five', () => {
    expect(isValidReminderOffsets([60, 60])).toBe(false);
    expect(isValidReminderOffsets([4])).toBe(false);
    expect(isValidReminderOffsets([14 * 24 * 60 + 1])).toBe(false);
    expect(isValidReminderOffsets([10, 20, 30, 40, 50, 60])).toBe(false);
    expect(isValidReminderOffsets([30.5])).toBe(false);
  });
});
