import { Alert, Button, Card, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  CreateSeriesDto,
  groupsGetOptions,
  meetingsCreateGroupMeetingMutation,
  meetingsCreateGroupSeriesMutation,
  meetingsPreviewGroupSeriesMutation,
  programmesGetOptions,
  SeriesPreviewDto,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { fieldErrors } from '../../app/api';
import { useViewer } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { meetingTime } from '../../lib/time';
import { invalidateGroupMeetings } from './queries';
import { localStartOf, MeetingFields, MeetingFormValues, placeMeetingErrors } from './MeetingFields';
import { buildRrule, defaultSeriesChoice, SeriesChoice } from './rrule';
import { SeriesBuilder } from './SeriesBuilder';

/** Schedule one meeting or a recurring series from one form; a series' dates are previewed before saving. */
export default function SchedulePage() {
  const t = useT();
  const { groupId } = useParams({ strict: false }) as { groupId: string };
  const group = useQuery(groupsGetOptions({ path: { groupId } }));
  const programme = useQuery({
    ...programmesGetOptions({ path: { programmeId: group.data?.programmeId ?? '' } }),
    enabled: Boolean(group.data),
  });
  return (
    <>
      <PageHeader title={t('facilitator.schedule.title')} subtitle={group.data?.name} />
      <QueryView query={group}>
        {(g) => (programme.isPending ? null : <ScheduleForm groupId={g.id} zone={programme.data?.timezone ?? 'Europe/London'} />)}
      </QueryView>
    </>
  );
}

function ScheduleForm({ groupId, zone }: { groupId: string; zone: string }) {
  const t = useT();
  const viewer = useViewer();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [repeat, setRepeat] = useState<'once' | 'series'>('once');
  const [choice, setChoice] = useState<SeriesChoice>(defaultSeriesChoice);
  const [formError, setFormError] = useState<string | null>(null);
  const [ruleError, setRuleError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; dates: SeriesPreviewDto } | null>(null);
  const form = useForm<MeetingFormValues>({
    mode: 'controlled',
    initialValues: {
      title: '',
      agenda: '',
      date: '',
      time: '09:30',
      timezone: zone,
      durationMinutes: 180,
      mode: '',
      venue: '',
      onlineLink: '',
      capacity: '',
    },
    validate: {
      title: (v) => (v.trim() ? null : t('facilitator.meeting.titleRequired')),
      date: (v) => (v ? null : t('facilitator.meeting.dateRequired')),
      time: (v) => (v ? null : t('facilitator.meeting.timeRequired')),
      durationMinutes: (v) => (Number(v) >= 15 && Number(v) <= 720 ? null : t('facilitator.meeting.durationRange')),
    },
  });
  const v = form.getValues();
  const rule = buildRrule(choice);
  const body = (): CreateSeriesDto => ({
    title: v.title.trim(),
    ...(v.agenda.trim() && { agenda: v.agenda.trim() }),
    localStart: localStartOf(v),
    timezone: v.timezone,
    durationMinutes: Number(v.durationMinutes),
    ...(v.mode && { mode: v.mode }),
    ...(v.venue.trim() && { venue: v.venue.trim() }),
    ...(v.onlineLink.trim() && { onlineLink: v.onlineLink.trim() }),
    ...(v.capacity !== '' && { capacity: Number(v.capacity) }),
    rrule: rule.rrule ?? '',
  });
  const key = JSON.stringify(body());
  const fresh = preview?.key === key ? preview.dates : null;

  const onError = (error: unknown) => {
    setFormError(placeMeetingErrors(form, error, t('facilitator.schedule.notSaved'), ['rrule']));
    setRuleError(fieldErrors(error).rrule ?? null);
  };
  const done = async (count: number) => {
    await invalidateGroupMeetings(queryClient);
    notifications.show({ color: 'green', message: t('facilitator.schedule.scheduled', { count }) });
    await navigate({ to: `/groups/${groupId}` });
  };
  const previewSeries = useMutation({
    ...meetingsPreviewGroupSeriesMutation(),
    onSuccess: (dates, vars) => setPreview({ key: JSON.stringify(vars.body), dates }),
    onError,
  });
  const createSeries = useMutation({
    ...meetingsCreateGroupSeriesMutation(),
    onSuccess: (series) => done(series.meetings.length),
    onError,
  });
  const createOne = useMutation({ ...meetingsCreateGroupMeetingMutation(), onSuccess: () => done(1), onError });

  const submit = form.onSubmit(() => {
    setFormError(null);
    setRuleError(null);
    const { rrule, ...one } = body();
    if (repeat === 'once') return createOne.mutate({ path: { groupId }, body: one });
    if (!rrule) return;
    if (!fresh) return previewSeries.mutate({ path: { groupId }, body: body() });
    createSeries.mutate({ path: { groupId }, body: body() });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={640}>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="repeat-label">
            {t('facilitator.schedule.repeat')}
          </Text>
          <SegmentedControl
            aria-labelledby="repeat-label"
            value={repeat}
            onChange={(r) => setRepeat(r as 'once' | 'series')}
            data={[
              { value: 'once', label: t('facilitator.schedule.once') },
              { value: 'series', label: t('facilitator.schedule.series') },
            ]}
          />
        </Stack>
        <MeetingFields form={form} dateLabel={repeat === 'series' ? t('facilitator.schedule.startingFrom') : undefined} />
        {repeat === 'series' && (
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('facilitator.schedule.recurrence')}
              </Title>
              <SeriesBuilder value={choice} onChange={setChoice} />
              {ruleError && (
                <Text c="red.8" size="sm" role="alert">
                  {ruleError}
                </Text>
              )}
            </Stack>
          </Card>
        )}
        {repeat === 'series' && fresh && (
          <Card withBorder padding="md" data-testid="series-preview">
            <Title order={2} size="h4" mb="xs">
              {t('facilitator.schedule.previewTitle', { count: fresh.occurrences.length })}
            </Title>
            <List size="sm" spacing={2} type="ordered">
              {fresh.occurrences.map((o) => {
                const time = meetingTime(o.startsAt, fresh.timezone, viewer.timezone);
                return (
                  <List.Item key={o.startsAt}>
                    <time dateTime={o.startsAt}>{time.viewer}</time>
                    {time.local && <Text span c="dimmed" size="sm">{` (${time.local})`}</Text>}
                  </List.Item>
                );
              })}
            </List>
          </Card>
        )}
        {repeat === 'series' && preview && !fresh && (
          <Alert color="yellow" variant="light">
            {t('facilitator.schedule.previewStale')}
          </Alert>
        )}
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Group>
          {repeat === 'once' ? (
            <Button type="submit" loading={createOne.isPending}>
              {t('facilitator.schedule.scheduleOne')}
            </Button>
          ) : fresh ? (
            <Button type="submit" loading={createSeries.isPending}>
              {t('facilitator.schedule.scheduleSeries', { count: fresh.occurrences.length })}
            </Button>
          ) : (
            <Button type="submit" loading={previewSeries.isPending} disabled={Boolean(rule.error)}>
              {t('facilitator.schedule.preview')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
