import { npsCategory, summariseFeedback } from './feedback';

const scores = (...wouldRecommend: number[]) => wouldRecommend.map((w) => ({ usefulness: 3, wouldRecommend: w }));

describe('npsCategory', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ])('puts %i in the %s band', (score, band) => {
    expect(npsCategory(score)).toBe(band);
  });

  it.each([-1, 11, 7.5, Number.NaN])('refuses %p', (score) => {
    expect(() => npsCategory(score)).toThrow(RangeError);
  });
});

describe('summariseFeedback', () => {
  it('has no average and no NPS without responses', () => {
    expect(summariseFeedback([])).toEqual({
      responses: 0,
      averageUsefulness: null,
      nps: null,
      promoters: 0,
      passives: 0,
      detractors: 0,
    });
  });

  it('subtracts the detractor share from the promoter share', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50% − 20% = 30.
    const summary = summariseFeedback(scores(10, 9, 9, 10, 9, 8, 7, 7, 6, 0));
    expect(summary).toMatchObject({ responses: 10, nps: 30, promoters: 5, passives: 3, detractors: 2 });
  });

  it('ranges from −100 (all detractors) to 100 (all promoters); passives alone score 0', () => {
    expect(summariseFeedback(scores(0, 3, 6)).nps).toBe(-100);
    expect(summariseFeedback(scores(9, 10)).nps).toBe(100);
    expect(summariseFeedback(scores(7, 8, 8)).nps).toBe(0);
  });

  it('rounds to a whole number, halves away from zero', () => {
    // 1 promoter of 3: 33.33… → 33; 2 of 3: 66.66… → 67.
    expect(summariseFeedback(scores(9, 7, 7)).nps).toBe(33);
    expect(summariseFeedback(scores(9, 10, 7)).nps).toBe(67);
    // 1 of 8 either way: ±12.5 → ±13.
    expect(summariseFeedback(scores(10, 7, 7, 7, 7, 7, 7, 7)).nps).toBe(13);
    expect(summariseFeedback(scores(2, 7, 7, 7, 7, 7, 7, 7)).nps).toBe(-13);
  });

  it('averages usefulness to two decimals', () => {
    const entries = [5, 4, 4].map((usefulness) => ({ usefulness, wouldRecommend: 8 }));
    expect(summariseFeedback(entries).averageUsefulness).toBe(4.33);
    expect(summariseFeedback([{ usefulness: 5, wouldRecommend: 8 }]).averageUsefulness).toBe(5);
    const halves = [5, 4, 4, 4, 4, 4, 4, 4].map((usefulness) => ({ usefulness, wouldRecommend: 8 }));
    expect(summariseFeedback(halves).averageUsefulness).toBe(4.13); // 4.125
  });

  it('refuses scores outside the scales', () => {
    expect(() => summariseFeedback([{ usefulness: 0, wouldRecommend: 5 }])).toThrow(RangeError);
    expect(() => summariseFeedback([{ usefulness: 6, wouldRecommend: 5 }])).toThrow(RangeError);
    expect(() => summariseFeedback([{ usefulness: 3, wouldRecommend: 11 }])).toThrow(RangeError);
  });
});
