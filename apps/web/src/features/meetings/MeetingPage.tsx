import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { groupsGetOptions, meetingsGetOptions, MeetingDto } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useViewer, Viewer } from '../../app/session';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { BookingButton, isBookable } from '../member/BookingButton';
import { CalendarLink, MeetingPlace, SeatsText } from '../member/MeetingCard';
import classes from '../member/member.module.css';

/** Facilitators of the meeting's group and the programme's managers run and edit it. */
const runsIt = (viewer: Viewer, meeting: MeetingDto): boolean =>
  viewer.isAdmin ||
  viewer.managedProgrammeIds.includes(meeting.programmeId) ||
  (meeting.groupId != null && viewer.facilitatedGroupIds.includes(meeting.groupId));

function GroupName({ groupId }: { groupId: string }) {
  const group = useQuery(groupsGetOptions({ path: { groupId } }));
  if (!group.data) return null;
  return (
    <Anchor component={Link} to={`/groups/${groupId}`} size="sm">
      {group.data.name}
    </Anchor>
  );
}

function Meeting({ meeting }: { meeting: MeetingDto }) {
  const t = useT();
  const viewer = useViewer();
  const staff = runsIt(viewer, meeting);
  const over = meeting.status === 'completed' || new Date(meeting.endsAt).getTime() < Date.now();
  const hours = Math.floor(meeting.durationMinutes / 60);
  const minutes = meeting.durationMinutes % 60;
  return (
    <Stack gap="md">
      {meeting.status === 'cancelled' && (
        <Card withBorder padding="md" role="status">
          <Stack gap={4}>
            <StatusBadge tone="danger">{t('meetingStatus.cancelled')}</StatusBadge>
            {meeting.cancellationMessage && <Text size="sm">{meeting.cancellationMessage}</Text>}
          </Stack>
        </Card>
      )}
      <Card withBorder padding="md" component="section" aria-labelledby="meeting-when">
        <Title order={2} size="h3" id="meeting-when" mb="xs">
          {t('member.meeting.when')}
        </Title>
        <dl className={classes.facts}>
          <Text component="dt" size="sm" fw={600}>
            {t('member.meeting.starts')}
          </Text>
          <Text component="dd" size="sm">
            <MeetingTimeText startsAt={meeting.startsAt} timezone={meeting.timezone} />
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t('member.meeting.duration')}
          </Text>
          <Text component="dd" size="sm">
            {t('member.meeting.durationValue', { hours, minutes })}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t('member.meeting.where')}
          </Text>
          <Text component="dd" size="sm">
            <MeetingPlace meeting={meeting} />
          </Text>
          {meeting.onlineLink && (
            <>
              <Text component="dt" size="sm" fw={600}>
                {t('member.meeting.link')}
              </Text>
              <Text component="dd" size="sm" style={{ wordBreak: 'break-all' }}>
                <Anchor href={meeting.onlineLink} target="_blank" rel="noopener noreferrer" size="sm">
                  {meeting.onlineLink}
                </Anchor>
              </Text>
            </>
          )}
          {isBookable(meeting) && (
            <>
              <Text component="dt" size="sm" fw={600}>
                {t('member.meeting.seats')}
              </Text>
              <Text component="dd" size="sm">
                <SeatsText meeting={meeting} />
              </Text>
            </>
          )}
        </dl>
        <Group mt="md" gap="sm" justify="space-between" align="flex-start">
          {viewer.isMember && <BookingButton meeting={meeting} />}
          {meeting.status !== 'cancelled' && <CalendarLink meeting={meeting} />}
        </Group>
      </Card>
      {viewer.isMember && over && meeting.status !== 'cancelled' && (
        <Card withBorder padding="md" component="section" aria-labelledby="meeting-feedback">
          <Title order={2} size="h3" id="meeting-feedback" mb="xs">
            {t('member.meeting.feedbackTitle')}
          </Title>
          <Button component={Link} to={`/meetings/${meeting.id}/feedback`} variant="light">
            {t('member.meeting.giveFeedback')}
          </Button>
        </Card>
      )}
      {meeting.agenda && (
        <Card withBorder padding="md" component="section" aria-labelledby="meeting-agenda">
          <Title order={2} size="h3" id="meeting-agenda" mb="xs">
            {t('member.meeting.agenda')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {meeting.agenda}
          </Text>
        </Card>
      )}
      {staff && (
        <Card withBorder padding="md" component="section" aria-labelledby="meeting-staff">
          <Title order={2} size="h3" id="meeting-staff" mb="xs">
            {t('member.meeting.forStaff')}
          </Title>
          <Group gap="sm">
            <Button component={Link} to={`/meetings/${meeting.id}/run`}>
              {t('member.meeting.run')}
            </Button>
            <Button component={Link} to={`/meetings/${meeting.id}/edit`} variant="default">
              {t('member.meeting.edit')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}

/** One meeting, as email links open it: when and where, seats, the viewer's booking, calendar and feedback. */
export default function MeetingPage() {
  const t = useT();
  const { meetingId } = useParams({ strict: false }) as { meetingId: string };
  const meeting = useQuery(meetingsGetOptions({ path: { meetingId } }));
  return (
    <>
      <PageHeader
        title={meeting.data?.title ?? t('member.meeting.title')}
        subtitle={
          meeting.data && (meeting.data.groupId ? <GroupName groupId={meeting.data.groupId} /> : t('member.meeting.openEvent'))
        }
      />
      <QueryView query={meeting}>{(data) => <Meeting meeting={data} />}</QueryView>
    </>
  );
}
