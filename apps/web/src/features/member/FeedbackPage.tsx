import { Alert, Anchor, Button, Card, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  attendanceMineOptions,
  feedbackCreateMutation,
  FeedbackDto,
  feedbackMine,
  feedbackMineQueryKey,
  meetingsGetOptions,
} from '@roundtable/api-client';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { isProblem } from '../../app/api';
import { showApiErrors } from '../../components/forms';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';

const USEFULNESS = [1, 2, 3, 4, 5];
const RECOMMEND = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const MAX_COMMENT = 2000;

/** The viewer's own feedback on the meeting, or null when they have not given any yet (404 feedback_not_found). */
const myFeedbackQuery = (meetingId: string) =>
  queryOptions({
    queryKey: feedbackMineQueryKey({ path: { meetingId } }),
    queryFn: async ({ signal }): Promise<FeedbackDto | null> => {
      try {
        return (await feedbackMine({ path: { meetingId }, signal, throwOnError: true })).data;
      } catch (error) {
        if (isProblem(error) && error.code === 'feedback_not_found') return null;
        throw error;
      }
    },
  });

/** What the person gave, so they see it rather than an empty form they cannot send again. */
function GivenFeedback({ feedback, justNow }: { feedback: FeedbackDto; justNow: boolean }) {
  const t = useT();
  return (
    <Alert
      color="teal"
      variant="light"
      role="status"
      title={justNow ? t('member.feedback.thanks') : t('member.feedback.already')}
    >
      <Stack gap="xs" data-testid="my-feedback">
        {justNow && <Text size="sm">{t('member.feedback.thanksBody')}</Text>}
        <Text size="sm">{t('member.feedback.givenUsefulness', { score: feedback.usefulness })}</Text>
        <Text size="sm">{t('member.feedback.givenRecommend', { score: feedback.wouldRecommend })}</Text>
        {feedback.comment && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {feedback.comment}
          </Text>
        )}
        <Anchor component={Link} to="/sessions" size="sm">
          {t('member.feedback.toSessions')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

interface Values {
  usefulness: string;
  wouldRecommend: string;
  comment: string;
}

function FeedbackForm({ meetingId, onGiven }: { meetingId: string; onGiven: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { usefulness: '', wouldRecommend: '', comment: '' },
    validate: {
      usefulness: (v) => (v ? null : t('member.feedback.usefulnessRequired')),
      wouldRecommend: (v) => (v ? null : t('member.feedback.recommendRequired')),
    },
  });
  const give = useMutation({
    ...feedbackCreateMutation(),
    onSuccess: (feedback) => {
      onGiven();
      queryClient.setQueryData(myFeedbackQuery(meetingId).queryKey, feedback);
    },
    onError: async (error) => {
      // Given meanwhile (another tab): show what is on record.
      if (isProblem(error) && error.code === 'feedback_exists')
        return queryClient.invalidateQueries({ queryKey: myFeedbackQuery(meetingId).queryKey });
      setProblem(showApiErrors(form, error, t('member.feedback.failed')));
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setProblem(null);
        give.mutate({
          path: { meetingId },
          body: {
            usefulness: Number(values.usefulness),
            wouldRecommend: Number(values.wouldRecommend),
            ...(values.comment.trim() ? { comment: values.comment.trim() } : {}),
          },
        });
      })}
    >
      <Stack gap="lg">
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        <Radio.Group
          label={t('member.feedback.usefulness')}
          description={t('member.feedback.usefulnessHint')}
          required
          {...form.getInputProps('usefulness')}
        >
          <Group gap="md" mt="xs">
            {USEFULNESS.map((n) => (
              <Radio key={n} value={String(n)} label={String(n)} />
            ))}
          </Group>
        </Radio.Group>
        <Radio.Group
          label={t('member.feedback.recommend')}
          description={t('member.feedback.recommendHint')}
          required
          {...form.getInputProps('wouldRecommend')}
        >
          <Group gap="md" mt="xs">
            {RECOMMEND.map((n) => (
              <Radio key={n} value={String(n)} label={String(n)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('member.feedback.comment')}
          autosize
          minRows={3}
          maxLength={MAX_COMMENT}
          {...form.getInputProps('comment')}
        />
        <Group>
          <Button type="submit" loading={give.isPending}>
            {t('member.feedback.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** After a session (the link in the post-meeting email): how useful it was, and would they recommend it. */
export default function FeedbackPage() {
  const t = useT();
  const { meetingId } = useParams({ strict: false }) as { meetingId: string };
  const meeting = useQuery(meetingsGetOptions({ path: { meetingId } }));
  const attendance = useQuery(attendanceMineOptions({ path: { meetingId } }));
  const mine = useQuery(myFeedbackQuery(meetingId));
  const [justGiven, setJustGiven] = useState(false);
  const attended = attendance.data?.status === 'present' || attendance.data?.status === 'late';
  return (
    <>
      <PageHeader
        title={t('member.feedback.title')}
        subtitle={
          meeting.data ? (
            <>
              {meeting.data.title} · <MeetingTimeText startsAt={meeting.data.startsAt} timezone={meeting.data.timezone} />
            </>
          ) : undefined
        }
      />
      <QueryView query={meeting}>
        {() => (
          <QueryView query={attendance}>
            {() => (
              <QueryView query={mine}>
                {(given) => (
                  <Card withBorder padding="md" maw={640}>
                    {given ? (
                      <GivenFeedback feedback={given} justNow={justGiven} />
                    ) : attended ? (
                      <FeedbackForm meetingId={meetingId} onGiven={() => setJustGiven(true)} />
                    ) : (
                      <Text size="sm">
                        {attendance.data?.status ? t('member.feedback.notAttended') : t('member.feedback.notRecorded')}
                      </Text>
                    )}
                  </Card>
                )}
              </QueryView>
            )}
          </QueryView>
        )}
      </QueryView>
    </>
  );
}
