import { Alert, Anchor, Button, Card, Group, Modal, Radio, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  CommitmentDto,
  commitmentsMine,
  commitmentsMineQueryKey,
  commitmentsUpdateMutation,
  CommitmentStatus,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useViewer } from '../../app/session';
import { showApiErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { StatusBadge, Tone } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { wholeList } from '../../lib/paging';
import { formatCalendarDate, formatDate } from '../../lib/time';
import { invalidateCommitments } from './queries';

const STATUSES: CommitmentStatus[] = ['open', 'done', 'partly', 'dropped'];
const TONES: Record<CommitmentStatus, Tone> = { open: 'pending', done: 'success', partly: 'waiting', dropped: 'neutral' };
const MAX_OUTCOME = 2000;

function UpdateForm({ commitment, onDone }: { commitment: CommitmentDto; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { status: commitment.status, outcome: commitment.outcome ?? '' },
  });
  const update = useMutation({
    ...commitmentsUpdateMutation(),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('member.actions.updated') });
      onDone();
      await invalidateCommitments(queryClient);
    },
    onError: (error) => setProblem(showApiErrors(form, error, t('member.actions.failed'))),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setProblem(null);
        update.mutate({
          path: { commitmentId: commitment.id },
          body: { status: values.status, outcome: values.outcome.trim() === '' ? null : values.outcome.trim() },
        });
      })}
    >
      <Stack>
        <Text size="sm" fw={500}>
          {commitment.text}
        </Text>
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        <Radio.Group label={t('member.actions.status')} {...form.getInputProps('status')}>
          <Stack gap="xs" mt="xs">
            {STATUSES.map((status) => (
              <Radio key={status} value={status} label={t(`commitmentStatus.${status}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('member.actions.outcome')}
          description={t('member.actions.outcomeHint')}
          autosize
          minRows={3}
          maxLength={MAX_OUTCOME}
          {...form.getInputProps('outcome')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('action.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('action.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommitmentCard({ commitment }: { commitment: CommitmentDto }) {
  const t = useT();
  const viewer = useViewer();
  const textId = useId();
  const [editing, setEditing] = useState(false);
  const overdue =
    commitment.status === 'open' && commitment.dueDate && commitment.dueDate < new Date().toISOString().slice(0, 10);
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={textId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={600} id={textId}>
            {commitment.text}
          </Text>
          <StatusBadge tone={TONES[commitment.status]}>{t(`commitmentStatus.${commitment.status}`)}</StatusBadge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('member.actions.madeAt', { date: formatDate(commitment.meeting.startsAt, viewer.timezone) })}{' '}
          <Anchor component={Link} to={`/meetings/${commitment.meeting.id}`} size="sm">
            {commitment.meeting.title}
          </Anchor>
        </Text>
        {(commitment.dueDate || commitment.theme) && (
          <Group gap="md">
            {commitment.dueDate && (
              <Text size="sm" fw={overdue ? 700 : undefined} c={overdue ? 'red.9' : undefined}>
                {overdue
                  ? t('member.actions.overdue', { date: formatCalendarDate(commitment.dueDate) })
                  : t('member.actions.due', { date: formatCalendarDate(commitment.dueDate) })}
              </Text>
            )}
            {commitment.theme && (
              <Text size="sm">{t('member.actions.theme', { theme: t(`commitmentTheme.${commitment.theme}`) })}</Text>
            )}
          </Group>
        )}
        {commitment.outcome && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('member.actions.outcomeShown', { outcome: commitment.outcome })}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            onClick={() => setEditing(true)}
            aria-label={t('member.actions.updateNamed', { text: commitment.text })}
          >
            {t('member.actions.update')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('member.actions.updateTitle')} centered>
        <UpdateForm commitment={commitment} onDone={() => setEditing(false)} />
      </Modal>
    </Card>
  );
}

type Show = 'open' | 'all';

/** What a member said they would do, from every session: report progress before the next one. */
export default function ActionsPage() {
  const t = useT();
  const [show, setShow] = useState<Show>('open');
  const query = { order: 'desc' as const, ...(show === 'open' ? { status: 'open' as const } : {}) };
  // Every commitment, page after page: a long-standing member's list is never cut off.
  const commitments = useQuery(
    wholeList(commitmentsMineQueryKey({ query }), (paging, signal) =>
      commitmentsMine({ query: { ...query, ...paging }, signal, throwOnError: true }),
    ),
  );
  return (
    <>
      <PageHeader title={t('member.actions.title')} subtitle={t('member.actions.subtitle')} />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('member.actions.filter')}
          value={show}
          onChange={(value) => setShow(value as Show)}
          data={[
            { value: 'open', label: t('member.actions.showOpen') },
            { value: 'all', label: t('member.actions.showAll') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <QueryView
          query={commitments}
          isEmpty={(page) => page.items.length === 0}
          empty={show === 'open' ? t('member.actions.emptyOpen') : t('member.actions.empty')}
        >
          {(page) => (
            <Stack gap="md">
              {page.items.map((commitment) => (
                <CommitmentCard key={commitment.id} commitment={commitment} />
              ))}
            </Stack>
          )}
        </QueryView>
      </Stack>
    </>
  );
}
