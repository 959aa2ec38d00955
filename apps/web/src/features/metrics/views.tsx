import { BarChart, LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { SimpleGrid, Stack, Text } from '@mantine/core';
import {
  ActionMetricsDto,
  ActionMonthDto,
  ParticipationMetricsDto,
  ParticipationMonthDto,
  RetentionCohortDto,
  RetentionMetricsDto,
  RetentionMonthDto,
  SatisfactionMetricsDto,
  SatisfactionMonthDto,
} from '@roundtable/api-client';
import { TableColumn } from '../../components/DataTable';
import { MessageId, useT } from '../../i18n';
import { ChartPanel, SERIES_COLOURS, Stat } from './ChartPanel';
import { FigureText, formatMonth, formatNumber, formatRate } from './format';

type T = ReturnType<typeof useT>;

const CHART_HEIGHT = 260;
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const percentTick = (value: number) => `${value}%`;

/** Columns of one row type: counts, rates (percentages), decimals, and the month. */
function columnsOf<R>(t: T) {
  return {
    /** A count. */
    count: (id: MessageId, read: (row: R) => number): TableColumn<R> => ({
      key: id,
      title: t(id),
      value: (row) => read(row),
      textAlign: 'right',
    }),
    /** A rate: shown as a percentage, "—" (explained) when null; sorted by value, exported as shown. */
    rate: (id: MessageId, read: (row: R) => number | null): TableColumn<R> => ({
      key: id,
      title: t(id),
      value: (row) => formatRate(read(row)),
      sortValue: (row) => read(row),
      render: (row) => <FigureText value={read(row)} text={formatRate(read(row))} />,
      textAlign: 'right',
    }),
    /** A ratio or a median: up to two decimals, "—" when null. */
    decimal: (id: MessageId, read: (row: R) => number | null): TableColumn<R> => ({
      key: id,
      title: t(id),
      value: (row) => formatNumber(read(row)),
      sortValue: (row) => read(row),
      render: (row) => <FigureText value={read(row)} text={formatNumber(read(row))} />,
      textAlign: 'right',
    }),
    month: (read: (row: R) => string): TableColumn<R> => ({
      key: 'month',
      title: t('metrics.column.month'),
      value: (row) => formatMonth(read(row)),
      sortValue: (row) => read(row),
    }),
  };
}
const series = (t: T, ids: Array<[string, MessageId]>) =>
  ids.map(([name, id], i) => ({ name, label: t(id), color: SERIES_COLOURS[i % SERIES_COLOURS.length] }));
const byMonth = <R extends { month: string }>(months: R[]) => months.map((m) => ({ ...m, label: formatMonth(m.month) }));

/**
 * A panel of figures by month: a chart of some of a month's fields (bars side by side, stacked, or a line), with a
 * legend when there is more than one, and the table of months: the month, then the columns given.
 */
function MonthlyPanel<R extends { month: string }>({
  title,
  intro,
  months,
  empty = false,
  chart = 'bars',
  series: ids,
  columns,
}: {
  title: MessageId;
  intro?: MessageId;
  months: R[];
  /** The table shows no rows (and no chart) although there are months: nothing of the kind happened. */
  empty?: boolean;
  chart?: 'bars' | 'stacked' | 'line';
  /** The fields charted, each with its label. */
  series: Array<[keyof R & string, MessageId]>;
  columns: (c: ReturnType<typeof columnsOf<R>>) => TableColumn<R>[];
}) {
  const t = useT();
  const c = columnsOf<R>(t);
  const common = { h: CHART_HEIGHT, data: byMonth(months), dataKey: 'label', withLegend: ids.length > 1, series: series(t, ids) };
  return (
    <ChartPanel
      title={t(title)}
      intro={intro && t(intro)}
      chart={
        chart === 'line' ? (
          <LineChart {...common} connectNulls={false} />
        ) : (
          <BarChart {...common} type={chart === 'stacked' ? 'stacked' : 'default'} />
        )
      }
      records={empty ? [] : months}
      rowId={(m) => m.month}
      columns={[c.month((m) => m.month), ...columns(c)]}
    />
  );
}

/** The headline figures: each a name and a value, as a rate (percentage) or a number; a null as "—", explained. */
function Stats({ figures }: { figures: Array<[MessageId, number | null, 'rate' | 'number']> }) {
  const t = useT();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {figures.map(([id, value, kind]) => (
        <Stat key={id} label={t(id)}>
          <FigureText value={value} text={kind === 'rate' ? formatRate(value) : formatNumber(value)} />
        </Stat>
      ))}
    </SimpleGrid>
  );
}

