import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { invitationsInviteMutation, type InvitableRole } from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { allFirmsQuery, allGroupsQuery, invalidate } from './data';

const ROLES: InvitableRole[] = ['facilitator', 'member', 'programme_manager'];

interface Values {
  name: string;
  email: string;
  role: InvitableRole;
  groupId: string | null;
  firmId: string | null;
}

/**
 * Invite someone into the programme: a manager, a facilitator of a group, or a person of a firm. The API
 * emails a link to set a password; nobody has an account until they follow it.
 */
export function InviteForm({
  programmeId,
  fixed,
  onDone,
}: {
  programmeId: string;
  /** A role (and its group or firm) chosen already, e.g. from a firm's row. */
  fixed?: { role: InvitableRole; groupId?: string; firmId?: string };
  onDone?: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: '',
      email: '',
      role: fixed?.role ?? 'facilitator',
      groupId: fixed?.groupId ?? null,
      firmId: fixed?.firmId ?? null,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('manager.form.required')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('manager.invite.emailFormat')),
      firmId: (v, all) => (all.role === 'member' && !v ? t('manager.invite.firmRequired') : null),
    },
  });
  const role = form.values.role;
  const groups = useQuery({ ...allGroupsQuery(programmeId), enabled: !fixed && role === 'facilitator' });
  const firms = useQuery({ ...allFirmsQuery(programmeId), enabled: !fixed && role === 'member' });

  const invite = useMutation({
    ...invitationsInviteMutation(),
    onSuccess: async (invitation) => {
      notifications.show({
        color: 'green',
        message: t('manager.invite.sent', { name: invitation.name, email: invitation.email }),
      });
      form.setValues({ name: '', email: '' });
      form.resetDirty();
      await invalidate(queryClient, 'invitationsList');
      onDone?.();
    },
    onError: (error) => setProblem(showApiErrors(form, error, t('state.error.network'))),
  });

  const submit = form.onSubmit((v) => {
    setProblem(null);
    invite.mutate({
      body: {
        name: v.name.trim(),
        email: v.email.trim(),
        role: v.role,
        ...(v.role === 'programme_manager' ? { programmeId } : {}),
        // A facilitator with a group facilitates it on accepting; without one they join the programme's pool, and a
        // group is assigned to them later.
        ...(v.role === 'facilitator' ? (v.groupId ? { groupId: v.groupId } : { programmeId }) : {}),
        ...(v.role === 'member' ? { firmId: v.firmId ?? undefined } : {}),
      },
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('manager.invite.name')}
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('manager.invite.email')}
            required
            type="email"
            autoComplete="off"
            {...form.getInputProps('email')}
          />
        </SimpleGrid>
        {!fixed && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('manager.invite.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`manager.invite.role.${r}`) }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
            {role === 'facilitator' && (
              <Select
                label={t('manager.invite.group')}
                description={t('manager.invite.groupHelp')}
                placeholder={groups.isPending ? t('state.loading') : t('manager.invite.groupPlaceholder')}
                data={(groups.data ?? []).filter((g) => g.status !== 'closed').map((g) => ({ value: g.id, label: g.name }))}
                searchable
                clearable
                {...form.getInputProps('groupId')}
              />
            )}
            {role === 'member' && (
              <Select
                label={t('manager.invite.firm')}
                placeholder={firms.isPending ? t('state.loading') : t('manager.invite.firmPlaceholder')}
                data={(firms.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                searchable
                required
                {...form.getInputProps('firmId')}
              />
            )}
          </SimpleGrid>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={invite.isPending}>
            {t('manager.invite.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
