import type { EmployeeBand, SicSection } from '@roundtable/api-client';
import { EMPLOYEE_BANDS, SIC_SECTIONS } from '@roundtable/domain';

/** The dashboard's views, named in the URL (?view=retention). */
export const METRICS_VIEWS = ['participation', 'retention', 'actions', 'satisfaction'] as const;
export type MetricsView = (typeof METRICS_VIEWS)[number];

export { EMPLOYEE_BANDS, SIC_SECTIONS };

/** The filters the API takes, as the URL holds them. */
export interface MetricsFilters {
  groupId?: string;
  facilitatorId?: string;
  localAuthority?: string;
  sicSection?: SicSection;
  employeeBand?: EmployeeBand;
  /** YYYY-MM, inclusive. */
  from?: string;
  to?: string;
}

/** The dashboard's URL search: the programme, the view and the filters. */
export interface MetricsSearch extends MetricsFilters {
  programmeId?: string;
  view?: MetricsView;
}

export const FILTER_KEYS = ['groupId', 'facilitatorId', 'localAuthority', 'sicSection', 'employeeBand', 'from', 'to'] as const;

const text = (value: unknown): string | undefined => {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.includes(value as T) ? (value as T) : undefined;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = (value: unknown): string | undefined => {
  const s = text(value);
  return s && MONTH.test(s) ? s : undefined;
};

/** The URL's search, kept to what the dashboard understands (anything else, or malformed, is dropped). */
export function validateMetricsSearch(search: Record<string, unknown>): MetricsSearch {
  const out: MetricsSearch = {
    programmeId: text(search.programmeId),
    view: oneOf(METRICS_VIEWS, search.view),
    groupId: text(search.groupId),
    facilitatorId: text(search.facilitatorId),
    localAuthority: text(search.localAuthority)?.toUpperCase(),
    sicSection: oneOf(SIC_SECTIONS, text(search.sicSection)?.toUpperCase()),
    employeeBand: oneOf(EMPLOYEE_BANDS, search.employeeBand),
    from: month(search.from),
    to: month(search.to),
  };
  // A range given backwards is read the way round it was meant.
  if (out.from && out.to && out.from > out.to) [out.from, out.to] = [out.to, out.from];
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as MetricsSearch;
}

/** The filters of a search, as the API's query (programme included, undefined values left out). */
export function metricsQuery(programmeId: string, search: MetricsSearch): { programmeId: string } & MetricsFilters {
  const query: { programmeId: string } & MetricsFilters = { programmeId };
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined) (query as unknown as Record<string, string>)[key] = value;
  }
  return query;
}

export const hasFilters = (search: MetricsSearch): boolean => FILTER_KEYS.some((key) => search[key] !== undefined);