function Legend() {
  const t = useT();
  return (
    <Text size="xs" c="dimmed">
      {t('metrics.null.legend')}
    </Text>
  );
}

export function ParticipationView({ data }: { data: ParticipationMetricsDto }) {
  const t = useT();
  const { totals, months } = data;
  const funnel = [
    { key: 'booked', step: t('metrics.p.booked'), people: totals.booked },
    { key: 'confirmed', step: t('metrics.p.confirmed'), people: totals.confirmed },
    { key: 'attended', step: t('metrics.p.attended'), people: totals.attended },
  ];
  const f = columnsOf<(typeof funnel)[number]>(t);
  const shareOfBooked = (n: number) => (totals.booked === 0 ? null : n / totals.booked);
  return (
    <Stack gap="md">
      <Stats
        figures={[
          ['metrics.p.sessionsHeld', totals.sessionsHeld, 'number'],
          ['metrics.p.attendanceRate', totals.attendanceRate, 'rate'],
          ['metrics.p.noShowRate', totals.noShowRate, 'rate'],
          ['metrics.p.waitlisted', totals.waitlisted, 'number'],
        ]}
      />
      <MonthlyPanel<ParticipationMonthDto>
        title="metrics.p.attendance.title"
        months={months}
        chart="stacked"
        series={[
          ['present', 'metrics.p.present'],
          ['late', 'metrics.p.late'],
          ['apologies', 'metrics.p.apologies'],
          ['noShows', 'metrics.p.noShows'],
        ]}
        columns={(c) => [
          c.count('metrics.p.sessionsHeld', (m) => m.sessionsHeld),
          c.count('metrics.p.present', (m) => m.present),
          c.count('metrics.p.late', (m) => m.late),
          c.count('metrics.p.apologies', (m) => m.apologies),
          c.count('metrics.p.noShows', (m) => m.noShows),
          c.rate('metrics.p.attendanceRate', (m) => m.attendanceRate),
          c.rate('metrics.p.noShowRate', (m) => m.noShowRate),
        ]}
      />
      <ChartPanel
        title={t('metrics.p.funnel.title')}
        intro={t('metrics.p.funnel.intro')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={funnel}
            dataKey="step"
            series={[{ name: 'people', label: t('metrics.column.count'), color: SERIES_COLOURS[0] }]}
          />
        }
        records={totals.booked === 0 ? [] : funnel}
        rowId={(row) => row.key}
        columns={[
          { key: 'step', title: t('metrics.column.step'), value: (row) => row.step, sortable: false },
          { key: 'people', title: t('metrics.column.count'), value: (row) => row.people, textAlign: 'right' },
          f.rate('metrics.column.share', (row) => shareOfBooked(row.people)),
        ]}
      />
      <MonthlyPanel<ParticipationMonthDto>
        title="metrics.p.waitlist.title"
        intro="metrics.p.waitlist.intro"
        months={months}
        series={[['waitlisted', 'metrics.p.waitlisted']]}
        columns={(c) => [
          c.count('metrics.p.sessionsHeld', (m) => m.sessionsHeld),
          c.count('metrics.p.booked', (m) => m.booked),
          c.count('metrics.p.waitlisted', (m) => m.waitlisted),
        ]}
      />
      <MonthlyPanel<ParticipationMonthDto>
        title="metrics.p.hybrid.title"
        intro="metrics.p.hybrid.intro"
        months={months}
        empty={totals.hybridSessionsHeld === 0}
        chart="stacked"
        series={[
          ['hybridOnline', 'metrics.p.hybridOnline'],
          ['hybridInPerson', 'metrics.p.hybridInPerson'],
          ['hybridModeUnrecorded', 'metrics.p.hybridModeUnrecorded'],
        ]}
        columns={(c) => [
          c.count('metrics.p.sessionsHeld', (m) => m.hybridSessionsHeld),
          c.count('metrics.p.hybridOnline', (m) => m.hybridOnline),
          c.count('metrics.p.hybridInPerson', (m) => m.hybridInPerson),
          c.count('metrics.p.hybridModeUnrecorded', (m) => m.hybridModeUnrecorded),
        ]}
      />
      <Legend />
    </Stack>
  );
}

