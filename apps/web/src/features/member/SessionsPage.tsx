import { Anchor, SegmentedControl, SimpleGrid, Stack } from '@mantine/core';
import { groupsMineOptions } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { MeetingCard } from './MeetingCard';
import { sessionsFrom, upcomingSessionsOptions } from './sessionsQuery';

type Show = 'all' | 'booked';

/** A member's week: the sessions of their groups and the programme's open events, booked in one tap. */
export default function SessionsPage() {
  const t = useT();
  const [from] = useState(() => sessionsFrom());
  const [show, setShow] = useState<Show>('all');
  const meetings = useQuery(upcomingSessionsOptions(from));
  const groups = useQuery(groupsMineOptions());
  const groupNames = useMemo(() => new Map((groups.data ?? []).map((g) => [g.id, g.name])), [groups.data]);
  return (
    <>
      <PageHeader title={t('member.sessions.title')} subtitle={t('member.sessions.subtitle')} />
      <QueryView
        query={meetings}
        isEmpty={(list) => list.length === 0}
        empty={
          <>
            {t('member.sessions.empty')}{' '}
            <Anchor component={Link} to="/groups">
              {t('member.sessions.browseGroups')}
            </Anchor>
          </>
        }
      >
        {(list) => {
          const shown = show === 'booked' ? list.filter((m) => m.myBooking) : list;
          return (
            <Stack gap="md">
              <SegmentedControl
                aria-label={t('member.sessions.filter')}
                value={show}
                onChange={(value) => setShow(value as Show)}
                data={[
                  { value: 'all', label: t('member.sessions.all', { count: list.length }) },
                  { value: 'booked', label: t('member.sessions.booked', { count: list.filter((m) => m.myBooking).length }) },
                ]}
                style={{ alignSelf: 'flex-start' }}
              />
              {shown.length === 0 ? (
                <EmptyState>{t('member.sessions.noneBooked')}</EmptyState>
              ) : (
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  {shown.map((meeting) => (
                    <MeetingCard
                      key={meeting.id}
                      meeting={meeting}
                      groupName={meeting.groupId ? groupNames.get(meeting.groupId) : undefined}
                    />
                  ))}
                </SimpleGrid>
              )}
            </Stack>
          );
        }}
      </QueryView>
    </>
  );
}
