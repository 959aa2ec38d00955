import { Alert, Anchor, Badge, Button, Group, Radio, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { ChangeScope, MeetingDto, meetingsGetOptions, meetingsUpdateMutation, UpdateMeetingDto } from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { CancelMeetingModal } from './CancelMeetingModal';
import { localStartOf, MeetingFields, MeetingFormValues, placeMeetingErrors } from './MeetingFields';
import { invalidateGroupMeetings } from './queries';

/** Change one meeting, or it and the rest of its series; or cancel it with a message. */
export default function EditMeetingPage() {
  const t = useT();
  const { meetingId } = useParams({ strict: false }) as { meetingId: string };
  const meeting = useQuery(meetingsGetOptions({ path: { meetingId } }));
  return (
    <>
      <PageHeader
        title={t('facilitator.edit.title')}
        subtitle={meeting.data && <MeetingTimeText startsAt={meeting.data.startsAt} timezone={meeting.data.timezone} />}
      />
      <QueryView query={meeting}>{(m) => <EditForm key={`${m.id}-${m.icalSequence}`} meeting={m} />}</QueryView>
    </>
  );
}

const valuesOf = (m: MeetingDto): MeetingFormValues => ({
  title: m.title,
  agenda: m.agenda,
  date: m.localStart.slice(0, 10),
  time: m.localStart.slice(11, 16),
  timezone: m.timezone,
  durationMinutes: m.durationMinutes,
  mode: m.mode,
  venue: m.venue ?? '',
  onlineLink: m.onlineLink ?? '',
  capacity: m.capacity,
});

function EditForm({ meeting }: { meeting: MeetingDto }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<ChangeScope>('this');
  const [formError, setFormError] = useState<string | null>(null);
  const [cancelOpened, cancelModal] = useDisclosure();
  const initial = valuesOf(meeting);
  const form = useForm<MeetingFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      title: (v) => (v.trim() ? null : t('facilitator.meeting.titleRequired')),
      date: (v) => (v ? null : t('facilitator.meeting.dateRequired')),
      time: (v) => (v ? null : t('facilitator.meeting.timeRequired')),
      durationMinutes: (v) => (Number(v) >= 15 && Number(v) <= 720 ? null : t('facilitator.meeting.durationRange')),
    },
  });
  const back = () =>
    meeting.groupId ? navigate({ to: `/groups/${meeting.groupId}` }) : navigate({ to: `/meetings/${meeting.id}` });
  const update = useMutation({
    ...meetingsUpdateMutation(),
    onSuccess: async () => {
      await invalidateGroupMeetings(queryClient);
      notifications.show({ color: 'green', message: t('facilitator.edit.saved') });
      await back();
    },
    onError: (error) => setFormError(placeMeetingErrors(form, error, t('facilitator.edit.notSaved'))),
  });
  // Only what changed is sent: an untouched field must not overwrite a change made meanwhile.
  const changes = (v: MeetingFormValues): UpdateMeetingDto => {
    const out: UpdateMeetingDto = {};
    if (v.title.trim() !== initial.title) out.title = v.title.trim();
    if (v.agenda !== initial.agenda) out.agenda = v.agenda;
    if (localStartOf(v) !== localStartOf(initial)) out.localStart = localStartOf(v);
    if (v.timezone !== initial.timezone) out.timezone = v.timezone;
    if (Number(v.durationMinutes) !== initial.durationMinutes) out.durationMinutes = Number(v.durationMinutes);
    if (v.mode && v.mode !== initial.mode) out.mode = v.mode;
    if (v.venue.trim() !== initial.venue) out.venue = v.venue.trim() || null;
    if (v.onlineLink.trim() !== initial.onlineLink) out.onlineLink = v.onlineLink.trim() || null;
    if (v.capacity !== '' && Number(v.capacity) !== initial.capacity) out.capacity = Number(v.capacity);
    return out;
  };
  const editable = meeting.status !== 'cancelled';
  return (
    <Stack gap="lg" maw={640}>
      {!editable && (
        <Alert color="gray" variant="light">
          {t('facilitator.edit.cancelled', { message: meeting.cancellationMessage ?? '' })}
        </Alert>
      )}
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFormError(null);
          const body = changes(v);
          if (Object.keys(body).length === 0) return setFormError(t('facilitator.edit.nothing'));
          update.mutate({ path: { meetingId: meeting.id }, body: { ...body, ...(meeting.seriesId && { scope }) } });
        })}
      >
        <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="lg">
            <MeetingFields form={form} />
            {meeting.seriesId && (
              <Radio.Group label={t('facilitator.scope.label')} value={scope} onChange={(s) => setScope(s as ChangeScope)}>
                <Stack gap={6} mt={6}>
                  <Radio value="this" label={t('facilitator.scope.thisEdit')} />
                  <Radio value="following" label={t('facilitator.scope.followingEdit')} />
                </Stack>
              </Radio.Group>
            )}
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            <Group justify="space-between">
              <Group>
                <Button type="submit" loading={update.isPending}>
                  {t('action.save')}
                </Button>
                {meeting.groupId && (
                  <Anchor component={Link} to={`/groups/${meeting.groupId}`} size="sm">
                    {t('action.back')}
                  </Anchor>
                )}
              </Group>
              {meeting.status === 'scheduled' && (
                <Button variant="outline" color="red.9" onClick={cancelModal.open}>
                  {t('facilitator.cancel.open')}
                </Button>
              )}
            </Group>
          </Stack>
        </fieldset>
      </form>
      {meeting.seriesId && (
        <Badge variant="light" color="gray">
          {t('facilitator.edit.inSeries')}
        </Badge>
      )}
      <CancelMeetingModal meeting={meeting} opened={cancelOpened} onClose={cancelModal.close} onCancelled={() => void back()} />
    </Stack>
  );
}
