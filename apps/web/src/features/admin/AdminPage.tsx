import { Button, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type AccountDto, type NotificationDto, type ProgrammeDto } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { DataTable, TableColumn } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/time';
import { allAccountsQuery, allNotificationsQuery, allProgrammesQuery } from '../manager/data';
import { ProgrammeForm } from '../manager/ProgrammeForm';
import { AnchorLink } from '../manager/AnchorLink';
import { useProgrammeColumns } from '../manager/programmeColumns';

function ProgrammesPanel() {
  const t = useT();
  const viewer = useViewer();
  const programmes = useQuery(allProgrammesQuery());
  const [creating, { open, close }] = useDisclosure(false);
  const columns: TableColumn<ProgrammeDto>[] = [
    ...useProgrammeColumns(),
    {
      key: 'created',
      title: t('admin.created'),
      value: (p) => formatDate(p.createdAt, viewer.timezone),
      sortValue: (p) => p.createdAt,
    },
    {
      key: 'actions',
      title: t('manager.table.actions'),
      render: (p) => (
        <AnchorLink
          to="/programmes/$programmeId"
          params={{ programmeId: p.id }}
          search={{ tab: 'settings' }}
          size="sm"
          aria-label={t('admin.programmes.editNamed', { name: p.name })}
        >
          {t('action.edit')}
        </AnchorLink>
      ),
    },
  ];
  return (
    <>
      <QueryView query={programmes}>
        {(data) => (
          <DataTable
            label={t('admin.tab.programmes')}
            records={data}
            columns={columns}
            rowId={(p) => p.id}
            initialSort={{ key: 'name', direction: 'asc' }}
            emptyText={t('manager.programmes.emptyAdmin')}
            actions={
              <Button size="xs" onClick={open}>
                {t('manager.programme.new')}
              </Button>
            }
          />
        )}
      </QueryView>
      <Modal opened={creating} onClose={close} title={t('manager.programme.new')} size="lg">
        <ProgrammeForm onDone={close} />
      </Modal>
    </>
  );
}

function AccountsPanel() {
  const t = useT();
  const viewer = useViewer();
  const accounts = useQuery(allAccountsQuery());
  const roles = (a: AccountDto) => {
    const names = new Set(a.roles.map((r) => t(`role.${r.role}`)));
    if (a.firmId) names.add(t('role.member'));
    return [...names].join(', ');
  };
  const columns: TableColumn<AccountDto>[] = [
    { key: 'name', title: t('manager.people.name'), value: (a) => a.name },
    { key: 'email', title: t('manager.people.email'), value: (a) => a.email },
    { key: 'roles', title: t('manager.people.roles'), value: roles, filterable: true },
    { key: 'firm', title: t('manager.people.firm'), value: (a) => a.firmName },
    { key: 'status', title: t('manager.people.status'), value: (a) => t(`manager.accountStatus.${a.status}`), filterable: true },
    { key: 'timezone', title: t('manager.programme.timezone'), value: (a) => a.timezone, hiddenByDefault: true },
    {
      key: 'created',
      title: t('admin.created'),
      value: (a) => formatDate(a.createdAt, viewer.timezone),
      sortValue: (a) => a.createdAt,
    },
  ];
  return (
    <QueryView query={accounts}>
      {(data) => (
        <DataTable
          label={t('admin.tab.accounts')}
          records={data}
          columns={columns}
          rowId={(a) => a.id}
          initialSort={{ key: 'name', direction: 'asc' }}
          emptyText={t('admin.accounts.empty')}
        />
      )}
    </QueryView>
  );
}

function FailedEmailsPanel() {
  const t = useT();
  const viewer = useViewer();
  const failed = useQuery(allNotificationsQuery('failed'));
  const columns: TableColumn<NotificationDto>[] = [
    {
      key: 'failedAt',
      title: t('admin.emails.failedAt'),
      value: (n) => formatDateTime(n.updatedAt, viewer.timezone),
      sortValue: (n) => n.updatedAt,
    },
    { key: 'kind', title: t('admin.emails.kind'), value: (n) => t(`admin.kind.${n.kind}`), filterable: true },
    { key: 'recipient', title: t('admin.emails.recipient'), value: (n) => n.recipient.email },
    { key: 'attempts', title: t('admin.emails.attempts'), value: (n) => n.attempts, textAlign: 'right' },
    { key: 'error', title: t('admin.emails.error'), value: (n) => n.lastError },
    {
      key: 'due',
      title: t('admin.emails.due'),
      value: (n) => formatDateTime(n.dueAt, viewer.timezone),
      sortValue: (n) => n.dueAt,
      hiddenByDefault: true,
    },
  ];
  return (
    <QueryView query={failed}>
      {(data) => (
        <DataTable
          label={t('admin.tab.failedEmails')}
          records={data}
          columns={columns}
          rowId={(n) => n.id}
          initialSort={{ key: 'failedAt', direction: 'desc' }}
          emptyText={t('admin.emails.empty')}
        />
      )}
    </QueryView>
  );
}

const TABS = ['programmes', 'accounts', 'failedEmails'] as const;
type AdminTab = (typeof TABS)[number];

/** The installation: programmes, accounts, the email queue and the emails that could not be delivered. */
export default function AdminPage() {
  const t = useT();
  const [tab, setTab] = useState<AdminTab>('programmes');
  return (
    <>
      <PageHeader
        title={t('admin.title')}
        subtitle={t('admin.subtitle')}
        actions={
          <Button component="a" href="/api/admin/queues" variant="default">
            {t('admin.queues')}
          </Button>
        }
      />
      <Stack gap="xs" mb="md">
        <Text size="sm" c="dimmed">
          {t('admin.queuesHelp')}
        </Text>
      </Stack>
      <Tabs value={tab} onChange={(v) => TABS.includes(v as AdminTab) && setTab(v as AdminTab)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`admin.tab.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="programmes">
          <ProgrammesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="accounts">
          <AccountsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="failedEmails">
          <FailedEmailsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
