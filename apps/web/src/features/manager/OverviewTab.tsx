import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { programmesOverviewOptions, type ProgrammeDto } from '@roundtable/api-client';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { ReactNode } from 'react';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { EmptyState, QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { allGroupsQuery } from './data';
import type { ProgrammeTab } from './tabs';

function Stat({ label, value, detail, action }: { label: string; value: number; detail?: string; action?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        <Text fz={28} fw={700} lh={1.1}>
          {value}
        </Text>
        {detail && (
          <Text size="sm" c="dimmed">
            {detail}
          </Text>
        )}
        {action}
      </Stack>
    </Paper>
  );
}

/** The programme at a glance: its groups, firms and facilitators, and each group's next session. */
export function OverviewTab({ programme, goTo }: { programme: ProgrammeDto; goTo: (tab: ProgrammeTab) => void }) {
  const t = useT();
  const overview = useQuery(programmesOverviewOptions({ path: { programmeId: programme.id } }));
  const groups = useQuery(allGroupsQuery(programme.id));

  return (
    <Stack gap="lg">
      <QueryView query={overview}>
        {(o) => (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Stat
              label={t('manager.overview.groups')}
              value={o.groups.total}
              detail={t('manager.overview.groupsByStatus', {
                forming: o.groups.forming,
                active: o.groups.active,
                closed: o.groups.closed,
              })}
              action={
                <Anchor component="button" type="button" size="sm" onClick={() => goTo('groups')} ta="left">
                  {t('manager.overview.manageGroups')}
                </Anchor>
              }
            />
            <Stat
              label={t('manager.overview.firms')}
              value={o.firms}
              detail={t('manager.overview.firmsInGroups', { count: o.firmsInGroups })}
              action={
                <Anchor component="button" type="button" size="sm" onClick={() => goTo('firms')} ta="left">
                  {t('manager.overview.manageFirms')}
                </Anchor>
              }
            />
            <Stat
              label={t('manager.overview.facilitators')}
              value={o.facilitators}
              action={
                <Anchor component="button" type="button" size="sm" onClick={() => goTo('invitations')} ta="left">
                  {t('manager.overview.invite')}
                </Anchor>
              }
            />
            <Stat
              label={t('manager.overview.upcoming')}
              value={o.upcomingGroupSessions + o.upcomingOpenEvents}
              detail={t('manager.overview.upcomingDetail', { sessions: o.upcomingGroupSessions, events: o.upcomingOpenEvents })}
            />
          </SimpleGrid>
        )}
      </QueryView>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('manager.overview.nextSessions')}
        </Title>
        <QueryView query={groups}>
          {(data) => {
            const next = data
              .filter((g) => g.nextMeetingStartsAt)
              .sort((a, b) => (a.nextMeetingStartsAt ?? '').localeCompare(b.nextMeetingStartsAt ?? ''));
            if (next.length === 0) return <EmptyState>{t('manager.overview.noSessions')}</EmptyState>;
            return (
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {next.map((g) => (
                  <Paper component="li" key={g.id} withBorder p="sm" radius="md">
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/groups/${g.id}`} fw={600}>
                          {g.name}
                        </Anchor>
                        <MeetingTimeText startsAt={g.nextMeetingStartsAt as string} timezone={programme.timezone} />
                      </Stack>
                      {g.nextMeetingId && (
                        <Anchor component={Link} to={`/meetings/${g.nextMeetingId}`} size="sm">
                          {t('manager.overview.openSession')}
                        </Anchor>
                      )}
                    </Group>
                  </Paper>
                ))}
              </Stack>
            );
          }}
        </QueryView>
      </Stack>
    </Stack>
  );
}
