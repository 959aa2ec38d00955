import { Alert, Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { programmesCreateMutation, programmesUpdateMutation, type ProgrammeDto } from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { browserZone } from '../../lib/time';
import { invalidate } from './data';

/** Common reminder times, in minutes before a session. */
const PRESET_OFFSETS = [15, 30, 60, 120, 240, 1440, 2880, 10080];

interface Values {
  name: string;
  region: string;
  funder: string;
  timezone: string;
  confidentialityText: string;
  reminderOffsetsMinutes: string[];
  completionMinAttended: number | string;
  completionOfSessions: number | string;
}

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [browserZone()];
  }
};

/** Create a programme (admins) or change one (its managers and admins). */
export function ProgrammeForm({ programme, onDone }: { programme?: ProgrammeDto; onDone?: (programme: ProgrammeDto) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: programme?.name ?? '',
      region: programme?.region ?? '',
      funder: programme?.funder ?? '',
      timezone: programme?.timezone ?? browserZone(),
      confidentialityText: programme?.confidentialityText ?? '',
      reminderOffsetsMinutes: (programme?.reminderOffsetsMinutes ?? [1440, 60]).map(String),
      completionMinAttended: programme?.completionMinAttended ?? 6,
      completionOfSessions: programme?.completionOfSessions ?? 9,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('manager.form.required')),
      region: (v) => (v.trim() ? null : t('manager.form.required')),
      funder: (v) => (v.trim() ? null : t('manager.form.required')),
      timezone: (v) => (v ? null : t('manager.form.required')),
    },
  });
  const offsetLabel = (minutes: number) =>
    minutes % 1440 === 0
      ? t('manager.programme.offsetDays', { count: minutes / 1440 })
      : minutes % 60 === 0
        ? t('manager.programme.offsetHours', { count: minutes / 60 })
        : t('manager.programme.offsetMinutes', { count: minutes });
  const offsetOptions = useMemo(() => {
    const all = new Set([...PRESET_OFFSETS, ...(programme?.reminderOffsetsMinutes ?? [])]);
    return [...all].sort((a, b) => b - a).map((m) => ({ value: String(m), label: offsetLabel(m) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [programme]);
  const zoneOptions = useMemo(zones, []);

  const onSuccess = async (saved: ProgrammeDto) => {
    notifications.show({
      color: 'green',
      message: t(programme ? 'manager.programme.saved' : 'manager.programme.created', { name: saved.name }),
    });
    await invalidate(queryClient, 'programmesList', 'programmesGet');
    onDone?.(saved);
  };
  const onError = (error: unknown) => setProblem(showApiErrors(form, error, t('state.error.network')));
  const create = useMutation({ ...programmesCreateMutation(), onSuccess, onError });
  const update = useMutation({ ...programmesUpdateMutation(), onSuccess, onError });
  const pending = create.isPending || update.isPending;

  const submit = form.onSubmit((v) => {
    setProblem(null);
    const body = {
      name: v.name.trim(),
      region: v.region.trim(),
      funder: v.funder.trim(),
      timezone: v.timezone,
      confidentialityText: v.confidentialityText,
      reminderOffsetsMinutes: v.reminderOffsetsMinutes.map(Number).sort((a, b) => b - a),
      completionMinAttended: Number(v.completionMinAttended),
      completionOfSessions: Number(v.completionOfSessions),
    };
    if (programme) update.mutate({ path: { programmeId: programme.id }, body });
    else create.mutate({ body });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <TextInput label={t('manager.programme.name')} required {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('manager.programme.region')} required {...form.getInputProps('region')} />
          <TextInput label={t('manager.programme.funder')} required {...form.getInputProps('funder')} />
        </SimpleGrid>
        <Select
          label={t('manager.programme.timezone')}
          description={t('manager.programme.timezoneHelp')}
          data={zoneOptions}
          searchable
          required
          allowDeselect={false}
          {...form.getInputProps('timezone')}
        />
        <Textarea
          label={t('manager.programme.confidentiality')}
          description={t('manager.programme.confidentialityHelp')}
          autosize
          minRows={2}
          {...form.getInputProps('confidentialityText')}
        />
        <MultiSelect
          label={t('manager.programme.reminders')}
          description={t('manager.programme.remindersHelp')}
          data={offsetOptions}
          maxValues={5}
          {...form.getInputProps('reminderOffsetsMinutes')}
        />
        <SimpleGrid cols={2}>
          <NumberInput
            label={t('manager.programme.completionMin')}
            min={1}
            allowDecimal={false}
            {...form.getInputProps('completionMinAttended')}
          />
          <NumberInput
            label={t('manager.programme.completionOf')}
            min={1}
            allowDecimal={false}
            {...form.getInputProps('completionOfSessions')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {programme ? t('action.save') : t('manager.programme.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
