import { Anchor, Button, Group, Modal } from '@mantine/core';
import type { GroupDto } from '@roundtable/api-client';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { DataTable, TableColumn } from '../../components/DataTable';
import { QueryView } from '../../components/states';
import { GroupStatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { allGroupsQuery } from './data';
import { FacilitatorsPanel } from './FacilitatorsPanel';
import { GroupForm } from './GroupForm';
import type { ProgrammeTab } from './tabs';

type Dialog = { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'facilitators'; id: string } | null;

export function GroupsTab({ programmeId, goTo }: { programmeId: string; goTo: (tab: ProgrammeTab) => void }) {
  const t = useT();
  const viewer = useViewer();
  const groups = useQuery(allGroupsQuery(programmeId));
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const current = dialog && dialog.kind !== 'new' ? groups.data?.find((g) => g.id === dialog.id) : undefined;

  const columns: TableColumn<GroupDto>[] = [
    {
      key: 'name',
      title: t('manager.group.name'),
      value: (g) => g.name,
      render: (g) => (
        <Anchor component={Link} to={`/groups/${g.id}`} fw={500}>
          {g.name}
        </Anchor>
      ),
    },
    {
      key: 'status',
      title: t('manager.group.status'),
      value: (g) => t(`groupStatus.${g.status}`),
      render: (g) => <GroupStatusBadge status={g.status} />,
      filterable: true,
    },
    { key: 'format', title: t('manager.group.format'), value: (g) => t(`groupFormat.${g.format}`), filterable: true },
    {
      key: 'members',
      title: t('manager.group.members'),
      value: (g) => t('manager.group.membersOf', { count: g.activeMemberCount, capacity: g.capacity }),
      sortValue: (g) => g.activeMemberCount,
    },
    { key: 'theme', title: t('manager.group.theme'), value: (g) => g.theme, hiddenByDefault: true },
    {
      key: 'facilitators',
      title: t('manager.group.facilitators'),
      value: (g) => g.facilitators.map((f) => f.name).join(', ') || t('manager.group.noFacilitator'),
    },
    {
      key: 'next',
      title: t('manager.group.nextSession'),
      value: (g) => (g.nextMeetingStartsAt ? formatDateTime(g.nextMeetingStartsAt, viewer.timezone) : ''),
      sortValue: (g) => g.nextMeetingStartsAt,
    },
    { key: 'venue', title: t('manager.group.venue'), value: (g) => g.defaultVenue, hiddenByDefault: true },
    {
      key: 'actions',
      title: t('manager.table.actions'),
      render: (g) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => setDialog({ kind: 'edit', id: g.id })}
            aria-label={t('manager.group.editNamed', { name: g.name })}
          >
            {t('action.edit')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => setDialog({ kind: 'facilitators', id: g.id })}
            aria-label={t('manager.group.facilitatorsNamed', { name: g.name })}
          >
            {t('manager.group.facilitators')}
          </Button>
        </Group>
      ),
    },
  ];

  return (
    <>
      <QueryView query={groups}>
        {(data) => (
          <DataTable
            label={t('manager.groups.table')}
            records={data}
            columns={columns}
            rowId={(g) => g.id}
            initialSort={{ key: 'name', direction: 'asc' }}
            emptyText={t('manager.groups.empty')}
            actions={
              <Button size="xs" onClick={() => setDialog({ kind: 'new' })}>
                {t('manager.group.new')}
              </Button>
            }
          />
        )}
      </QueryView>
      <Modal
        opened={dialog?.kind === 'new' || dialog?.kind === 'edit'}
        onClose={close}
        title={dialog?.kind === 'edit' && current ? t('manager.group.editTitle', { name: current.name }) : t('manager.group.new')}
        size="lg"
      >
        {dialog?.kind === 'new' && <GroupForm programmeId={programmeId} onDone={close} />}
        {dialog?.kind === 'edit' && current && <GroupForm programmeId={programmeId} group={current} onDone={close} />}
      </Modal>
      <Modal
        opened={dialog?.kind === 'facilitators'}
        onClose={close}
        title={current ? t('manager.facilitators.title', { name: current.name }) : ''}
        size="lg"
      >
        {dialog?.kind === 'facilitators' && current && (
          <FacilitatorsPanel
            programmeId={programmeId}
            group={current}
            onInviteNew={() => {
              close();
              goTo('invitations');
            }}
          />
        )}
      </Modal>
    </>
  );
}
