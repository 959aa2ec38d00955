import { Badge, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { invitationsResendMutation, invitationsWithdrawMutation, type InvitationDto } from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DataTable, TableColumn } from '../../components/DataTable';
import { QueryView, useNotifyProblem } from '../../components/states';
import { useT } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/time';
import { allFirmsQuery, allGroupsQuery, allInvitationsQuery, invalidate } from './data';
import { InviteForm } from './InviteForm';

/** Invite someone, and follow up the invitations not yet accepted: send again, or withdraw. */
export function InvitationsTab({ programmeId }: { programmeId: string }) {
  const t = useT();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const invitations = useQuery(allInvitationsQuery(programmeId));
  const groups = useQuery(allGroupsQuery(programmeId));
  const firms = useQuery(allFirmsQuery(programmeId));
  const [withdrawing, setWithdrawing] = useState<InvitationDto | null>(null);

  const notifyProblem = useNotifyProblem();
  const failed = (error: unknown) => notifyProblem(error, t('state.error.title'));
  const resend = useMutation({
    ...invitationsResendMutation(),
    onSuccess: async (i) => {
      notifications.show({ color: 'green', message: t('manager.invitations.resent', { email: i.email }) });
      await invalidate(queryClient, 'invitationsList');
    },
    onError: failed,
  });
  const withdraw = useMutation({
    ...invitationsWithdrawMutation(),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('manager.invitations.withdrawn', { email: withdrawing?.email ?? '' }) });
      setWithdrawing(null);
      await invalidate(queryClient, 'invitationsList');
    },
    onError: (error) => {
      setWithdrawing(null);
      failed(error);
    },
  });

  const scope = (i: InvitationDto): string => {
    if (i.groupId) return groups.data?.find((g) => g.id === i.groupId)?.name ?? '';
    if (i.firmId) return firms.data?.find((f) => f.id === i.firmId)?.name ?? '';
    return t('manager.invitations.wholeProgramme');
  };

  const columns: TableColumn<InvitationDto>[] = [
    { key: 'name', title: t('manager.invite.name'), value: (i) => i.name },
    { key: 'email', title: t('manager.invite.email'), value: (i) => i.email },
    { key: 'role', title: t('manager.invite.role'), value: (i) => t(`manager.invite.role.${i.role}`), filterable: true },
    { key: 'scope', title: t('manager.invitations.scope'), value: scope },
    {
      key: 'status',
      title: t('manager.invitations.status'),
      value: (i) => t(`manager.invitations.status.${i.status}`),
      render: (i) => (
        <Badge variant="outline" color={i.status === 'expired' ? 'red.9' : 'indigo.9'}>
          {t(`manager.invitations.status.${i.status}`)}
        </Badge>
      ),
      filterable: true,
    },
    {
      key: 'sent',
      title: t('manager.invitations.sent'),
      value: (i) => formatDateTime(i.createdAt, viewer.timezone),
      sortValue: (i) => i.createdAt,
    },
    {
      key: 'expires',
      title: t('manager.invitations.expires'),
      value: (i) => formatDate(i.expiresAt, viewer.timezone),
      sortValue: (i) => i.expiresAt,
      hiddenByDefault: true,
    },
    {
      key: 'actions',
      title: t('manager.table.actions'),
      render: (i) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="subtle"
            loading={resend.isPending && resend.variables?.path.invitationId === i.id}
            onClick={() => resend.mutate({ path: { invitationId: i.id } })}
            aria-label={t('manager.invitations.resendNamed', { email: i.email })}
          >
            {t('manager.invitations.resend')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red.8"
            onClick={() => setWithdrawing(i)}
            aria-label={t('manager.invitations.withdrawNamed', { email: i.email })}
          >
            {t('manager.invitations.withdraw')}
          </Button>
        </Group>
      ),
    },
  ];

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h3" mb="sm">
          {t('manager.invite.title')}
        </Title>
        <InviteForm programmeId={programmeId} />
      </Paper>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('manager.invitations.pending')}
        </Title>
        <QueryView query={invitations}>
          {(data) => (
            <DataTable
              label={t('manager.invitations.pending')}
              records={data}
              columns={columns}
              rowId={(i) => i.id}
              initialSort={{ key: 'sent', direction: 'desc' }}
              emptyText={t('manager.invitations.empty')}
            />
          )}
        </QueryView>
      </Stack>
      <ConfirmModal
        opened={!!withdrawing}
        onClose={() => setWithdrawing(null)}
        title={t('manager.invitations.withdrawTitle')}
        keepLabel={t('action.cancel')}
        confirmLabel={t('manager.invitations.withdraw')}
        loading={withdraw.isPending}
        onConfirm={() => withdrawing && withdraw.mutate({ path: { invitationId: withdrawing.id } })}
      >
        {t('manager.invitations.withdrawBody', { name: withdrawing?.name ?? '', email: withdrawing?.email ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}
