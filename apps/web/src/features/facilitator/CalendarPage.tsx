import '@mantine/schedule/styles.css';
import './calendar.css';
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Schedule, ScheduleEventData, ScheduleLabels, ScheduleViewLevel } from '@mantine/schedule';
import { groupsMineOptions, MeetingDto, meetingsListForGroupOptions } from '@roundtable/api-client';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { useT } from '../../i18n';
import { formatCalendarDate, formatTime } from '../../lib/time';
import { todayIn, visibleRange } from './calendarRange';

/** "2027-03-02 09:30:00" as a wall clock in `zone`: the calendar lays events out by the viewer's clock. */
function wallClock(instant: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A month or week calendar of the meetings of every group the viewer facilitates, in the viewer's zone. */
export default function CalendarPage() {
  const t = useT();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [date, setDate] = useState(() => todayIn(viewer.timezone));
  const [view, setView] = useState<ScheduleViewLevel>('month');
  // On a phone the month is a list of days with sessions: a seven-column grid leaves no room for titles.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const groups = useQuery(groupsMineOptions());
  const mine = (groups.data ?? []).filter((g) => viewer.facilitatedGroupIds.includes(g.id));
  // What the current view shows (a phone's list is always a month): a year view reads the whole year.
  const { from, to } = visibleRange(date, phone ? 'month' : view);
  const meetings = useQueries({
    queries: mine.map((g) => meetingsListForGroupOptions({ path: { groupId: g.id }, query: { from, to, limit: 500 } })),
  });
  const failed = meetings.find((q) => q.isError);
  const all: MeetingDto[] = meetings.flatMap((q) => q.data ?? []);
  // Shades dark enough for white text (WCAG AA).
  const colours = ['indigo.8', 'teal.9', 'grape.8', 'orange.9', 'cyan.9', 'pink.9'];
  const events: ScheduleEventData[] = all.map((m) => ({
    id: m.id,
    title: m.status === 'cancelled' ? t('facilitator.calendar.cancelled', { title: m.title }) : m.title,
    start: wallClock(m.startsAt, viewer.timezone),
    end: wallClock(m.endsAt, viewer.timezone),
    color:
      m.status === 'cancelled'
        ? 'gray.7'
        : colours[
            Math.max(
              0,
              mine.findIndex((g) => g.id === m.groupId),
            ) % colours.length
          ],
    variant: 'filled',
  }));
  const labels: Partial<ScheduleLabels> = {
    day: t('facilitator.calendar.day'),
    week: t('facilitator.calendar.week'),
    month: t('facilitator.calendar.month'),
    year: t('facilitator.calendar.year'),
    today: t('facilitator.calendar.today'),
    next: t('action.next'),
    previous: t('action.previous'),
    noEvents: t('facilitator.calendar.noEvents'),
    viewSelectLabel: t('facilitator.calendar.view'),
    allDay: t('facilitator.calendar.allDay'),
    more: t('facilitator.calendar.more'),
    moreLabel: (count: number) => t('facilitator.calendar.moreCount', { count }),
  };
  return (
    <>
      <PageHeader title={t('facilitator.calendar.title')} subtitle={t('facilitator.calendar.zone', { zone: viewer.timezone })} />
      {groups.isPending ? (
        <Loading />
      ) : groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      ) : mine.length === 0 ? (
        <Text c="dimmed">{t('facilitator.mine.empty')}</Text>
      ) : (
        <>
          {failed && <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />}
          <Group gap="md" mb="sm" wrap="wrap" aria-label={t('facilitator.calendar.groups')} role="list">
            {mine.map((g, i) => (
              <Group gap={6} key={g.id} role="listitem">
                <span
                  aria-hidden
                  style={{
                    width: 10,
                    height: 10,
                    borderRadius: 5,
                    background: `var(--mantine-color-${colours[i % colours.length].replace('.', '-')})`,
                  }}
                />
                <Anchor component={Link} to={`/groups/${g.id}`} size="sm">
                  {g.name}
                </Anchor>
              </Group>
            ))}
          </Group>
          <div data-testid="calendar" className="rt-calendar">
            {phone ? (
              <MonthList
                date={date}
                onDateChange={setDate}
                meetings={all}
                onOpen={(id) => void navigate({ to: `/meetings/${id}` })}
              />
            ) : (
              <Schedule
                date={date}
                onDateChange={setDate}
                view={view}
                onViewChange={setView}
                events={events}
                locale="en-GB"
                labels={labels}
                // The week view names each day column "<label> YYYY-MM-DD" for screen readers; what the column shows
                // must be part of that name (WCAG 2.5.3), so it shows that date (calendar.css hides the lone day number).
                weekViewProps={{ weekdayFormat: 'YYYY-MM-DD' }}
                onEventClick={(event) => void navigate({ to: `/meetings/${String(event.id)}` })}
              />
            )}
          </div>
        </>
      )}
    </>
  );
}

/** A month as a list of the days that have sessions, with the month's name and previous/next controls. */
function MonthList({
  date,
  onDateChange,
  meetings,
  onOpen,
}: {
  date: string;
  onDateChange: (date: string) => void;
  meetings: MeetingDto[];
  onOpen: (id: string) => void;
}) {
  const t = useT();
  const viewer = useViewer();
  const month = date.slice(0, 7);
  const shift = (by: number) => {
    const d = new Date(`${month}-01T12:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + by);
    onDateChange(d.toISOString().slice(0, 10));
  };
  const inMonth = meetings
    .filter((m) => wallClock(m.startsAt, viewer.timezone).startsWith(month))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const days = new Map<string, MeetingDto[]>();
  for (const m of inMonth) {
    const day = wallClock(m.startsAt, viewer.timezone).slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), m]);
  }
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Button variant="default" size="xs" onClick={() => shift(-1)}>
          {t('action.previous')}
        </Button>
        <Title order={2} size="h4" aria-live="polite">
          {monthName}
        </Title>
        <Button variant="default" size="xs" onClick={() => shift(1)}>
          {t('action.next')}
        </Button>
      </Group>
      {days.size === 0 ? (
        <Text c="dimmed" ta="center" py="md">
          {t('facilitator.calendar.noEvents')}
        </Text>
      ) : (
        [...days].map(([day, list]) => (
          <Stack gap={4} key={day}>
            <Title order={3} size="h5">
              {formatCalendarDate(day)}
            </Title>
            {list.map((m) => (
              <Card key={m.id} withBorder padding="xs">
                <Anchor component="button" type="button" ta="left" size="sm" fw={500} onClick={() => onOpen(m.id)}>
                  {m.status === 'cancelled' ? t('facilitator.calendar.cancelled', { title: m.title }) : m.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatTime(m.startsAt, viewer.timezone)}
                </Text>
              </Card>
            ))}
          </Stack>
        ))
      )}
    </Stack>
  );
}