export function RetentionView({ data, groupName }: { data: RetentionMetricsDto; groupName: (id: string) => string }) {
  const t = useT();
  const { totals, months, cohorts } = data;
  const k = columnsOf<RetentionCohortDto>(t);
  const depth = Math.max(0, ...cohorts.map((c) => c.retained.length));
  const cohortName = (c: RetentionCohortDto) =>
    t('metrics.r.cohortName', { group: groupName(c.groupId), month: formatMonth(c.month) });
  const cohortKey = (c: RetentionCohortDto) => `${c.groupId}:${c.month}`;
  // x: at least k sessions; one line per cohort, in percent.
  const curve = Array.from({ length: depth }, (_, k) => ({
    label: t('metrics.r.atLeast', { count: k + 1 }),
    ...Object.fromEntries(cohorts.map((c) => [cohortKey(c), percent(c.retentionRate?.[k] ?? null)])),
  }));
  return (
    <Stack gap="md">
      <Stats
        figures={[
          ['metrics.r.members', totals.members, 'number'],
          ['metrics.r.completionRate', totals.completionRate, 'rate'],
          ['metrics.r.droppedOut', totals.droppedOut, 'number'],
          ['metrics.r.atRisk', totals.atRisk, 'number'],
        ]}
      />
      <MonthlyPanel<RetentionMonthDto>
        title="metrics.r.completion.title"
        intro="metrics.r.completion.intro"
        months={months}
        series={[
          ['members', 'metrics.r.members'],
          ['decided', 'metrics.r.decided'],
          ['completed', 'metrics.r.completed'],
        ]}
        columns={(c) => [
          c.count('metrics.r.members', (m) => m.members),
          c.count('metrics.r.decided', (m) => m.decided),
          c.count('metrics.r.completed', (m) => m.completed),
          c.rate('metrics.r.completionRate', (m) => m.completionRate),
        ]}
      />
      <MonthlyPanel<RetentionMonthDto>
        title="metrics.r.dropout.title"
        months={months}
        chart="stacked"
        series={[
          ['droppedAfter1', 'metrics.r.droppedAfter1'],
          ['droppedAfter2', 'metrics.r.droppedAfter2'],
          ['droppedAfter3', 'metrics.r.droppedAfter3'],
        ]}
        columns={(c) => [
          c.count('metrics.r.droppedOut', (m) => m.droppedOut),
          c.count('metrics.r.droppedAfter1', (m) => m.droppedAfter1),
          c.count('metrics.r.droppedAfter2', (m) => m.droppedAfter2),
          c.count('metrics.r.droppedAfter3', (m) => m.droppedAfter3),
          c.count('metrics.r.atRisk', (m) => m.atRisk),
        ]}
      />
      <ChartPanel
        title={t('metrics.r.cohorts.title')}
        intro={t('metrics.r.cohorts.intro')}
        chart={
          <LineChart
            h={CHART_HEIGHT}
            data={curve}
            dataKey="label"
            withLegend={cohorts.length <= 8}
            yAxisProps={{ domain: [0, 100] }}
            valueFormatter={percentTick}
            series={cohorts.map((c, i) => ({
              name: cohortKey(c),
              label: cohortName(c),
              color: SERIES_COLOURS[i % SERIES_COLOURS.length],
            }))}
          />
        }
        records={cohorts}
        rowId={cohortKey}
        columns={[
          {
            key: 'group',
            title: t('metrics.column.group'),
            value: (cohort: RetentionCohortDto) => groupName(cohort.groupId),
            filterable: true,
          },
          k.month((cohort) => cohort.month),
          k.count('metrics.r.members', (cohort) => cohort.members),
          ...Array.from({ length: depth }, (_, i) => ({
            ...k.rate('metrics.r.atLeast', (cohort) => cohort.retentionRate?.[i] ?? null),
            key: `k${i + 1}`,
            title: t('metrics.r.atLeast', { count: i + 1 }),
          })),
        ]}
      />
      <Legend />
    </Stack>
  );
}

