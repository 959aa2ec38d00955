import { Stack, Tabs, Text } from '@mantine/core';
import {
  firmsList,
  firmsListQueryKey,
  groupsList,
  groupsListQueryKey,
  groupsMineOptions,
  metricsActionsOptions,
  metricsParticipationOptions,
  metricsRetentionOptions,
  metricsSatisfactionOptions,
  programmesPeople,
  programmesPeopleQueryKey,
} from '@roundtable/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useViewer } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, QueryView } from '../../components/states';
import { AnchorLink } from '../manager/AnchorLink';
import { useT } from '../../i18n';
import { wholeList } from '../../lib/paging';
import { MetricsFilters, Option } from './MetricsFilters';
import { hasFilters, METRICS_VIEWS, metricsQuery, MetricsSearch, MetricsView } from './search';
import { ActionsView, ParticipationView, RetentionView, SatisfactionView } from './views';

const isView = (value: unknown): value is MetricsView => METRICS_VIEWS.includes(value as MetricsView);
const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label, undefined, { numeric: true });

/**
 * The metrics dashboard: participation, retention and action learning, with filters in the URL. A programme's
 * managers (and admins) see the whole programme (`?programmeId=`); a facilitator sees their own groups (the API
 * holds them to those whatever they ask).
 */
export default function MetricsPage() {
  const t = useT();
  const viewer = useViewer();
  const search = useSearch({ from: '/app/metrics' });
  const navigate = useNavigate({ from: '/metrics' });
  const setSearch = (next: MetricsSearch, replace = true) => void navigate({ search: next, replace });

  // A facilitator's groups (and through them, their programme when the URL names none).
  const mine = useQuery({ ...groupsMineOptions(), enabled: viewer.isFacilitator });
  const facilitated = (mine.data ?? []).filter((g) => viewer.facilitatedGroupIds.includes(g.id));
  const programmeId = search.programmeId ?? viewer.managedProgrammeIds[0] ?? facilitated[0]?.programmeId;
  const manages = Boolean(programmeId && (viewer.isAdmin || viewer.managedProgrammeIds.includes(programmeId)));

  // The filters' choices: every group, facilitator and firm of the programme, however many pages they take.
  const path = { programmeId: programmeId ?? '' };
  const groups = useQuery({
    ...wholeList(groupsListQueryKey({ path }), (paging, signal) =>
      groupsList({ path, query: paging, signal, throwOnError: true }),
    ),
    enabled: manages,
  });
  const people = useQuery({
    ...wholeList(programmesPeopleQueryKey({ path, query: { role: 'facilitator' } }), (paging, signal) =>
      programmesPeople({ path, query: { role: 'facilitator', ...paging }, signal, throwOnError: true }),
    ),
    enabled: manages,
  });
  const firms = useQuery({
    ...wholeList(firmsListQueryKey({ path }), (paging, signal) => firmsList({ path, query: paging, signal, throwOnError: true })),
    enabled: manages,
  });

  const groupOptions: Option[] = useMemo(
    () =>
      (manages ? (groups.data?.items ?? []) : facilitated.filter((g) => g.programmeId === programmeId))
        .map((g) => ({ value: g.id, label: g.name }))
        .sort(byLabel),
    [manages, groups.data, facilitated, programmeId],
  );
  const names = useMemo(
    () =>
      new Map(
        [...groupOptions, ...(mine.data ?? []).map((g) => ({ value: g.id, label: g.name }))].map((o) => [o.value, o.label]),
      ),
    [groupOptions, mine.data],
  );
  const facilitatorOptions = manages
    ? (people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })).sort(byLabel)
    : undefined;
  const authorityOptions = manages
    ? [...new Set((firms.data?.items ?? []).map((f) => f.localAuthorityCode))]
        .sort()
        .map((code) => ({ value: code, label: code }))
    : undefined;

  const view: MetricsView = isView(search.view) ? search.view : 'participation';
  const query = { query: programmeId ? metricsQuery(programmeId, search) : {} };
  const live = { enabled: Boolean(programmeId), placeholderData: keepPreviousData };
  const participation = useQuery({
    ...metricsParticipationOptions(query),
    ...live,
    enabled: live.enabled && view === 'participation',
  });
  const retention = useQuery({ ...metricsRetentionOptions(query), ...live, enabled: live.enabled && view === 'retention' });
  const satisfaction = useQuery({
    ...metricsSatisfactionOptions(query),
    ...live,
    enabled: live.enabled && view === 'satisfaction',
  });
  const actions = useQuery({ ...metricsActionsOptions(query), ...live, enabled: live.enabled && view === 'actions' });

  const header = (
    <PageHeader
      title={t('metrics.title')}
      subtitle={manages ? t('metrics.subtitle') : t('metrics.subtitleFacilitator')}
      actions={
        manages && programmeId ? (
          <AnchorLink to="/programmes/$programmeId" params={{ programmeId }} size="sm">
            {t('metrics.backToProgramme')}
          </AnchorLink>
        ) : undefined
      }
    />
  );
  if (!programmeId) {
    return (
      <>
        {header}
        {viewer.isFacilitator && mine.isPending ? <Loading /> : <EmptyState>{t('metrics.noProgramme')}</EmptyState>}
      </>
    );
  }
  const isEmpty = (d: { months: unknown[] }) => d.months.length === 0;
  const empty = hasFilters(search) ? t('metrics.emptyFiltered') : t('metrics.empty');
  const groupName = (id: string) => names.get(id) ?? id;

  return (
    <>
      {header}
      <Stack gap="md">
        <MetricsFilters
          search={search}
          onChange={(next) => setSearch({ ...next, programmeId: search.programmeId, view: search.view })}
          groups={groupOptions}
          facilitators={facilitatorOptions}
          localAuthorities={authorityOptions}
        />
        <Text size="xs" c="dimmed">
          {t('metrics.freshness')}
        </Text>
        <Tabs
          value={view}
          onChange={(next) => isView(next) && setSearch({ ...search, view: next === 'participation' ? undefined : next }, false)}
          keepMounted={false}
        >
          <Tabs.List mb="md" aria-label={t('metrics.view.label')}>
            {METRICS_VIEWS.map((name) => (
              <Tabs.Tab key={name} value={name}>
                {t(`metrics.view.${name}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="participation">
            <QueryView query={participation} isEmpty={isEmpty} empty={empty}>
              {(data) => <ParticipationView data={data} />}
            </QueryView>
          </Tabs.Panel>
          <Tabs.Panel value="retention">
            <QueryView query={retention} isEmpty={isEmpty} empty={empty}>
              {(data) => <RetentionView data={data} groupName={groupName} />}
            </QueryView>
          </Tabs.Panel>
          <Tabs.Panel value="actions">
            <QueryView query={actions} isEmpty={isEmpty} empty={empty}>
              {(data) => <ActionsView data={data} />}
            </QueryView>
          </Tabs.Panel>
          <Tabs.Panel value="satisfaction">
            <QueryView query={satisfaction} isEmpty={isEmpty} empty={empty}>
              {(data) => <SatisfactionView data={data} />}
            </QueryView>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
