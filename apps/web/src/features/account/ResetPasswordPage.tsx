import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { authConfirmPasswordResetMutation } from '@roundtable/api-client';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { isProblem } from '../../app/api';
import { useT } from '../../i18n';
import { AccountFrame, linkToken, useSignedIn } from './AccountFrame';
import { LinkProblem, SetPasswordForm } from './SetPasswordForm';

/** The password-reset email's link: a new password, then signed in (and signed out everywhere else). */
export default function ResetPasswordPage() {
  const t = useT();
  const search = useSearch({ from: '/reset-password' });
  const [token] = useState(() => linkToken(search.token));
  const signedIn = useSignedIn();
  const [problem, setProblem] = useState<{ message: string; linkDead: boolean } | null>(null);
  const confirm = useMutation(authConfirmPasswordResetMutation());
  const askAgain = (
    <Anchor component={Link} to="/forgot-password" size="sm">
      {t('account.reset.askAgain')}
    </Anchor>
  );
  return (
    <AccountFrame title={t('account.reset.title')} subtitle={t('account.reset.subtitle')}>
      {!token ? (
        <LinkProblem action={askAgain}>{t('account.reset.noToken')}</LinkProblem>
      ) : (
        <SetPasswordForm
          label="account.newPassword"
          submit="account.reset.submit"
          apiField="newPassword"
          pending={confirm.isPending}
          problem={problem && <LinkProblem action={problem.linkDead ? askAgain : undefined}>{problem.message}</LinkProblem>}
          onProblem={(message) => setProblem(message ? { message, linkDead: false } : null)}
          onSubmit={(newPassword, form) =>
            confirm.mutate(
              { body: { token, newPassword } },
              {
                onSuccess: (session) => {
                  notifications.show({ color: 'green', message: t('account.reset.done') });
                  void signedIn(session.user);
                },
                onError: (error) => {
                  if (isProblem(error) && error.code === 'password_reset_invalid')
                    setProblem({ message: error.message, linkDead: true });
                  else form.refused(error);
                },
              },
            )
          }
        />
      )}
    </AccountFrame>
  );
}
