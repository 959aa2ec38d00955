import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  CommitmentDto,
  CommitmentStatus,
  commitmentsCreateMutation,
  commitmentsListForMeetingOptions,
  commitmentsListForMeetingQueryKey,
  commitmentsReviewOptions,
  commitmentsReviewQueryKey,
  commitmentsUpdateMutation,
  attendanceRosterOptions,
  MeetingDto,
  meetingsGetOptions,
  notesCreateMutation,
  notesListOptions,
  notesListQueryKey,
} from '@roundtable/api-client';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { showApiErrors } from '../../components/forms';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { PageHeader } from '../../components/PageHeader';
import { Loading, QueryView, useProblemText } from '../../components/states';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { AttendanceRoster } from './AttendanceRoster';

/** Running a session from a phone: last time's commitments, attendance, new commitments, private notes. */
export default function RunSessionPage() {
  const t = useT();
  const { meetingId } = useParams({ strict: false }) as { meetingId: string };
  const path = { path: { meetingId } };
  const meeting = useQuery(meetingsGetOptions(path));
  // Everything the page shows is asked for at once, and the page appears when all of it is here: one paint, no
  // sections jumping down the screen as each arrives (the sections below read the same queries from the cache).
  const parts = useQueries({
    queries: [
      commitmentsReviewOptions(path),
      attendanceRosterOptions(path),
      commitmentsListForMeetingOptions(path),
      notesListOptions(path),
    ],
  });
  if (meeting.isPending || parts.some((part) => part.isPending)) return <Loading />;
  return (
    <>
      <PageHeader
        title={meeting.data ? t('facilitator.run.title', { title: meeting.data.title }) : t('facilitator.run.titleLoading')}
        subtitle={meeting.data && <MeetingTimeText startsAt={meeting.data.startsAt} timezone={meeting.data.timezone} />}
        actions={
          meeting.data?.groupId && (
            <Anchor component={Link} to={`/groups/${meeting.data.groupId}`} size="sm">
              {t('facilitator.run.backToGroup')}
            </Anchor>
          )
        }
      />
      <QueryView query={meeting}>
        {(m) => (
          <Stack gap="xl">
            <Section title={t('facilitator.review.title')}>
              <Review meeting={m} />
            </Section>
            <Section title={t('facilitator.attendance.title')}>
              <AttendanceRoster meeting={m} />
            </Section>
            <Section title={t('facilitator.commitments.title')}>
              <NewCommitments meeting={m} />
            </Section>
            <Section title={t('facilitator.notes.title')}>
              <Notes meeting={m} />
            </Section>
          </Stack>
        )}
      </QueryView>
    </>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const REVIEWED: Exclude<CommitmentStatus, 'open'>[] = ['done', 'partly', 'dropped'];

/** Commitments made at earlier sessions and still open: each marked done, partly or dropped in one tap. */
function Review({ meeting }: { meeting: MeetingDto }) {
  const t = useT();
  const problem = useProblemText();
  const queryClient = useQueryClient();
  const review = useQuery(commitmentsReviewOptions({ path: { meetingId: meeting.id } }));
  // Reviewed here and now: kept on screen (the review list only holds open ones) so a slip can be corrected.
  const [reviewed, setReviewed] = useState<Record<string, CommitmentStatus>>({});
  const [kept, setKept] = useState<CommitmentDto[]>([]);
  const update = useMutation({
    ...commitmentsUpdateMutation(),
    onMutate: ({ path, body }) => {
      const before = reviewed[path.commitmentId];
      setReviewed((r) => ({ ...r, [path.commitmentId]: body.status as CommitmentStatus }));
      return { before };
    },
    onError: (error, { path }, context) => {
      setReviewed((r) => {
        const next = { ...r };
        if (context?.before) next[path.commitmentId] = context.before;
        else delete next[path.commitmentId];
        return next;
      });
      notifications.show({ color: 'red', title: t('facilitator.review.notSaved'), message: problem(error) });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: commitmentsReviewQueryKey({ path: { meetingId: meeting.id } }) }),
  });
  return (
    <QueryView query={review} isEmpty={(items) => items.length === 0 && kept.length === 0} empty={t('facilitator.review.empty')}>
      {(items) => {
        const shown = [...kept.filter((k) => !items.some((i) => i.id === k.id)), ...items];
        return (
          <Stack gap="xs">
            {shown.map((c) => (
              <Card key={c.id} withBorder padding="sm" data-testid="review-item">
                <Stack gap={6}>
                  <div>
                    <Text fw={500} size="sm" id={`commitment-${c.id}`}>
                      {c.userName}
                      {c.firmName && (
                        <Text span c="dimmed" size="xs">
                          {' · '}
                          {c.firmName}
                        </Text>
                      )}
                    </Text>
                    <Text size="sm">{c.text}</Text>
                    <Text size="xs" c="dimmed">
                      {t('facilitator.review.madeAt', { title: c.meeting.title })}
                    </Text>
                  </div>
                  <SegmentedControl
                    fullWidth
                    size="xs"
                    aria-labelledby={`commitment-${c.id}`}
                    value={reviewed[c.id] ?? ''}
                    onChange={(status) => {
                      setKept((k) => (k.some((x) => x.id === c.id) ? k : [...k, c]));
                      update.mutate({
                        path: { commitmentId: c.id },
                        body: { status: status as CommitmentStatus, reviewedMeetingId: meeting.id },
                      });
                    }}
                    data={REVIEWED.map((s) => ({ value: s, label: t(`commitmentStatus.${s}`) }))}
                  />
                </Stack>
              </Card>
            ))}
          </Stack>
        );
      }}
    </QueryView>
  );
}

/** A new commitment for someone on the roster, and the ones made at this session so far. */
function NewCommitments({ meeting }: { meeting: MeetingDto }) {
  const t = useT();
  const queryClient = useQueryClient();
  const roster = useQuery(attendanceRosterOptions({ path: { meetingId: meeting.id } }));
  const made = useQuery(commitmentsListForMeetingOptions({ path: { meetingId: meeting.id } }));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { userId: '', text: '', dueDate: '' },
    validate: {
      userId: (v) => (v ? null : t('facilitator.commitments.chooseMember')),
      text: (v) => (v.trim() ? null : t('facilitator.commitments.textRequired')),
    },
  });
  const create = useMutation({
    ...commitmentsCreateMutation(),
    onSuccess: async () => {
      form.setFieldValue('text', '');
      form.setFieldValue('dueDate', '');
      notifications.show({ color: 'green', message: t('facilitator.commitments.added') });
      await queryClient.invalidateQueries({ queryKey: commitmentsListForMeetingQueryKey({ path: { meetingId: meeting.id } }) });
    },
    onError: (error) => setFormError(showApiErrors(form, error, t('facilitator.commitments.notSaved'))),
  });
  return (
    <Stack gap="sm">
      <form
        onSubmit={form.onSubmit((v) => {
          setFormError(null);
          create.mutate({
            path: { meetingId: meeting.id },
            body: { userId: v.userId, text: v.text.trim(), ...(v.dueDate && { dueDate: v.dueDate }) },
          });
        })}
        noValidate
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('facilitator.commitments.member')}
            data={[
              { value: '', label: t('facilitator.commitments.chooseMember') },
              ...(roster.data ?? []).map((p) => ({
                value: p.userId,
                label: p.firmName ? `${p.name} · ${p.firmName}` : p.name,
              })),
            ]}
            {...form.getInputProps('userId')}
          />
          <Textarea
            label={t('facilitator.commitments.text')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('text')}
          />
          <TextInput type="date" label={t('facilitator.commitments.dueDate')} {...form.getInputProps('dueDate')} />
          {formError && (
            <Text c="red.8" size="sm" role="alert">
              {formError}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('facilitator.commitments.add')}
            </Button>
          </Group>
        </Stack>
      </form>
      <QueryView query={made} isEmpty={(items) => items.length === 0} empty={t('facilitator.commitments.none')}>
        {(items) => (
          <Stack
            gap={4}
            component="ul"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-label={t('facilitator.commitments.madeHere')}
          >
            {items.map((c) => (
              <Text component="li" size="sm" key={c.id} data-testid="made-commitment">
                <strong>{c.userName}</strong>: {c.text}
              </Text>
            ))}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

/** The facilitator's private notes on the session: only the meeting's staff can read them. */
function Notes({ meeting }: { meeting: MeetingDto }) {
  const t = useT();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const notes = useQuery(notesListOptions({ path: { meetingId: meeting.id } }));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { body: '' },
    validate: { body: (v) => (v.trim() ? null : t('facilitator.notes.required')) },
  });
  const create = useMutation({
    ...notesCreateMutation(),
    onSuccess: async () => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: notesListQueryKey({ path: { meetingId: meeting.id } }) });
    },
    onError: (error) => setFormError(showApiErrors(form, error, t('facilitator.notes.notSaved'))),
  });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('facilitator.notes.private')}
      </Text>
      <QueryView query={notes} isEmpty={(items) => items.length === 0} empty={t('facilitator.notes.empty')}>
        {(items) => (
          <Stack gap="xs">
            {items.map((n) => (
              <Card key={n.id} withBorder padding="sm" data-testid="note">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.body}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('facilitator.notes.by', { name: n.authorName ?? '—', when: formatDateTime(n.createdAt, viewer.timezone) })}
                </Text>
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
      <form
        onSubmit={form.onSubmit((v) => {
          setFormError(null);
          create.mutate({ path: { meetingId: meeting.id }, body: { body: v.body.trim() } });
        })}
        noValidate
      >
        <Stack gap="sm">
          <Textarea label={t('facilitator.notes.new')} autosize minRows={3} {...form.getInputProps('body')} />
          {formError && (
            <Text c="red.8" size="sm" role="alert">
              {formError}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('facilitator.notes.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