export function ActionsView({ data }: { data: ActionMetricsDto }) {
  const { totals, months } = data;
  return (
    <Stack gap="md">
      <Stats
        figures={[
          ['metrics.a.perMemberSession', totals.commitmentsPerMemberSession, 'number'],
          ['metrics.a.shareReviewed', totals.shareReviewed, 'rate'],
          ['metrics.a.shareDone', totals.shareDone, 'rate'],
          ['metrics.a.medianDays', totals.medianDaysToDone, 'number'],
        ]}
      />
      <MonthlyPanel<ActionMonthDto>
        title="metrics.a.perMember.title"
        months={months}
        chart="line"
        series={[['commitmentsPerMemberSession', 'metrics.a.perMemberSession']]}
        columns={(c) => [
          c.count('metrics.a.commitments', (m) => m.commitments),
          c.count('metrics.a.attendances', (m) => m.attendances),
          c.decimal('metrics.a.perMemberSession', (m) => m.commitmentsPerMemberSession),
        ]}
      />
      <MonthlyPanel<ActionMonthDto>
        title="metrics.a.review.title"
        months={months}
        series={[
          ['dueForReview', 'metrics.a.dueForReview'],
          ['reviewed', 'metrics.a.reviewed'],
        ]}
        columns={(c) => [
          c.count('metrics.a.dueForReview', (m) => m.dueForReview),
          c.count('metrics.a.reviewed', (m) => m.reviewed),
          c.rate('metrics.a.shareReviewed', (m) => m.shareReviewed),
        ]}
      />
      <MonthlyPanel<ActionMonthDto>
        title="metrics.a.outcomes.title"
        months={months}
        chart="stacked"
        series={[
          ['done', 'metrics.a.done'],
          ['partly', 'metrics.a.partly'],
          ['dropped', 'metrics.a.dropped'],
        ]}
        columns={(c) => [
          c.count('metrics.a.withOutcome', (m) => m.withOutcome),
          c.count('metrics.a.done', (m) => m.done),
          c.count('metrics.a.partly', (m) => m.partly),
          c.count('metrics.a.dropped', (m) => m.dropped),
          c.rate('metrics.a.shareDone', (m) => m.shareDone),
          c.decimal('metrics.a.medianDays', (m) => m.medianDaysToDone),
        ]}
      />
      <Legend />
    </Stack>
  );
}

export function SatisfactionView({ data }: { data: SatisfactionMetricsDto }) {
  const t = useT();
  const { totals, months } = data;
  const ratings = totals.usefulnessCounts.map((responses, i) => ({
    key: String(i + 1),
    rating: t('metrics.s.rating', { rating: i + 1 }),
    responses,
  }));
  const r = columnsOf<(typeof ratings)[number]>(t);
  return (
    <Stack gap="md">
      <Stats
        figures={[
          ['metrics.s.responses', totals.responses, 'number'],
          ['metrics.s.responseRate', totals.responseRate, 'rate'],
          ['metrics.s.meanUsefulness', totals.meanUsefulness, 'number'],
          ['metrics.s.nps', totals.nps, 'number'],
        ]}
      />
      <MonthlyPanel<SatisfactionMonthDto>
        title="metrics.s.response.title"
        months={months}
        series={[
          ['attendees', 'metrics.s.attendees'],
          ['responses', 'metrics.s.responses'],
        ]}
        columns={(c) => [
          c.count('metrics.s.attendees', (m) => m.attendees),
          c.count('metrics.s.responses', (m) => m.responses),
          c.rate('metrics.s.responseRate', (m) => m.responseRate),
          c.decimal('metrics.s.meanUsefulness', (m) => m.meanUsefulness),
        ]}
      />
      <ChartPanel
        title={t('metrics.s.usefulness.title')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={ratings}
            dataKey="rating"
            series={[{ name: 'responses', label: t('metrics.s.responses'), color: SERIES_COLOURS[0] }]}
          />
        }
        records={totals.responses === 0 ? [] : ratings}
        rowId={(row) => row.key}
        columns={[
          { key: 'rating', title: t('metrics.s.usefulness'), value: (row) => row.rating, sortValue: (row) => row.key },
          r.count('metrics.s.responses', (row) => row.responses),
        ]}
      />
      <MonthlyPanel<SatisfactionMonthDto>
        title="metrics.s.nps.title"
        months={months}
        chart="stacked"
        series={[
          ['promoters', 'metrics.s.promoters'],
          ['passives', 'metrics.s.passives'],
          ['detractors', 'metrics.s.detractors'],
        ]}
        columns={(c) => [
          c.count('metrics.s.promoters', (m) => m.promoters),
          c.count('metrics.s.passives', (m) => m.passives),
          c.count('metrics.s.detractors', (m) => m.detractors),
          c.decimal('metrics.s.nps', (m) => m.nps),
        ]}
      />
      <Legend />
    </Stack>
  );
}
