// Messages of the account pages (ids start with 'account.').
export const account = {} as const;
