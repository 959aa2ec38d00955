import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { authChangePasswordMutation } from '@roundtable/api-client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { MIN_PASSWORD } from './AccountFrame';
import { Section } from './Section';

/** A new password; the API ends every other session and hands this browser a fresh one. */
export function ChangePasswordCard() {
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('account.required')),
      newPassword: (v) => (v.length >= MIN_PASSWORD ? null : t('account.passwordTooShort')),
    },
  });
  const change = useMutation({
    ...authChangePasswordMutation(),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'green', message: t('account.password.done') });
    },
    onError: (error) =>
      setProblem(showApiErrors(form, error, t('account.failed'), { invalid_current_password: 'currentPassword' })),
  });
  return (
    <Section title={t('account.password.title')} subtitle={t('account.password.subtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          change.mutate({ body: values });
        })}
      >
        <Stack gap="md" maw={400}>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            withAsterisk={false}
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('account.passwordHint')}
            autoComplete="new-password"
            required
            withAsterisk={false}
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
