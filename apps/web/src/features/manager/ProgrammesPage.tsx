import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ProgrammeDto } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useViewer } from '../../app/session';
import { DataTable, TableColumn } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { allProgrammesQuery } from './data';
import { ProgrammeForm } from './ProgrammeForm';
import { AnchorLink } from './AnchorLink';

/** The programmes the viewer runs (an admin: every one), each opening its own page. */
export default function ProgrammesPage() {
  const t = useT();
  const viewer = useViewer();
  const navigate = useNavigate();
  const programmes = useQuery(allProgrammesQuery());
  const [creating, { open, close }] = useDisclosure(false);

  const columns: TableColumn<ProgrammeDto>[] = [
    {
      key: 'name',
      title: t('manager.programme.name'),
      value: (p) => p.name,
      render: (p) => (
        <AnchorLink to="/programmes/$programmeId" params={{ programmeId: p.id }} fw={500}>
          {p.name}
        </AnchorLink>
      ),
    },
    { key: 'region', title: t('manager.programme.region'), value: (p) => p.region },
    { key: 'funder', title: t('manager.programme.funder'), value: (p) => p.funder, filterable: true },
    { key: 'timezone', title: t('manager.programme.timezone'), value: (p) => p.timezone, hiddenByDefault: true },
  ];

  return (
    <>
      <PageHeader
        title={t('manager.programmes.title')}
        subtitle={t('manager.programmes.subtitle')}
        actions={viewer.isAdmin && <Button onClick={open}>{t('manager.programme.new')}</Button>}
      />
      <QueryView query={programmes}>
        {(data) => (
          <DataTable
            label={t('manager.programmes.title')}
            records={data}
            columns={columns}
            rowId={(p) => p.id}
            initialSort={{ key: 'name', direction: 'asc' }}
            emptyText={viewer.isAdmin ? t('manager.programmes.emptyAdmin') : t('manager.programmes.empty')}
          />
        )}
      </QueryView>
      <Modal opened={creating} onClose={close} title={t('manager.programme.new')} size="lg">
        <ProgrammeForm
          onDone={(p) => {
            close();
            void navigate({ to: '/programmes/$programmeId', params: { programmeId: p.id } });
          }}
        />
      </Modal>
    </>
  );
}
