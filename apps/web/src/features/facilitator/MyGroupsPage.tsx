import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { applicationsListForGroupOptions, GroupDto, groupsMineOptions } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useViewer } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { GroupStatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { GroupHealth } from './GroupHealth';

/** The groups a facilitator runs: each with its health at a glance, applications waiting, and the next session. */
export default function MyGroupsPage() {
  const t = useT();
  const viewer = useViewer();
  const groups = useQuery(groupsMineOptions());
  return (
    <>
      <PageHeader
        title={t('facilitator.mine.title')}
        subtitle={t('facilitator.mine.subtitle')}
        actions={
          <Anchor component={Link} to="/metrics">
            {t('metrics.open')}
          </Anchor>
        }
      />
      <QueryView
        query={groups}
        isEmpty={(list) => !list.some((g) => viewer.facilitatedGroupIds.includes(g.id))}
        empty={t('facilitator.mine.empty')}
      >
        {(list) => (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {list
              .filter((g) => viewer.facilitatedGroupIds.includes(g.id))
              .map((g) => (
                <GroupCard key={g.id} group={g} />
              ))}
          </SimpleGrid>
        )}
      </QueryView>
    </>
  );
}

function GroupCard({ group }: { group: GroupDto }) {
  const t = useT();
  const viewer = useViewer();
  const pending = useQuery(
    applicationsListForGroupOptions({ path: { groupId: group.id }, query: { status: 'pending', pageSize: 1 } }),
  );
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`group-${group.id}`} data-testid="my-group">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h3" id={`group-${group.id}`}>
            <Anchor component={Link} to={`/groups/${group.id}`} inherit>
              {group.name}
            </Anchor>
          </Title>
          <GroupStatusBadge status={group.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('facilitator.mine.members', { count: group.activeMemberCount, capacity: group.capacity })} ·{' '}
          {t(`groupFormat.${group.format}`)}
        </Text>
        <Text size="sm">
          {group.nextMeetingStartsAt ? (
            <>
              {t('facilitator.mine.next')}{' '}
              <time dateTime={group.nextMeetingStartsAt}>{formatDateTime(group.nextMeetingStartsAt, viewer.timezone)}</time>
            </>
          ) : (
            t('facilitator.mine.noNext')
          )}
        </Text>
        <GroupHealth groupId={group.id} compact />
        {pending.data && pending.data.total > 0 && (
          <Anchor component={Link} to={`/groups/${group.id}`} hash="applications" size="sm" fw={500}>
            {t('facilitator.mine.pending', { count: pending.data.total })}
          </Anchor>
        )}
        <Group gap="xs">
          <Button component={Link} to={`/groups/${group.id}`} size="xs" variant="light">
            {t('facilitator.mine.open')}
          </Button>
          <Button component={Link} to={`/groups/${group.id}/schedule`} size="xs" variant="default">
            {t('facilitator.mine.schedule')}
          </Button>
          {group.nextMeetingId && (
            <Button component={Link} to={`/meetings/${group.nextMeetingId}/run`} size="xs" variant="default">
              {t('facilitator.mine.runNext')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
