// Messages of the manager pages (ids start with 'manager.').
export const manager = {} as const;
