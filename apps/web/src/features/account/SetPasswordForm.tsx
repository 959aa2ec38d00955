import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { ReactNode } from 'react';
import { showApiErrors } from '../../components/forms';
import { MessageId, useT } from '../../i18n';
import { MIN_PASSWORD } from './AccountFrame';

/**
 * One password field for an emailed link (a reset or an invitation). The API names the field `newPassword` or
 * `password`; either message lands under this field.
 */
export function SetPasswordForm({
  label,
  submit,
  note,
  pending,
  problem,
  onProblem,
  onSubmit,
  apiField,
}: {
  label: MessageId;
  submit: MessageId;
  note?: ReactNode;
  pending: boolean;
  problem: ReactNode;
  onProblem: (message: string | null) => void;
  onSubmit: (password: string, form: SetPasswordFormApi) => void;
  apiField: string;
}) {
  const t = useT();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: { password: (v) => (v.length >= MIN_PASSWORD ? null : t('account.passwordTooShort')) },
  });
  const api: SetPasswordFormApi = {
    refused: (error) => {
      const renamed = renameField(error, apiField, 'password');
      onProblem(showApiErrors(form, renamed, t('account.failed')));
    },
  };
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        onProblem(null);
        onSubmit(values.password, api);
      })}
    >
      <Stack>
        {problem}
        <PasswordInput
          label={t(label)}
          description={t('account.passwordHint')}
          autoComplete="new-password"
          required
          withAsterisk={false}
          autoFocus
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
        <Button type="submit" fullWidth loading={pending}>
          {t(submit)}
        </Button>
        <Anchor component={Link} to="/login" size="sm" ta="center">
          {t('account.backToLogin')}
        </Anchor>
      </Stack>
    </form>
  );
}

export interface SetPasswordFormApi {
  refused(error: unknown): void;
}

/** The API's field name for this form's one field, so its message lands under it. */
function renameField(error: unknown, from: string, to: string): unknown {
  if (typeof error !== 'object' || error === null || !Array.isArray((error as { errors?: unknown }).errors)) return error;
  const e = error as { errors: Array<{ field: string; message: string }> };
  return { ...e, errors: e.errors.map((f) => (f.field === from ? { ...f, field: to } : f)) };
}

/** A refusal of the link itself, with the way on. */
export function LinkProblem({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Alert color="red" role="alert">
      <Stack gap="xs">
        <span>{children}</span>
        {action}
      </Stack>
    </Alert>
  );
}
