import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { MeetingDto } from '@roundtable/api-client';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { useT } from '../../i18n';
import { BookingButton, isBookable } from './BookingButton';

/** The .ics of one meeting, downloaded by the browser (the API answers it as an attachment). */
export function CalendarLink({ meeting }: { meeting: Pick<MeetingDto, 'id' | 'title'> }) {
  const t = useT();
  return (
    <Button
      component="a"
      href={`/api/meetings/${meeting.id}/ics`}
      download
      variant="subtle"
      aria-label={t('member.calendar.addNamed', { title: meeting.title })}
    >
      {t('member.calendar.add')}
    </Button>
  );
}

/** Where a meeting is held, as a member needs to know it. */
export function MeetingPlace({ meeting }: { meeting: Pick<MeetingDto, 'mode' | 'venue'> }) {
  const t = useT();
  const mode = t(`meetingMode.${meeting.mode}`);
  return (
    <Text size="sm" c="dimmed">
      {meeting.venue && meeting.mode !== 'online' ? t('member.meeting.modeAt', { mode, venue: meeting.venue }) : mode}
    </Text>
  );
}

/** Seats as a member reads them: how many are left, or that it is full and how many wait. */
export function SeatsText({ meeting }: { meeting: Pick<MeetingDto, 'capacity' | 'confirmedCount' | 'waitlistCount'> }) {
  const t = useT();
  const left = Math.max(0, meeting.capacity - meeting.confirmedCount);
  return (
    <Text size="sm" c="dimmed">
      {left > 0
        ? t('member.meeting.seatsLeft', { left, capacity: meeting.capacity })
        : t('member.meeting.fullWaiting', { waiting: meeting.waitlistCount })}
    </Text>
  );
}

/** One upcoming meeting: when, where, seats, the viewer's booking and a calendar file. */
export function MeetingCard({ meeting, groupName }: { meeting: MeetingDto; groupName?: string }) {
  const t = useT();
  const titleId = useId();
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {meeting.groupId ? (groupName ?? t('member.meeting.groupSession')) : t('member.meeting.openEvent')}
          </Text>
          <Title order={2} size="h3" id={titleId}>
            <Anchor component={Link} to={`/meetings/${meeting.id}`} c="inherit">
              {meeting.title}
            </Anchor>
          </Title>
          <MeetingTimeText startsAt={meeting.startsAt} timezone={meeting.timezone} />
          <MeetingPlace meeting={meeting} />
          {meeting.status === 'scheduled' && isBookable(meeting) && <SeatsText meeting={meeting} />}
        </Stack>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <BookingButton meeting={meeting} />
          {meeting.status !== 'cancelled' && <CalendarLink meeting={meeting} />}
        </Group>
      </Stack>
    </Card>
  );
}
