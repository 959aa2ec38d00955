import { summariseFeedback } from '@roundtable/domain';
import { median } from './action-metrics.service';
import { monthsBetween, ratio } from './metrics-query';
import { satisfactionFigures } from './satisfaction-metrics.service';

describe('ratio', () => {
  it('is null over nothing, and three decimals rounded half up otherwise', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(5, 7)).toBe(0.714);
    expect(ratio(2, 7)).toBe(0.286);
    expect(ratio(1, 8)).toBe(0.125);
    expect(ratio(1, 2000)).toBe(0.001); // 0.0005 rounds up
    expect(ratio(9, 9)).toBe(1);
  });
});

describe('monthsBetween', () => {
  it('lists every month, across a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-04', '2026-04')).toEqual(['2026-04']);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle values, of a histogram; null when empty', () => {
    expect(median(new Map())).toBeNull();
    expect(median(new Map([[14, 1]]))).toBe(14);
    expect(
      median(
        new Map([
          [10, 1],
          [7, 1],
        ]),
      ),
    ).toBe(8.5);
    expect(
      median(
        new Map([
          [3, 2],
          [9, 2],
          [20, 1],
        ]),
      ),
    ).toBe(9);
    expect(
      median(
        new Map([
          [1, 3],
          [5, 0],
          [8, 3],
        ]),
      ),
    ).toBe(4.5);
  });
});

describe('satisfactionFigures', () => {
  const counts = (useful: number[], promoters: number, passives: number, detractors: number, attendees = 10) => ({
    responses: promoters + passives + detractors,
    attendees,
    usefulness1: useful[0],
    usefulness2: useful[1],
    usefulness3: useful[2],
    usefulness4: useful[3],
    usefulness5: useful[4],
    promoters,
    passives,
    detractors,
  });

  it('is null over no response, and rounds as the per-session summary does', () => {
    expect(satisfactionFigures(counts([0, 0, 0, 0, 0], 0, 0, 0, 0))).toMatchObject({
      meanUsefulness: null,
      nps: null,
      responseRate: null,
    });
    // Mean 33 / 8 = 4.125 → 4.13; one promoter and one detractor cancel out.
    expect(satisfactionFigures(counts([0, 0, 1, 5, 2], 1, 6, 1, 16))).toMatchObject({
      nps: 0,
      meanUsefulness: 4.13,
      responseRate: 0.5,
    });
    // 1 detractor of 8: −12.5 → −13, halves away from zero, as summariseFeedback gives for the same answers.
    const scores = [3, 4, 4, 4, 4, 4, 5, 5].map((usefulness, i) => ({ usefulness, wouldRecommend: i === 0 ? 0 : 7 }));
    const summary = summariseFeedback(scores);
    const mirror = satisfactionFigures(counts([0, 0, 1, 5, 2], 0, 7, 1, 8));
    expect(mirror).toMatchObject({ nps: summary.nps, meanUsefulness: summary.averageUsefulness });
    expect(mirror.nps).toBe(-13);
  });
});
