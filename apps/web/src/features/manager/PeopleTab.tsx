import { type ProgrammePersonDto } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { DataTable, TableColumn } from '../../components/DataTable';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { allGroupsQuery, allPeopleQuery } from './data';

/** Everyone holding a role in the programme: its managers, facilitators and the people of its firms. */
export function PeopleTab({ programmeId }: { programmeId: string }) {
  const t = useT();
  const people = useQuery(allPeopleQuery(programmeId));
  const groups = useQuery(allGroupsQuery(programmeId));
  const groupName = (id: string) => groups.data?.find((g) => g.id === id)?.name ?? '';

  const columns: TableColumn<ProgrammePersonDto>[] = [
    { key: 'name', title: t('manager.people.name'), value: (p) => p.name },
    { key: 'email', title: t('manager.people.email'), value: (p) => p.email },
    {
      key: 'roles',
      title: t('manager.people.roles'),
      value: (p) => p.roles.map((r) => t(`role.${r}`)).join(', '),
      filterable: true,
    },
    { key: 'firm', title: t('manager.people.firm'), value: (p) => p.firmName },
    {
      key: 'groups',
      title: t('manager.people.facilitates'),
      value: (p) => p.facilitatedGroupIds.map(groupName).filter(Boolean).join(', '),
    },
    { key: 'status', title: t('manager.people.status'), value: (p) => t(`manager.accountStatus.${p.status}`), filterable: true },
  ];

  return (
    <QueryView query={people}>
      {(data) => (
        <DataTable
          label={t('manager.people.table')}
          records={data}
          columns={columns}
          rowId={(p) => p.id}
          initialSort={{ key: 'name', direction: 'asc' }}
          emptyText={t('manager.people.empty')}
        />
      )}
    </QueryView>
  );
}
