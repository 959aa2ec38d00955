import { Anchor, Badge } from '@mantine/core';
import { type ApplicationDto } from '@roundtable/api-client';
import { Link } from '@tanstack/react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useViewer } from '../../app/session';
import { DataTable, TableColumn } from '../../components/DataTable';
import { ErrorState, Loading } from '../../components/states';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/time';
import { allApplicationsQuery, allGroupsQuery } from './data';

/** Every group's applications in one table (filter by group or status); each opens its review page. */
export function ApplicationsTab({ programmeId }: { programmeId: string }) {
  const t = useT();
  const viewer = useViewer();
  const groups = useQuery(allGroupsQuery(programmeId));
  const lists = useQueries({ queries: (groups.data ?? []).map((g) => allApplicationsQuery(g.id)) });

  if (groups.isPending) return <Loading />;
  if (groups.isError) return <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />;
  const failed = lists.find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => lists.forEach((q) => void q.refetch())} />;
  if (lists.some((q) => q.isPending)) return <Loading />;
  const applications = lists.flatMap((q) => q.data ?? []);

  const columns: TableColumn<ApplicationDto>[] = [
    {
      key: 'firm',
      title: t('manager.applications.firm'),
      value: (a) => a.firm.name,
      render: (a) => (
        <Anchor component={Link} to={`/applications/${a.id}`} fw={500}>
          {a.firm.name}
        </Anchor>
      ),
    },
    { key: 'group', title: t('manager.applications.group'), value: (a) => a.groupName, filterable: true },
    {
      key: 'status',
      title: t('manager.applications.status'),
      value: (a) => t(`applicationStatus.${a.status}`),
      filterable: true,
    },
    {
      key: 'conflict',
      title: t('manager.applications.conflict'),
      value: (a) =>
        a.competitorConflict === null
          ? ''
          : a.competitorConflict
            ? t('manager.applications.conflictWith', { firms: (a.conflictingFirms ?? []).map((f) => f.name).join(', ') })
            : t('manager.applications.noConflict'),
      render: (a) =>
        a.competitorConflict ? (
          <Badge variant="outline" color="red.9" style={{ whiteSpace: 'normal', height: 'auto' }}>
            {t('manager.applications.conflictWith', { firms: (a.conflictingFirms ?? []).map((f) => f.name).join(', ') })}
          </Badge>
        ) : (
          t('manager.applications.noConflict')
        ),
    },
    { key: 'sic', title: t('manager.firm.sic'), value: (a) => a.firm.sicCode, hiddenByDefault: true },
    {
      key: 'localAuthority',
      title: t('manager.firm.localAuthority'),
      value: (a) => a.firm.localAuthorityCode,
      hiddenByDefault: true,
    },
    { key: 'applicant', title: t('manager.applications.applicant'), value: (a) => a.applicant.name },
    {
      key: 'applied',
      title: t('manager.applications.applied'),
      value: (a) => formatDate(a.createdAt, viewer.timezone),
      sortValue: (a) => a.createdAt,
    },
    {
      key: 'review',
      title: t('manager.table.actions'),
      render: (a) => (
        <Anchor
          component={Link}

          to={`/applications/${a.id}`}
          size="sm"
          aria-label={t('manager.applications.openNamed', { firm: a.firm.name })}
        >
          {a.status === 'pending' ? t('manager.applications.review') : t('manager.applications.open')}
        </Anchor>
      ),
    },
  ];

  return (
    <DataTable
      label={t('manager.applications.table')}
      records={applications}
      columns={columns}
      rowId={(a) => a.id}
      initialSort={{ key: 'applied', direction: 'desc' }}
      emptyText={t('manager.applications.empty')}
    />
  );
}
