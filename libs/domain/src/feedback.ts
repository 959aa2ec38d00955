/** One member's answers after a session: usefulness 1–5, would-recommend 0–10. */
export interface FeedbackScores {
  usefulness: number;
  wouldRecommend: number;
}

export interface FeedbackSummary {
  responses: number;
  /** Mean usefulness to two decimals; null without responses. */
  averageUsefulness: number | null;
  /** Net Promoter Score: % promoters (9–10) minus % detractors (0–6), a whole number from −100 to 100; null without responses. */
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** The standard Net Promoter bands: 9–10 promote, 7–8 are passive, 0–6 detract. */
export function npsCategory(wouldRecommend: number): NpsCategory {
  if (!Number.isInteger(wouldRecommend) || wouldRecommend < 0 || wouldRecommend > 10) {
    throw new RangeError(`wouldRecommend must be a whole number from 0 to 10, got ${wouldRecommend}`);
  }
  if (wouldRecommend >= 9) return 'promoter';
  return wouldRecommend >= 7 ? 'passive' : 'detractor';
}

/** Halves round away from zero, so a score and its mirror image (−12.5 / 12.5) round alike. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

export function summariseFeedback(entries: readonly FeedbackScores[]): FeedbackSummary {
  const counts = { promoter: 0, passive: 0, detractor: 0 };
  let usefulnessTotal = 0;
  for (const entry of entries) {
    if (!Number.isInteger(entry.usefulness) || entry.usefulness < 1 || entry.usefulness > 5) {
      throw new RangeError(`usefulness must be a whole number from 1 to 5, got ${entry.usefulness}`);
    }
    usefulnessTotal += entry.usefulness;
    counts[npsCategory(entry.wouldRecommend)] += 1;
  }
  const n = entries.length;
  return {
    responses: n,
    // Integer arithmetic before the one division keeps 12.5 from becoming 12.499999….
    averageUsefulness: n ? roundHalfAway((usefulnessTotal * 100) / n) / 100 : null,
    nps: n ? roundHalfAway(((counts.promoter - counts.detractor) * 100) / n) : null,
    promoters: counts.promoter,
    passives: counts.passive,
    detractors: counts.detractor,
  };
}
