import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { firmsCreateMutation, firmsUpdateMutation, type EmployeeBand, type FirmDto } from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { invalidate } from './data';

export const EMPLOYEE_BANDS: EmployeeBand[] = ['0-4', '5-9', '10-49', '50-249', '250+'];

interface Values {
  name: string;
  companiesHouseNumber: string;
  sicCode: string;
  employeeBand: EmployeeBand;
  localAuthorityCode: string;
  postcode: string;
}

/** Add a firm to a programme, or change one: its SIC code and local authority are what reports group by. */
export function FirmForm({ programmeId, firm, onDone }: { programmeId: string; firm?: FirmDto; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: firm?.name ?? '',
      companiesHouseNumber: firm?.companiesHouseNumber ?? '',
      sicCode: firm?.sicCode ?? '',
      employeeBand: firm?.employeeBand ?? '5-9',
      localAuthorityCode: firm?.localAuthorityCode ?? '',
      postcode: firm?.postcode ?? '',
    },
    validate: {
      name: (v) => (v.trim() ? null : t('manager.form.required')),
      sicCode: (v) => (/^\d{5}$/.test(v.trim()) ? null : t('manager.firm.sicFormat')),
      localAuthorityCode: (v) => (/^[A-Z]\d{8}$/i.test(v.trim()) ? null : t('manager.firm.laFormat')),
      postcode: (v) => (v.trim() ? null : t('manager.form.required')),
    },
  });
  const onSuccess = async (saved: FirmDto) => {
    notifications.show({
      color: 'green',
      message: t(firm ? 'manager.firm.saved' : 'manager.firm.created', { name: saved.name }),
    });
    await invalidate(queryClient, 'firmsList', 'firmsGet', 'programmesOverview');
    onDone();
  };
  const onError = (error: unknown) =>
    setProblem(
      showApiErrors(form, error, t('state.error.network'), { duplicate_companies_house_number: 'companiesHouseNumber' }),
    );
  const create = useMutation({ ...firmsCreateMutation(), onSuccess, onError });
  const update = useMutation({ ...firmsUpdateMutation(), onSuccess, onError });

  const submit = form.onSubmit((v) => {
    setProblem(null);
    const body = {
      name: v.name.trim(),
      companiesHouseNumber: v.companiesHouseNumber.trim() || null,
      sicCode: v.sicCode.trim(),
      employeeBand: v.employeeBand,
      localAuthorityCode: v.localAuthorityCode.trim().toUpperCase(),
      postcode: v.postcode.trim(),
    };
    if (firm) update.mutate({ path: { firmId: firm.id }, body });
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
        <TextInput label={t('manager.firm.name')} required data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('manager.firm.companiesHouse')}
            description={t('manager.firm.companiesHouseHelp')}
            {...form.getInputProps('companiesHouseNumber')}
          />
          <Select
            label={t('manager.firm.employees')}
            data={EMPLOYEE_BANDS.map((b) => ({ value: b, label: t('employeeBand', { band: b }) }))}
            allowDeselect={false}
            {...form.getInputProps('employeeBand')}
          />
          <TextInput
            label={t('manager.firm.sic')}
            description={t('manager.firm.sicHelp')}
            required
            inputMode="numeric"
            maxLength={5}
            {...form.getInputProps('sicCode')}
          />
          <TextInput
            label={t('manager.firm.localAuthority')}
            description={t('manager.firm.localAuthorityHelp')}
            required
            maxLength={9}
            {...form.getInputProps('localAuthorityCode')}
          />
        </SimpleGrid>
        <TextInput label={t('manager.firm.postcode')} required autoComplete="postal-code" {...form.getInputProps('postcode')} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending || update.isPending}>
            {firm ? t('action.save') : t('manager.firm.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
