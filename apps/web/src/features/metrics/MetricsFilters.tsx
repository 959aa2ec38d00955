import { Button, Group, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useT } from '../../i18n';
import { EMPLOYEE_BANDS, FILTER_KEYS, hasFilters, MetricsSearch, SIC_SECTIONS, validateMetricsSearch } from './search';

export interface Option {
  value: string;
  label: string;
}

/**
 * The dashboard's filters, kept in the URL: each change gives the new search (`onChange`), which the page puts
 * in the address; the URL's search is what they show. Lists not given (a facilitator does not choose among the
 * programme's facilitators) are left out.
 */
export function MetricsFilters({
  search,
  onChange,
  groups,
  facilitators,
  localAuthorities,
}: {
  search: MetricsSearch;
  onChange: (next: MetricsSearch) => void;
  groups: Option[];
  facilitators?: Option[];
  localAuthorities?: Option[];
}) {
  const t = useT();
  const id = useId();
  const set = (patch: Partial<MetricsSearch>) => onChange(validateMetricsSearch({ ...search, ...patch }));
  const select = (key: keyof MetricsSearch, label: string, data: Option[]) => (
    <Select
      label={label}
      data={[{ value: '', label: t('metrics.filter.all') }, ...data]}
      value={(search[key] as string | undefined) ?? ''}
      onChange={(value) => set({ [key]: value || undefined })}
      allowDeselect={false}
      searchable={data.length > 8}
    />
  );
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={`${id}-title`}>
          {t('metrics.filter.title')}
        </Title>
        {hasFilters(search) && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() =>
              onChange(Object.fromEntries(Object.entries(search).filter(([k]) => !FILTER_KEYS.includes(k as never))))
            }
          >
            {t('metrics.filter.clear')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        {select('groupId', t('metrics.filter.group'), groups)}
        {facilitators && select('facilitatorId', t('metrics.filter.facilitator'), facilitators)}
        {localAuthorities && select('localAuthority', t('metrics.filter.localAuthority'), localAuthorities)}
        {select(
          'sicSection',
          t('metrics.filter.sicSection'),
          SIC_SECTIONS.map((s) => ({ value: s, label: t('metrics.filter.sicOption', { section: s }) })),
        )}
        {select(
          'employeeBand',
          t('metrics.filter.employeeBand'),
          EMPLOYEE_BANDS.map((b) => ({ value: b, label: t('metrics.filter.bandOption', { band: b }) })),
        )}
        <MonthInput label={t('metrics.filter.from')} value={search.from} onChange={(from) => set({ from })} />
        <MonthInput label={t('metrics.filter.to')} value={search.to} onChange={(to) => set({ to })} />
      </SimpleGrid>
    </Paper>
  );
}

/** A month (YYYY-MM): the browser's month picker where it has one; applied once whole (or cleared). */
function MonthInput({ label, value, onChange }: { label: string; value?: string; onChange: (month?: string) => void }) {
  const t = useT();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <TextInput
      label={label}
      type="month"
      placeholder={t('metrics.filter.monthHelp')}
      value={text}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        if (next === '') onChange(undefined);
        else if (/^\d{4}-\d{2}$/.test(next)) onChange(next);
      }}
    />
  );
}
