import { notifications } from '@mantine/notifications';
import { invitationsAcceptMutation } from '@roundtable/api-client';
import { useMutation } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { isProblem } from '../../app/api';
import { useT } from '../../i18n';
import { AccountFrame, linkToken, useSignedIn } from './AccountFrame';
import { LinkProblem, SetPasswordForm } from './SetPasswordForm';

/** The invitation email's link: choose a password (or give an existing account's), then signed in and home. */
export default function AcceptInvitationPage() {
  const t = useT();
  const search = useSearch({ from: '/invitations/accept' });
  const [token] = useState(() => linkToken(search.token));
  const signedIn = useSignedIn();
  const [problem, setProblem] = useState<string | null>(null);
  const accept = useMutation(invitationsAcceptMutation());
  return (
    <AccountFrame title={t('account.invite.title')} subtitle={t('account.invite.subtitle')}>
      {!token ? (
        <LinkProblem>{t('account.invite.noToken')}</LinkProblem>
      ) : (
        <SetPasswordForm
          label="account.password"
          submit="account.invite.submit"
          apiField="password"
          note={t('account.invite.existing')}
          pending={accept.isPending}
          problem={problem && <LinkProblem>{problem}</LinkProblem>}
          onProblem={setProblem}
          onSubmit={(password, form) =>
            accept.mutate(
              { body: { token, password } },
              {
                onSuccess: (session) => {
                  notifications.show({ color: 'green', message: t('account.invite.done', { name: session.user.name }) });
                  void signedIn(session.user);
                },
                onError: (error) => {
                  if (isProblem(error) && error.code !== 'validation_failed') setProblem(error.message);
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
