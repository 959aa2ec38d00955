import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { authLoginMutation } from '@roundtable/api-client';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { statusOf } from '../../app/api';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { AccountFrame, isEmail, useSignedIn } from './AccountFrame';

/** Sign in with email and password; then on to where the person was going (`next`), else their home page. */
export default function LoginPage() {
  const t = useT();
  const { next } = useSearch({ from: '/login' });
  const signedIn = useSignedIn();
  const [problem, setProblem] = useState<{ throttled: boolean; message: string } | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (isEmail(v) ? null : t('account.emailInvalid')),
      password: (v) => (v ? null : t('account.required')),
    },
  });
  const login = useMutation({
    ...authLoginMutation(),
    onSuccess: (session) => signedIn(session.user, next),
    onError: (error) => {
      const message = showApiErrors(form, error, t('account.failed'));
      setProblem(message ? { throttled: statusOf(error) === 429, message } : null);
      if (statusOf(error) === 401) form.setFieldValue('password', '');
    },
  });
  return (
    <AccountFrame title={t('account.login.title')} subtitle={t('account.login.subtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          login.mutate({ body: { email: values.email.trim(), password: values.password } });
        })}
      >
        <Stack>
          {problem && (
            <Alert
              color={problem.throttled ? 'orange.9' : 'red'}
              title={problem.throttled ? t('account.login.throttled') : t('account.login.refused')}
              role="alert"
            >
              {problem.message}
            </Alert>
          )}
          <TextInput
            label={t('account.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            withAsterisk={false}
            autoFocus
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('account.password')}
            autoComplete="current-password"
            required
            withAsterisk={false}
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" fullWidth loading={login.isPending}>
            {t('account.login.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('account.login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AccountFrame>
  );
}
