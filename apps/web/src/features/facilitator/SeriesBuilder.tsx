import { Alert, Checkbox, Group, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n';
import { buildRrule, MAX_SESSIONS, Ordinal, ORDINALS, SeriesChoice, Weekday, WEEKDAYS } from './rrule';

const numberOf = (value: string | number, fallback: number) => (typeof value === 'number' ? value : Number(value) || fallback);

/**
 * The recurrence part of the scheduling form: how often, on which day, how many sessions. Shows the rule
 * in words and refuses combinations that cannot make a sensible series, saying why.
 */
export function SeriesBuilder({ value, onChange }: { value: SeriesChoice; onChange: (next: SeriesChoice) => void }) {
  const t = useT();
  const set = (patch: Partial<SeriesChoice>) => onChange({ ...value, ...patch });
  const result = buildRrule(value);
  const dayName = (d: Weekday) => t(`facilitator.weekday.${d}`);
  return (
    <Stack gap="sm" data-testid="series-builder">
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('facilitator.series.frequency')}
          value={value.frequency}
          onChange={(e) => set({ frequency: e.currentTarget.value as SeriesChoice['frequency'] })}
          data={[
            { value: 'weekly', label: t('facilitator.series.weekly') },
            { value: 'monthly', label: t('facilitator.series.monthly') },
          ]}
        />
        <NumberInput
          label={value.frequency === 'weekly' ? t('facilitator.series.everyWeeks') : t('facilitator.series.everyMonths')}
          value={value.interval}
          min={1}
          max={12}
          allowDecimal={false}
          onChange={(v) => set({ interval: numberOf(v, 0) })}
        />
      </Group>
      {value.frequency === 'weekly' ? (
        <Checkbox.Group
          label={t('facilitator.series.onDays')}
          value={value.weekdays}
          onChange={(days) => set({ weekdays: days as Weekday[] })}
        >
          <Group gap="xs" mt={4}>
            {WEEKDAYS.map((d) => (
              <Checkbox key={d} value={d} label={dayName(d)} />
            ))}
          </Group>
        </Checkbox.Group>
      ) : (
        <>
          <NativeSelect
            label={t('facilitator.series.monthlyBy')}
            value={value.monthlyBy}
            onChange={(e) => set({ monthlyBy: e.currentTarget.value as SeriesChoice['monthlyBy'] })}
            data={[
              { value: 'weekday', label: t('facilitator.series.byWeekday') },
              { value: 'date', label: t('facilitator.series.byDate') },
            ]}
          />
          {value.monthlyBy === 'weekday' ? (
            <Group grow align="flex-start">
              <NativeSelect
                label={t('facilitator.series.which')}
                value={String(value.ordinal)}
                onChange={(e) => set({ ordinal: Number(e.currentTarget.value) as Ordinal })}
                data={ORDINALS.map((o) => ({ value: String(o), label: t(`facilitator.ordinal.${o}`) }))}
              />
              <NativeSelect
                label={t('facilitator.series.weekday')}
                value={value.weekday}
                onChange={(e) => set({ weekday: e.currentTarget.value as Weekday })}
                data={WEEKDAYS.map((d) => ({ value: d, label: dayName(d) }))}
              />
            </Group>
          ) : (
            <NumberInput
              label={t('facilitator.series.monthDay')}
              value={value.monthDay}
              min={1}
              max={31}
              allowDecimal={false}
              onChange={(v) => set({ monthDay: numberOf(v, 0) })}
            />
          )}
        </>
      )}
      <NumberInput
        label={t('facilitator.series.count')}
        description={t('facilitator.series.countHint', { max: MAX_SESSIONS })}
        value={value.count}
        min={1}
        max={MAX_SESSIONS}
        allowDecimal={false}
        onChange={(v) => set({ count: numberOf(v, 0) })}
      />
      {result.error ? (
        <Alert color="red" variant="light" role="alert" data-testid="series-error">
          {t(result.error)}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" data-testid="series-summary">
          {describe(value, t)} <code>{result.rrule}</code>
        </Text>
      )}
    </Stack>
  );
}

function describe(value: SeriesChoice, t: ReturnType<typeof useT>): string {
  const day = (d: Weekday) => t(`facilitator.weekday.${d}`);
  if (value.frequency === 'weekly') {
    return t('facilitator.series.describeWeekly', {
      interval: value.interval,
      days: WEEKDAYS.filter((d) => value.weekdays.includes(d))
        .map(day)
        .join(', '),
      count: value.count,
    });
  }
  const on =
    value.monthlyBy === 'weekday'
      ? t('facilitator.series.onWeekday', { ordinal: t(`facilitator.ordinal.${value.ordinal}`), weekday: day(value.weekday) })
      : t('facilitator.series.onDate', { day: value.monthDay });
  return t('facilitator.series.describeMonthly', { interval: value.interval, on, count: value.count });
}
