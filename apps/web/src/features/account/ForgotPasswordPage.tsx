import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { authRequestPasswordResetMutation } from '@roundtable/api-client';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { AccountFrame, isEmail } from './AccountFrame';

/** Ask for a reset link. The answer is the same whether or not the email has an account. */
export default function ForgotPasswordPage() {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: { email: (v) => (isEmail(v) ? null : t('account.emailInvalid')) },
  });
  const request = useMutation({
    ...authRequestPasswordResetMutation(),
    onSuccess: (_, variables) => setSentTo(variables.body.email),
    onError: (error) => setProblem(showApiErrors(form, error, t('account.failed'))),
  });
  return (
    <AccountFrame title={t('account.forgot.title')} subtitle={sentTo ? undefined : t('account.forgot.subtitle')}>
      {sentTo ? (
        <Stack>
          <Alert color="indigo" title={t('account.forgot.sentTitle')} role="status">
            {t('account.forgot.sent', { email: sentTo })}
          </Alert>
          <Button
            variant="default"
            onClick={() => {
              setSentTo(null);
              form.reset();
            }}
          >
            {t('account.forgot.again')}
          </Button>
          <Anchor component={Link} to="/login" size="sm" ta="center">
            {t('account.backToLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setProblem(null);
            request.mutate({ body: { email: values.email.trim() } });
          })}
        >
          <Stack>
            {problem && (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            )}
            <TextInput
              label={t('account.email')}
              type="email"
              autoComplete="email"
              inputMode="email"
              required
              withAsterisk={false}
              autoFocus
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <Button type="submit" fullWidth loading={request.isPending}>
              {t('account.forgot.submit')}
            </Button>
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/login">
                {t('account.backToLogin')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AccountFrame>
  );
}
