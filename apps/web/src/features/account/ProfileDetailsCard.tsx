import { Alert, Button, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { authUpdateMeMutation } from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { meQuery, useViewer } from '../../app/session';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { formatTime } from '../../lib/time';
import { Section } from './Section';

/** Every IANA zone this browser knows, "America/New_York" shown as "America/New York" so a search for "new york" finds it. */
export function timeZoneOptions(current: string): Array<{ value: string; label: string }> {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...zones, 'UTC', current]);
  return [...all].sort().map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

export function ProfileDetailsCard() {
  const t = useT();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneOptions(viewer.timezone), [viewer.timezone]);
  const form = useForm({
    initialValues: { name: viewer.name, timezone: viewer.timezone },
    validate: {
      name: (v) => (v.trim() ? null : t('account.required')),
      timezone: (v) => (v ? null : t('account.required')),
    },
  });
  const update = useMutation({
    ...authUpdateMeMutation(),
    onSuccess: (me) => {
      queryClient.setQueryData(meQuery().queryKey, me);
      form.resetDirty({ name: me.name, timezone: me.timezone });
      notifications.show({ color: 'green', message: t('account.profile.saved') });
    },
    onError: (error) => setProblem(showApiErrors(form, error, t('account.failed'))),
  });
  const zone = form.values.timezone;
  return (
    <Section title={t('account.profile.details')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          update.mutate({ body: { name: values.name.trim(), timezone: values.timezone } });
        })}
      >
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap" gap="md">
          <TextInput
            label={t('account.profile.name')}
            autoComplete="name"
            required
            withAsterisk={false}
            miw={220}
            {...form.getInputProps('name')}
          />
          <Select
            label={t('account.profile.timezone')}
            description={
              zone ? t('account.profile.timezoneNow', { time: formatTime(new Date(), zone) }) : t('account.profile.timezoneHint')
            }
            data={zones}
            searchable
            required
            withAsterisk={false}
            allowDeselect={false}
            nothingFoundMessage={t('account.profile.timezoneNone')}
            maxDropdownHeight={280}
            comboboxProps={{ withinPortal: true }}
            miw={220}
            data-testid="timezone-select"
            {...form.getInputProps('timezone')}
          />
        </Group>
        {problem && (
          <Alert color="red" role="alert" mt="md">
            {problem}
          </Alert>
        )}
        <Group mt="md">
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('action.save')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}
