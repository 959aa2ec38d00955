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
  const rowId = (m: ParticipationMonthDto) => m.month;
  const c = columnsOf<ParticipationMonthDto>(t);
  const f = columnsOf<(typeof funnel)[number]>(t);
  const funnel = [
    { key: 'booked', step: t('metrics.p.booked'), people: totals.booked },
    { key: 'confirmed', step: t('metrics.p.confirmed'), people: totals.confirmed },
    { key: 'attended', step: t('metrics.p.attended'), people: totals.attended },
  ];
  const shareOfBooked = (n: number) => (totals.booked === 0 ? null : n / totals.booked);
  const empty = t('metrics.empty');
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('metrics.p.sessionsHeld')}>{formatNumber(totals.sessionsHeld)}</Stat>
        <Stat label={t('metrics.p.attendanceRate')}>
          <FigureText value={totals.attendanceRate} text={formatRate(totals.attendanceRate)} />
        </Stat>
        <Stat label={t('metrics.p.noShowRate')}>
          <FigureText value={totals.noShowRate} text={formatRate(totals.noShowRate)} />
        </Stat>
        <Stat label={t('metrics.p.waitlisted')}>{formatNumber(totals.waitlisted)}</Stat>
      </SimpleGrid>
      <ChartPanel
        title={t('metrics.p.attendance.title')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            type="stacked"
            withLegend
            series={series(t, [
              ['present', 'metrics.p.present'],
              ['late', 'metrics.p.late'],
              ['apologies', 'metrics.p.apologies'],
              ['noShows', 'metrics.p.noShows'],
            ])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
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
        emptyText={empty}
        columns={[
          { key: 'step', title: t('metrics.column.step'), value: (row) => row.step, sortable: false },
          { key: 'people', title: t('metrics.column.count'), value: (row) => row.people, textAlign: 'right' },
          f.rate('metrics.column.share', (row) => shareOfBooked(row.people)),
        ]}
      />
      <ChartPanel
        title={t('metrics.p.waitlist.title')}
        intro={t('metrics.p.waitlist.intro')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            series={series(t, [['waitlisted', 'metrics.p.waitlisted']])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
          c.count('metrics.p.sessionsHeld', (m) => m.sessionsHeld),
          c.count('metrics.p.booked', (m) => m.booked),
          c.count('metrics.p.waitlisted', (m) => m.waitlisted),
        ]}
      />
      <ChartPanel
        title={t('metrics.p.hybrid.title')}
        intro={t('metrics.p.hybrid.intro')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            type="stacked"
            withLegend
            series={series(t, [
              ['hybridOnline', 'metrics.p.hybridOnline'],
              ['hybridInPerson', 'metrics.p.hybridInPerson'],
              ['hybridModeUnrecorded', 'metrics.p.hybridModeUnrecorded'],
            ])}
          />
        }
        records={totals.hybridSessionsHeld === 0 ? [] : months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
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
  const rowId = (m: RetentionMonthDto) => m.month;
  const c = columnsOf<RetentionMonthDto>(t);
  const k = columnsOf<RetentionCohortDto>(t);
  const empty = t('metrics.empty');
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
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('metrics.r.members')}>{formatNumber(totals.members)}</Stat>
        <Stat label={t('metrics.r.completionRate')}>
          <FigureText value={totals.completionRate} text={formatRate(totals.completionRate)} />
        </Stat>
        <Stat label={t('metrics.r.droppedOut')}>{formatNumber(totals.droppedOut)}</Stat>
        <Stat label={t('metrics.r.atRisk')}>{formatNumber(totals.atRisk)}</Stat>
      </SimpleGrid>
      <ChartPanel
        title={t('metrics.r.completion.title')}
        intro={t('metrics.r.completion.intro')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            withLegend
            series={series(t, [
              ['members', 'metrics.r.members'],
              ['decided', 'metrics.r.decided'],
              ['completed', 'metrics.r.completed'],
            ])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
          c.count('metrics.r.members', (m) => m.members),
          c.count('metrics.r.decided', (m) => m.decided),
          c.count('metrics.r.completed', (m) => m.completed),
          c.rate('metrics.r.completionRate', (m) => m.completionRate),
        ]}
      />
      <ChartPanel
        title={t('metrics.r.dropout.title')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            type="stacked"
            withLegend
            series={series(t, [
              ['droppedAfter1', 'metrics.r.droppedAfter1'],
              ['droppedAfter2', 'metrics.r.droppedAfter2'],
              ['droppedAfter3', 'metrics.r.droppedAfter3'],
            ])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
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
        emptyText={empty}
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
  const t = useT();
  const { totals, months } = data;
  const rowId = (m: ActionMonthDto) => m.month;
  const c = columnsOf<ActionMonthDto>(t);
  const empty = t('metrics.empty');
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('metrics.a.perMemberSession')}>
          <FigureText value={totals.commitmentsPerMemberSession} text={formatNumber(totals.commitmentsPerMemberSession)} />
        </Stat>
        <Stat label={t('metrics.a.shareReviewed')}>
          <FigureText value={totals.shareReviewed} text={formatRate(totals.shareReviewed)} />
        </Stat>
        <Stat label={t('metrics.a.shareDone')}>
          <FigureText value={totals.shareDone} text={formatRate(totals.shareDone)} />
        </Stat>
        <Stat label={t('metrics.a.medianDays')}>
          <FigureText value={totals.medianDaysToDone} text={formatNumber(totals.medianDaysToDone)} />
        </Stat>
      </SimpleGrid>
      <ChartPanel
        title={t('metrics.a.perMember.title')}
        chart={
          <LineChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            connectNulls={false}
            series={series(t, [['commitmentsPerMemberSession', 'metrics.a.perMemberSession']])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
          c.count('metrics.a.commitments', (m) => m.commitments),
          c.count('metrics.a.attendances', (m) => m.attendances),
          c.decimal('metrics.a.perMemberSession', (m) => m.commitmentsPerMemberSession),
        ]}
      />
      <ChartPanel
        title={t('metrics.a.review.title')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            withLegend
            series={series(t, [
              ['dueForReview', 'metrics.a.dueForReview'],
              ['reviewed', 'metrics.a.reviewed'],
            ])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
          c.count('metrics.a.dueForReview', (m) => m.dueForReview),
          c.count('metrics.a.reviewed', (m) => m.reviewed),
          c.rate('metrics.a.shareReviewed', (m) => m.shareReviewed),
        ]}
      />
      <ChartPanel
        title={t('metrics.a.outcomes.title')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            type="stacked"
            withLegend
            series={series(t, [
              ['done', 'metrics.a.done'],
              ['partly', 'metrics.a.partly'],
              ['dropped', 'metrics.a.dropped'],
            ])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
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
  const rowId = (m: SatisfactionMonthDto) => m.month;
  const c = columnsOf<SatisfactionMonthDto>(t);
  const ratings = totals.usefulnessCounts.map((responses, i) => ({
    key: String(i + 1),
    rating: t('metrics.s.rating', { rating: i + 1 }),
    responses,
  }));
  const r = columnsOf<(typeof ratings)[number]>(t);
  const empty = t('metrics.empty');
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('metrics.s.responses')}>{formatNumber(totals.responses)}</Stat>
        <Stat label={t('metrics.s.responseRate')}>
          <FigureText value={totals.responseRate} text={formatRate(totals.responseRate)} />
        </Stat>
        <Stat label={t('metrics.s.meanUsefulness')}>
          <FigureText value={totals.meanUsefulness} text={formatNumber(totals.meanUsefulness)} />
        </Stat>
        <Stat label={t('metrics.s.nps')}>
          <FigureText value={totals.nps} text={formatNumber(totals.nps)} />
        </Stat>
      </SimpleGrid>
      <ChartPanel
        title={t('metrics.s.response.title')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            withLegend
            series={series(t, [
              ['attendees', 'metrics.s.attendees'],
              ['responses', 'metrics.s.responses'],
            ])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
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
        emptyText={empty}
        columns={[
          { key: 'rating', title: t('metrics.s.usefulness'), value: (row) => row.rating, sortValue: (row) => row.key },
          r.count('metrics.s.responses', (row) => row.responses),
        ]}
      />
      <ChartPanel
        title={t('metrics.s.nps.title')}
        chart={
          <BarChart
            h={CHART_HEIGHT}
            data={byMonth(months)}
            dataKey="label"
            type="stacked"
            withLegend
            series={series(t, [
              ['promoters', 'metrics.s.promoters'],
              ['passives', 'metrics.s.passives'],
              ['detractors', 'metrics.s.detractors'],
            ])}
          />
        }
        records={months}
        rowId={rowId}
        emptyText={empty}
        columns={[
          c.month((m) => m.month),
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
