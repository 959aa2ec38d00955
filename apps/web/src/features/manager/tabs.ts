/** The sections of a programme's page, in order; the URL names the open one (?tab=firms). */
export const PROGRAMME_TABS = ['overview', 'groups', 'firms', 'people', 'invitations', 'applications', 'settings'] as const;
export type ProgrammeTab = (typeof PROGRAMME_TABS)[number];

export const isProgrammeTab = (value: unknown): value is ProgrammeTab => PROGRAMME_TABS.includes(value as ProgrammeTab);
