import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useViewer } from '../../app/session';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { allProgrammesQuery } from './data';
import { ProgrammeForm } from './ProgrammeForm';
import { useProgrammeColumns } from './programmeColumns';

/** The programmes the viewer runs (an admin: every one), each opening its own page. */
export default function ProgrammesPage() {
  const t = useT();
  const viewer = useViewer();
  const navigate = useNavigate();
  const programmes = useQuery(allProgrammesQuery());
  const [creating, { open, close }] = useDisclosure(false);

  const columns = useProgrammeColumns({ timezoneHidden: true });

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
