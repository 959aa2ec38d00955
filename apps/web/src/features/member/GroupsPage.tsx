import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  applicationsListMine,
  applicationsListMineQueryKey,
  firmsGetOptions,
  GroupDto,
  groupsList,
  groupsListQueryKey,
  groupsMineOptions,
  programmesGetOptions,
} from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useViewer } from '../../app/session';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { ApplicationStatusBadge, GroupStatusBadge, StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { wholeList } from '../../lib/paging';
import { ApplyButton } from './ApplyButton';
import classes from './member.module.css';

type Standing = 'member' | 'pending' | 'closed' | 'open';

function GroupCard({ group, standing, timezone }: { group: GroupDto; standing: Standing; timezone: string }) {
  const t = useT();
  const titleId = useId();
  const left = Math.max(0, group.capacity - group.activeMemberCount);
  const place = group.format === 'online' ? null : group.defaultVenue;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Title order={2} size="h3" id={titleId}>
            <Anchor component={Link} to={`/groups/${group.id}`} c="inherit">
              {group.name}
            </Anchor>
          </Title>
          <GroupStatusBadge status={group.status} />
        </Group>
        <Text size="sm">{group.theme}</Text>
        <dl className={classes.facts}>
          <Text component="dt" size="sm" fw={600}>
            {t('member.groups.format')}
          </Text>
          <Text component="dd" size="sm">
            {place
              ? t('member.meeting.modeAt', { mode: t(`groupFormat.${group.format}`), venue: place })
              : t(`groupFormat.${group.format}`)}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t('member.groups.places')}
          </Text>
          <Text component="dd" size="sm">
            {t('member.groups.placesLeft', { left, taken: group.activeMemberCount, capacity: group.capacity })}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t('member.groups.next')}
          </Text>
          <Text component="dd" size="sm">
            {group.nextMeetingStartsAt ? (
              <MeetingTimeText startsAt={group.nextMeetingStartsAt} timezone={timezone} />
            ) : (
              t('member.groups.noNext')
            )}
          </Text>
          {group.facilitators.length > 0 && (
            <>
              <Text component="dt" size="sm" fw={600}>
                {t('member.groups.facilitators')}
              </Text>
              <Text component="dd" size="sm">
                {group.facilitators.map((f) => f.name).join(', ')}
              </Text>
            </>
          )}
        </dl>
        <Group mt="auto" gap="sm">
          {standing === 'member' && <StatusBadge tone="success">{t('member.groups.yours')}</StatusBadge>}
          {standing === 'pending' && (
            <>
              <ApplicationStatusBadge status="pending" />
              <Anchor component={Link} to="/applications" size="sm">
                {t('member.groups.seeApplication')}
              </Anchor>
            </>
          )}
          {standing === 'closed' && (
            <Text size="sm" c="dimmed">
              {t('member.groups.closed')}
            </Text>
          )}
          {standing === 'open' && <ApplyButton group={group} />}
        </Group>
      </Stack>
    </Card>
  );
}

/** The programme's peer groups: what each works on, how and where it meets, places left, the next session. */
export default function GroupsPage() {
  const t = useT();
  const viewer = useViewer();
  const firm = useQuery({ ...firmsGetOptions({ path: { firmId: viewer.firmId ?? '' } }), enabled: Boolean(viewer.firmId) });
  const programmeId = firm.data?.programmeId ?? '';
  const programme = useQuery({ ...programmesGetOptions({ path: { programmeId } }), enabled: Boolean(programmeId) });
  // Every group and every pending application, page after page: none is left out of the list.
  const groups = useQuery({
    ...wholeList(groupsListQueryKey({ path: { programmeId }, query: { sort: 'name' } }), (paging, signal) =>
      groupsList({ path: { programmeId }, query: { sort: 'name', ...paging }, signal, throwOnError: true }),
    ),
    enabled: Boolean(programmeId),
  });
  const mine = useQuery(groupsMineOptions());
  const applications = useQuery(
    wholeList(applicationsListMineQueryKey({ query: { status: 'pending' } }), (paging, signal) =>
      applicationsListMine({ query: { status: 'pending', ...paging }, signal, throwOnError: true }),
    ),
  );
  const standingOf = (group: GroupDto): Standing => {
    if (mine.data?.some((g) => g.id === group.id)) return 'member';
    if (applications.data?.items.some((a) => a.groupId === group.id)) return 'pending';
    return group.status === 'closed' ? 'closed' : 'open';
  };
  return (
    <>
      <PageHeader title={t('member.groups.title')} subtitle={programme.data?.name ?? t('member.groups.subtitle')} />
      {!viewer.firmId ? (
        <EmptyState>{t('member.noFirm')}</EmptyState>
      ) : (
        <QueryView query={firm}>
          {() => (
            <QueryView query={groups} isEmpty={(page) => page.items.length === 0} empty={t('member.groups.empty')}>
              {(page) => (
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  {page.items.map((group) => (
                    <GroupCard
                      key={group.id}
                      group={group}
                      standing={standingOf(group)}
                      timezone={programme.data?.timezone ?? viewer.timezone}
                    />
                  ))}
                </SimpleGrid>
              )}
            </QueryView>
          )}
        </QueryView>
      )}
    </>
  );
}
