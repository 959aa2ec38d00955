import { namedEnum } from './api-schemas';

describe('namedEnum', () => {
  it('refuses a second, different list under a name already given', () => {
    namedEnum(['red', 'green'], 'SpecColour');
    expect(() => namedEnum(['red', 'green'], 'SpecColour')).not.toThrow();
    expect(() => namedEnum(['red', 'blue'], 'SpecColour')).toThrow(/SpecColour is \[red, green\]/);
  });
});
