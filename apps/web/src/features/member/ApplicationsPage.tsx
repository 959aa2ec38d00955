import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import {
  ApplicationDto,
  applicationsListMine,
  applicationsListMineQueryKey,
  applicationsWithdrawMutation,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useViewer } from '../../app/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryView, useProblemText } from '../../components/states';
import { ApplicationStatusBadge } from '../../components/StatusBadge';
import { MessageId, useT } from '../../i18n';
import { wholeList } from '../../lib/paging';
import { formatDate } from '../../lib/time';
import { APPLICATION_QUESTIONS } from './ApplyButton';
import classes from './member.module.css';
import { invalidateApplications } from './queries';

const questionLabel = (key: string): MessageId | null =>
  (APPLICATION_QUESTIONS as readonly string[]).includes(key) ? (`member.apply.${key}` as MessageId) : null;

function ApplicationCard({ application }: { application: ApplicationDto }) {
  const t = useT();
  const viewer = useViewer();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    ...applicationsWithdrawMutation(),
    onSuccess: () => setConfirming(false),
    onSettled: () => invalidateApplications(queryClient),
  });
  const decided = application.decidedAt ? formatDate(application.decidedAt, viewer.timezone) : null;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={2} size="h3" id={titleId}>
            <Anchor component={Link} to={`/groups/${application.groupId}`} c="inherit">
              {application.groupName}
            </Anchor>
          </Title>
          <ApplicationStatusBadge status={application.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('member.applications.applied', {
            date: formatDate(application.createdAt, viewer.timezone),
            name: application.applicant.name,
          })}
        </Text>
        <dl className={classes.facts}>
          {Object.entries(application.answers).map(([key, answer]) => {
            const label = questionLabel(key);
            return (
              <div key={key} style={{ display: 'contents' }}>
                <Text component="dt" size="sm" fw={600}>
                  {label ? t(label) : key}
                </Text>
                <Text component="dd" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {answer}
                </Text>
              </div>
            );
          })}
        </dl>
        {decided && application.status !== 'pending' && (
          <Text size="sm">
            {t('member.applications.decided', {
              status: application.status,
              date: decided,
              name: application.decidedBy?.name ?? '',
            })}
          </Text>
        )}
        {application.decisionNote && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {application.decisionNote}
          </Text>
        )}
        {application.status === 'pending' && (
          <Group>
            <Button variant="default" onClick={() => setConfirming(true)}>
              {t('member.applications.withdraw')}
            </Button>
          </Group>
        )}
        {withdraw.isError && (
          <Alert color="red" variant="light" role="alert">
            {problemText(withdraw.error)}
          </Alert>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('member.applications.withdrawTitle')}
        keepLabel={t('member.applications.keep')}
        confirmLabel={t('member.applications.confirmWithdraw')}
        loading={withdraw.isPending}
        onConfirm={() => withdraw.mutate({ path: { applicationId: application.id } })}
      >
        {t('member.applications.withdrawBody', { group: application.groupName })}
      </ConfirmModal>
    </Card>
  );
}

/** The firm's applications to groups, newest first, with where each stands. */
export default function ApplicationsPage() {
  const t = useT();
  const applications = useQuery(
    wholeList(applicationsListMineQueryKey({ query: { order: 'desc' } }), (paging, signal) =>
      applicationsListMine({ query: { order: 'desc', ...paging }, signal, throwOnError: true }),
    ),
  );
  return (
    <>
      <PageHeader title={t('member.applications.title')} subtitle={t('member.applications.subtitle')} />
      <QueryView
        query={applications}
        isEmpty={(page) => page.items.length === 0}
        empty={
          <>
            {t('member.applications.empty')}{' '}
            <Anchor component={Link} to="/groups">
              {t('member.sessions.browseGroups')}
            </Anchor>
          </>
        }
      >
        {(page) => (
          <Stack gap="md">
            {page.items.map((application) => (
              <ApplicationCard key={application.id} application={application} />
            ))}
          </Stack>
        )}
      </QueryView>
    </>
  );
}
