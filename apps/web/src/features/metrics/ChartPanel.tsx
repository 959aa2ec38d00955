import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ReactNode, useId } from 'react';
import { DataTable, TableColumn } from '../../components/DataTable';
import { useT } from '../../i18n';

/** Colours of the series: Mantine shades 8–9, each at least 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLOURS = ['indigo.8', 'teal.9', 'orange.9', 'grape.8', 'red.9', 'cyan.9', 'lime.9', 'gray.7'];

/**
 * One chart and its table, beside it on a wide screen and below it on a phone. The table is the chart's text
 * alternative: the figure is named by the panel's title and described by a caption naming the table; the table
 * exports to CSV exactly what it shows.
 */
export function ChartPanel<T>({
  title,
  intro,
  chart,
  records,
  columns,
  rowId,
  emptyText,
}: {
  title: string;
  intro?: string;
  chart: ReactNode;
  records: T[];
  columns: TableColumn<T>[];
  rowId: (row: T) => string;
  /** What the table says when it has no rows; by default, that nothing matches. */
  emptyText?: string;
}) {
  const t = useT();
  const id = useId();
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={`${id}-title`}>
            {title}
          </Title>
          {intro && (
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          )}
        </div>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {records.length > 0 && (
            <figure style={{ margin: 0, minWidth: 0 }} aria-labelledby={`${id}-title`} aria-describedby={`${id}-caption`}>
              {chart}
              <Text component="figcaption" size="xs" c="dimmed" id={`${id}-caption`} mt="xs">
                {t('metrics.chart.caption', { table: title })}
              </Text>
            </figure>
          )}
          <div style={{ minWidth: 0 }}>
            <DataTable
              label={title}
              records={records}
              columns={columns}
              rowId={rowId}
              emptyText={emptyText ?? t('metrics.empty')}
              pageSize={25}
            />
          </div>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** A headline figure: its name and its value (a null as "—" with its explanation). */
export function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label}>
      <Text size="sm" c="dimmed" aria-hidden>
        {label}
      </Text>
      <Text fw={650} fz="xl" data-testid="stat-value">
        {children}
      </Text>
    </Paper>
  );
}
