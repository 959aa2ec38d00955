import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  groupsCreateMutation,
  groupsUpdateMutation,
  type GroupDto,
  type GroupFormat,
  type GroupStatus,
} from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { invalidate } from './data';

interface Values {
  name: string;
  theme: string;
  format: GroupFormat;
  capacity: number | string;
  status: GroupStatus;
  defaultVenue: string;
  defaultMeetingLink: string;
}

const FORMATS: GroupFormat[] = ['in_person', 'online', 'hybrid'];
const STATUSES: GroupStatus[] = ['forming', 'active', 'closed'];

/** Create a peer group in a programme, or change one. */
export function GroupForm({
  programmeId,
  group,
  onDone,
}: {
  programmeId: string;
  group?: GroupDto;
  onDone: (group: GroupDto) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: group?.name ?? '',
      theme: group?.theme ?? '',
      format: group?.format ?? 'in_person',
      capacity: group?.capacity ?? 10,
      status: group?.status ?? 'forming',
      defaultVenue: group?.defaultVenue ?? '',
      defaultMeetingLink: group?.defaultMeetingLink ?? '',
    },
    validate: {
      name: (v) => (v.trim() ? null : t('manager.form.required')),
      capacity: (v) => (Number(v) >= 4 && Number(v) <= 20 ? null : t('manager.group.capacityRange')),
    },
  });
  const onSuccess = async (saved: GroupDto) => {
    notifications.show({
      color: 'green',
      message: t(group ? 'manager.group.saved' : 'manager.group.created', { name: saved.name }),
    });
    await invalidate(queryClient, 'groupsList', 'groupsGet', 'programmesOverview');
    onDone(saved);
  };
  // Refusals about one field, said beside it.
  const onError = (error: unknown) =>
    setProblem(
      showApiErrors(form, error, t('state.error.network'), { group_name_taken: 'name', capacity_below_members: 'capacity' }),
    );
  const create = useMutation({ ...groupsCreateMutation(), onSuccess, onError });
  const update = useMutation({ ...groupsUpdateMutation(), onSuccess, onError });

  const submit = form.onSubmit((v) => {
    setProblem(null);
    const body = {
      name: v.name.trim(),
      theme: v.theme.trim(),
      format: v.format,
      capacity: Number(v.capacity),
      status: v.status,
      defaultVenue: v.defaultVenue.trim() || null,
      defaultMeetingLink: v.defaultMeetingLink.trim() || null,
    };
    if (group) update.mutate({ path: { groupId: group.id }, body });
    else create.mutate({ path: { programmeId }, body });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <TextInput label={t('manager.group.name')} required data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('manager.group.theme')} autosize minRows={2} {...form.getInputProps('theme')} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Select
            label={t('manager.group.format')}
            data={FORMATS.map((f) => ({ value: f, label: t(`groupFormat.${f}`) }))}
            allowDeselect={false}
            {...form.getInputProps('format')}
          />
          <NumberInput
            label={t('manager.group.capacity')}
            description={t('manager.group.capacityHelp')}
            min={4}
            max={20}
            allowDecimal={false}
            {...form.getInputProps('capacity')}
          />
          <Select
            label={t('manager.group.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`groupStatus.${s}`) }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
        </SimpleGrid>
        <TextInput label={t('manager.group.venue')} {...form.getInputProps('defaultVenue')} />
        <TextInput
          label={t('manager.group.link')}
          type="url"
          placeholder="https://"
          {...form.getInputProps('defaultMeetingLink')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending || update.isPending}>
            {group ? t('action.save') : t('manager.group.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
