// Messages of the member pages (ids start with 'member.').
export const member = {} as const;
