// Messages of the facilitator pages (ids start with 'facilitator.').
export const facilitator = {} as const;
