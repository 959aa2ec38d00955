import { Button, Group, Modal } from '@mantine/core';
import type { FirmDto } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { DataTable, TableColumn } from '../../components/DataTable';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/time';
import { allFirmsQuery } from './data';
import { FirmForm } from './FirmForm';
import { InviteForm } from './InviteForm';

type Dialog = { kind: 'new' } | { kind: 'edit'; firm: FirmDto } | { kind: 'invite'; firm: FirmDto } | null;

/** The programme's firms: what reports are cut by (SIC code, local authority, size), added and corrected here. */
export function FirmsTab({ programmeId }: { programmeId: string }) {
  const t = useT();
  const viewer = useViewer();
  const firms = useQuery(allFirmsQuery(programmeId));
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  const columns: TableColumn<FirmDto>[] = [
    { key: 'name', title: t('manager.firm.name'), value: (f) => f.name },
    { key: 'sic', title: t('manager.firm.sic'), value: (f) => f.sicCode },
    { key: 'localAuthority', title: t('manager.firm.localAuthority'), value: (f) => f.localAuthorityCode, filterable: true },
    {
      key: 'employees',
      title: t('manager.firm.employees'),
      value: (f) => f.employeeBand,
      sortValue: (f) => ['0-4', '5-9', '10-49', '50-249', '250+'].indexOf(f.employeeBand),
      filterable: true,
    },
    { key: 'postcode', title: t('manager.firm.postcode'), value: (f) => f.postcode },
    {
      key: 'companiesHouse',
      title: t('manager.firm.companiesHouse'),
      value: (f) => f.companiesHouseNumber,
      hiddenByDefault: true,
    },
    {
      key: 'added',
      title: t('manager.firm.added'),
      value: (f) => formatDate(f.createdAt, viewer.timezone),
      sortValue: (f) => f.createdAt,
      hiddenByDefault: true,
    },
    {
      key: 'actions',
      title: t('manager.table.actions'),
      render: (f) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => setDialog({ kind: 'edit', firm: f })}
            aria-label={t('manager.firm.editNamed', { name: f.name })}
          >
            {t('action.edit')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => setDialog({ kind: 'invite', firm: f })}
            aria-label={t('manager.firm.inviteNamed', { name: f.name })}
          >
            {t('manager.firm.invite')}
          </Button>
        </Group>
      ),
    },
  ];

  return (
    <>
      <QueryView query={firms}>
        {(data) => (
          <DataTable
            label={t('manager.firms.table')}
            records={data}
            columns={columns}
            rowId={(f) => f.id}
            initialSort={{ key: 'name', direction: 'asc' }}
            emptyText={t('manager.firms.empty')}
            actions={
              <Button size="xs" onClick={() => setDialog({ kind: 'new' })}>
                {t('manager.firm.new')}
              </Button>
            }
          />
        )}
      </QueryView>
      <Modal
        opened={dialog?.kind === 'new' || dialog?.kind === 'edit'}
        onClose={close}
        title={dialog?.kind === 'edit' ? t('manager.firm.editTitle', { name: dialog.firm.name }) : t('manager.firm.new')}
        size="lg"
      >
        {dialog?.kind === 'new' && <FirmForm programmeId={programmeId} onDone={close} />}
        {dialog?.kind === 'edit' && <FirmForm programmeId={programmeId} firm={dialog.firm} onDone={close} />}
      </Modal>
      <Modal
        opened={dialog?.kind === 'invite'}
        onClose={close}
        title={dialog?.kind === 'invite' ? t('manager.invite.toFirm', { name: dialog.firm.name }) : ''}
        size="lg"
      >
        {dialog?.kind === 'invite' && (
          <InviteForm programmeId={programmeId} fixed={{ role: 'member', firmId: dialog.firm.id }} onDone={close} />
        )}
      </Modal>
    </>
  );
}
