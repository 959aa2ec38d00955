import { SIC_SECTION_DIVISIONS, SIC_SECTIONS, sicSection } from './sic-sections';

describe('sicSection', () => {
  it.each([
    ['01110', 'A'], // growing of cereals
    ['03220', 'A'],
    ['05101', 'B'],
    ['09900', 'B'],
    ['10710', 'C'], // bread, the first manufacturing division
    ['33200', 'C'], // installation of machinery, the last
    ['35110', 'D'],
    ['36000', 'E'],
    ['39000', 'E'],
    ['41201', 'F'],
    ['43999', 'F'],
    ['45111', 'G'],
    ['47910', 'G'],
    ['49100', 'H'],
    ['53202', 'H'],
    ['55100', 'I'],
    ['56302', 'I'],
    ['58110', 'J'],
    ['62012', 'J'], // business and domestic software development
    ['63990', 'J'],
    ['64191', 'K'],
    ['66300', 'K'],
    ['68209', 'L'],
    ['69201', 'M'],
    ['75000', 'M'],
    ['77110', 'N'],
    ['82990', 'N'],
    ['84110', 'O'],
    ['85200', 'P'],
    ['86101', 'Q'],
    ['88990', 'Q'],
    ['90010', 'R'],
    ['93290', 'R'],
    ['94110', 'S'],
    ['96090', 'S'],
    ['97000', 'T'],
    ['98200', 'T'],
    ['99000', 'U'],
  ])('%s is in section %s', (code, section) => {
    expect(sicSection(code)).toBe(section);
  });

  it.each(['04000', '34000', '40000', '44000', '48000', '54000', '57000', '67000', '76000', '83000', '89000', '00000'])(
    '%s: a division no section holds has no section',
    (code) => {
      expect(sicSection(code)).toBeNull();
    },
  );

  it.each(['6201', '620120', '6201A', '', ' 62012'])('%j is not a five-digit code', (code) => {
    expect(sicSection(code)).toBeNull();
  });

  it('gives the sections in order, without overlap, over divisions 01–99', () => {
    let previous = 0;
    for (const section of SIC_SECTIONS) {
      const [first, last] = SIC_SECTION_DIVISIONS[section];
      expect(first).toBeGreaterThan(previous);
      expect(last).toBeGreaterThanOrEqual(first);
      previous = last;
    }
    expect(previous).toBe(99);
  });
});
