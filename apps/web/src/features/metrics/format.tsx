import { Tooltip } from '@mantine/core';
import { useT } from '../../i18n';

/** A rate from 0 to 1 as a percentage with at most one decimal ("33.3%", "50%"); null (nothing to divide by) as "—". */
export function formatRate(rate: number | null | undefined, locale = 'en-GB'): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A count or a ratio (commitments per member per session, median days): up to two decimals; null as "—". */
export function formatNumber(value: number | null | undefined, locale = 'en-GB'): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** "2026-04" as "Apr 2026" (a month as the API names it, in the programme's zone: no zone to convert). */
export function formatMonth(month: string, locale = 'en-GB'): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, m - 1, 1)),
  );
}

/** A figure as shown: "—" for null carries its explanation (hover, focus or a screen reader's abbreviation). */
export function FigureText({ value, text }: { value: number | null | undefined; text: string }) {
  const t = useT();
  if (value !== null && value !== undefined) return <>{text}</>;
  return (
    <Tooltip label={t('metrics.null.explain')} withArrow>
      <abbr title={t('metrics.null.explain')} style={{ textDecoration: 'none', cursor: 'help' }}>
        {t('metrics.null.mark')}
      </abbr>
    </Tooltip>
  );
}
