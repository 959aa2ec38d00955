import { Alert, Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  ApplicationDto,
  applicationsApproveMutation,
  applicationsGetOptions,
  applicationsRejectMutation,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { fieldErrors, isProblem } from '../../app/api';
import { useViewer } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { ApplicationStatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/time';
import { ALERT_STYLES } from '../facilitator/GroupHealth';
import { invalidateApplications } from '../facilitator/queries';
import { APPLICATION_QUESTIONS } from '../member/ApplyButton';

/** The answers are stored by question key; the application form's own wording is shown for the keys it asks. */
const isKnownQuestion = (key: string): key is (typeof APPLICATION_QUESTIONS)[number] =>
  (APPLICATION_QUESTIONS as readonly string[]).includes(key);

/**
 * An application, opened from the "application received" email: its reviewers read the answers and the
 * competitor screening and decide with a message; the applicant firm's people see where it stands.
 */
export default function ApplicationPage() {
  const t = useT();
  const { applicationId } = useParams({ strict: false }) as { applicationId: string };
  const application = useQuery(applicationsGetOptions({ path: { applicationId } }));
  return (
    <>
      <PageHeader
        title={
          application.data
            ? t('facilitator.application.title', { firm: application.data.firm.name })
            : t('facilitator.application.loading')
        }
        subtitle={
          application.data && (
            <Anchor component={Link} to={`/groups/${application.data.groupId}`} inherit>
              {application.data.groupName}
            </Anchor>
          )
        }
      />
      <QueryView query={application}>{(a) => <ApplicationView application={a} />}</QueryView>
    </>
  );
}

function ApplicationView({ application: a }: { application: ApplicationDto }) {
  const t = useT();
  const viewer = useViewer();
  // The screening is null for the applicant firm's own people: it describes a roster they may not see.
  const reviewer = a.competitorConflict !== null && viewer.firmId !== a.firm.id;
  const answers = Object.entries(a.answers);
  return (
    <Stack gap="lg" maw={720}>
      <Group gap="sm">
        <ApplicationStatusBadge status={a.status} size="lg" data-testid="application-status" />
        <Text size="sm" c="dimmed">
          {t('facilitator.application.applied', { name: a.applicant.name, date: formatDateTime(a.createdAt, viewer.timezone) })}
        </Text>
      </Group>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('facilitator.application.firm')}
        </Title>
        <Text size="sm">{a.firm.name}</Text>
        <Text size="sm" c="dimmed">
          {t('facilitator.application.firmFacts', { sic: a.firm.sicCode, area: a.firm.localAuthorityCode })} ·{' '}
          {t('employeeBand', { band: a.firm.employeeBand })}
        </Text>
      </Card>
      {reviewer && <Conflict application={a} />}
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('facilitator.application.answers')}
        </Title>
        {answers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('facilitator.application.noAnswers')}
          </Text>
        ) : (
          <Stack gap="sm" component="dl" m={0}>
            {answers.map(([question, answer]) => (
              <div key={question}>
                <Text component="dt" size="sm" fw={500}>
                  {isKnownQuestion(question) ? t(`member.apply.${question}`) : question}
                </Text>
                <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap' }}>
                  {answer}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </Card>
      {a.status !== 'pending' && (
        <Card withBorder padding="md" data-testid="decision">
          <Title order={2} size="h4" mb="xs">
            {t('facilitator.application.decision')}
          </Title>
          <Text size="sm">
            {t('facilitator.application.decidedBy', {
              status: t(`applicationStatus.${a.status}`),
              name: a.decidedBy?.name ?? '—',
              date: a.decidedAt ? formatDate(a.decidedAt, viewer.timezone) : '—',
            })}
          </Text>
          {a.decisionNote && (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {a.decisionNote}
            </Text>
          )}
        </Card>
      )}
      {a.status === 'pending' &&
        (reviewer ? <Decide application={a} /> : <Text size="sm">{t('facilitator.application.waiting')}</Text>)}
    </Stack>
  );
}

function Conflict({ application: a }: { application: ApplicationDto }) {
  const t = useT();
  if (!a.competitorConflict) {
    return (
      <Alert color="green" variant="light" title={t('facilitator.application.noConflict')} styles={ALERT_STYLES}>
        {t('facilitator.application.noConflictExplain')}
      </Alert>
    );
  }
  const firms = a.conflictingFirms ?? [];
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('facilitator.application.conflict')}
      data-testid="conflict"
      styles={ALERT_STYLES}
    >
      <Stack gap={4}>
        <Text size="sm">{t('facilitator.application.conflictExplain')}</Text>
        {firms.length > 0 && (
          <Text size="sm" fw={500}>
            {t('facilitator.application.conflictWith', { firms: firms.map((f) => f.name).join(', ') })}
          </Text>
        )}
        <Text size="sm">{t('facilitator.application.conflictAdvice')}</Text>
      </Stack>
    </Alert>
  );
}

function Decide({ application: a }: { application: ApplicationDto }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ field?: string; top?: string } | null>(null);
  const handlers = (done: string) => ({
    onSuccess: async () => {
      setNote('');
      await invalidateApplications(queryClient);
      notifications.show({ color: 'green', message: done });
    },
    onError: (e: unknown) => {
      const field = fieldErrors(e).note;
      setError(field ? { field } : { top: isProblem(e) ? e.message : t('facilitator.application.failed') });
    },
  });
  const approve = useMutation({ ...applicationsApproveMutation(), ...handlers(t('facilitator.application.approved')) });
  const reject = useMutation({ ...applicationsRejectMutation(), ...handlers(t('facilitator.application.rejected')) });
  const body = { path: { applicationId: a.id }, body: note.trim() ? { note: note.trim() } : {} };
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('facilitator.application.decide')}
        </Title>
        <Textarea
          label={t('facilitator.application.note')}
          description={t('facilitator.application.noteHint')}
          autosize
          minRows={3}
          maxLength={2000}
          value={note}
          error={error?.field}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {error?.top && (
          <Alert color="red" variant="light" role="alert">
            {error.top}
          </Alert>
        )}
        <Group>
          <Button
            loading={approve.isPending}
            disabled={reject.isPending}
            onClick={() => {
              setError(null);
              approve.mutate(body);
            }}
          >
            {t('facilitator.application.approve')}
          </Button>
          <Button
            variant="outline"
            color="red.9"
            loading={reject.isPending}
            disabled={approve.isPending}
            onClick={() => {
              setError(null);
              reject.mutate(body);
            }}
          >
            {t('facilitator.application.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
