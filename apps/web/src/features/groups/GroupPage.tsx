import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  applicationsListForGroup,
  applicationsListForGroupQueryKey,
  GroupDto,
  groupsGetOptions,
  groupsRosterOptions,
  MeetingDto,
  meetingsListForGroupOptions,
} from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { ReactNode, useState } from 'react';
import { statusOf } from '../../app/api';
import { useViewer, Viewer } from '../../app/session';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { wholeList } from '../../lib/paging';
import { formatDate, formatDateTime } from '../../lib/time';
import { CancelMeetingModal } from '../facilitator/CancelMeetingModal';
import { GroupHealth } from '../facilitator/GroupHealth';
import { ApplyButton } from '../member/ApplyButton';

/** Whether the viewer runs or oversees the group (its facilitators, its programme's managers, admins). */
const isStaffOf = (viewer: Viewer, group: GroupDto) =>
  viewer.isAdmin || viewer.facilitatedGroupIds.includes(group.id) || viewer.managedProgrammeIds.includes(group.programmeId);

/** A group: what it is and when it meets, for anyone in the programme; its roster, health and work for its staff. */
export default function GroupPage() {
  const t = useT();
  const viewer = useViewer();
  const { groupId } = useParams({ strict: false }) as { groupId: string };
  const group = useQuery(groupsGetOptions({ path: { groupId } }));
  const staff = group.data ? isStaffOf(viewer, group.data) : false;
  return (
    <>
      <PageHeader
        title={group.data?.name ?? t('facilitator.group.loading')}
        subtitle={group.data?.theme}
        actions={
          group.data &&
          (staff ? (
            <Button component={Link} to={`/groups/${groupId}/schedule`}>
              {t('facilitator.group.schedule')}
            </Button>
          ) : (
            viewer.isMember && group.data.status !== 'closed' && <ApplyButton group={group.data} />
          ))
        }
      />
      <QueryView query={group}>
        {(g) => (
          <Stack gap="xl">
            <Details group={g} />
            <Section title={t('facilitator.group.meetings')}>
              <Meetings group={g} staff={staff} />
            </Section>
            {staff && (
              <>
                <Section title={t('facilitator.group.health')}>
                  <GroupHealth groupId={g.id} />
                </Section>
                <Section title={t('facilitator.group.applications')} id="applications">
                  <Applications groupId={g.id} />
                </Section>
                <Section title={t('facilitator.group.roster')}>
                  <Roster groupId={g.id} />
                </Section>
              </>
            )}
          </Stack>
        )}
      </QueryView>
    </>
  );
}

function Section({ title, id, children }: { title: string; id?: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-label={title} id={id}>
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function Details({ group }: { group: GroupDto }) {
  const t = useT();
  const viewer = useViewer();
  const seatsLeft = Math.max(0, group.capacity - group.activeMemberCount);
  return (
    <Card withBorder padding="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Fact label={t('facilitator.group.status')}>{t(`groupStatus.${group.status}`)}</Fact>
        <Fact label={t('facilitator.group.format')}>{t(`groupFormat.${group.format}`)}</Fact>
        <Fact label={t('facilitator.group.place')}>
          {group.defaultVenue ??
            (group.format === 'in_person' ? t('facilitator.group.placeUnknown') : t('facilitator.group.online'))}
        </Fact>
        <Fact label={t('facilitator.group.seats')}>
          {t('facilitator.group.seatsText', { members: group.activeMemberCount, capacity: group.capacity, left: seatsLeft })}
        </Fact>
        <Fact label={t('facilitator.group.facilitators')}>
          {group.facilitators.length ? group.facilitators.map((f) => f.name).join(', ') : t('facilitator.group.noFacilitator')}
        </Fact>
        <Fact label={t('facilitator.group.next')}>
          {group.nextMeetingStartsAt ? (
            <time dateTime={group.nextMeetingStartsAt}>{formatDateTime(group.nextMeetingStartsAt, viewer.timezone)}</time>
          ) : (
            t('facilitator.mine.noNext')
          )}
        </Fact>
      </SimpleGrid>
      {group.defaultMeetingLink && (
        <Text size="sm" mt="sm">
          <Anchor href={group.defaultMeetingLink} target="_blank" rel="noreferrer">
            {t('facilitator.group.link')}
          </Anchor>
        </Text>
      )}
    </Card>
  );
}

/** Sessions from the start of today on: still runnable today, then the ones to come. */
function Meetings({ group, staff }: { group: GroupDto; staff: boolean }) {
  const t = useT();
  const [from] = useState(() => new Date(Date.now() - 12 * 3600_000).toISOString());
  const meetings = useQuery(meetingsListForGroupOptions({ path: { groupId: group.id }, query: { from, limit: 100 } }));
  const [cancelling, setCancelling] = useState<MeetingDto | null>(null);
  const [opened, modal] = useDisclosure();
  if (meetings.isError && statusOf(meetings.error) === 403) {
    return (
      <Text size="sm" c="dimmed">
        {t('facilitator.group.meetingsForMembers')}
      </Text>
    );
  }
  return (
    <>
      <QueryView query={meetings} isEmpty={(list) => list.length === 0} empty={t('facilitator.group.noMeetings')}>
        {(list) => (
          <Stack gap="xs">
            {list.map((m) => (
              <Card key={m.id} withBorder padding="sm" data-testid="group-meeting">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/meetings/${m.id}`} fw={500} size="sm">
                      {m.title}
                    </Anchor>
                    <MeetingTimeText startsAt={m.startsAt} timezone={m.timezone} />
                    <Text size="xs" c="dimmed">
                      {t('facilitator.group.booked', {
                        confirmed: m.confirmedCount,
                        capacity: m.capacity,
                        waitlist: m.waitlistCount,
                      })}
                    </Text>
                  </Stack>
                  {m.status !== 'scheduled' && (
                    <Badge variant="light" color={m.status === 'cancelled' ? 'red.9' : 'gray'}>
                      {t(`meetingStatus.${m.status}`)}
                    </Badge>
                  )}
                </Group>
                {staff && m.status !== 'cancelled' && (
                  <Group gap="xs" mt="xs">
                    {new Date(m.startsAt).getTime() - Date.now() < 3600_000 && (
                      <Button component={Link} to={`/meetings/${m.id}/run`} size="xs">
                        {t('facilitator.group.run')}
                      </Button>
                    )}
                    <Button
                      component={Link}
                      to={`/meetings/${m.id}/edit`}
                      size="xs"
                      variant="default"
                      aria-label={t('facilitator.group.editOf', { title: m.title })}
                    >
                      {t('action.edit')}
                    </Button>
                    {m.status === 'scheduled' && (
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        aria-label={t('facilitator.group.cancelOf', { title: m.title })}
                        onClick={() => {
                          setCancelling(m);
                          modal.open();
                        }}
                      >
                        {t('facilitator.cancel.open')}
                      </Button>
                    )}
                  </Group>
                )}
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
      {cancelling && <CancelMeetingModal meeting={cancelling} opened={opened} onClose={modal.close} />}
    </>
  );
}

function Applications({ groupId }: { groupId: string }) {
  const t = useT();
  const viewer = useViewer();
  const pending = useQuery(
    wholeList(applicationsListForGroupQueryKey({ path: { groupId }, query: { status: 'pending' } }), (paging, signal) =>
      applicationsListForGroup({ path: { groupId }, query: { status: 'pending', ...paging }, signal, throwOnError: true }),
    ),
  );
  return (
    <QueryView query={pending} isEmpty={(page) => page.items.length === 0} empty={t('facilitator.group.noApplications')}>
      {(page) => (
        <Stack gap="xs">
          {page.items.map((a) => (
            <Card key={a.id} withBorder padding="sm" data-testid="pending-application">
              <Group justify="space-between" gap="xs">
                <Stack gap={2}>
                  <Anchor component={Link} to={`/applications/${a.id}`} fw={500} size="sm">
                    {a.firm.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('facilitator.group.appliedBy', { name: a.applicant.name, date: formatDate(a.createdAt, viewer.timezone) })}
                  </Text>
                </Stack>
                {a.competitorConflict && (
                  <Badge color="orange.9" variant="light">
                    {t('facilitator.application.conflictBadge')}
                  </Badge>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </QueryView>
  );
}

function Roster({ groupId }: { groupId: string }) {
  const t = useT();
  const viewer = useViewer();
  const roster = useQuery(groupsRosterOptions({ path: { groupId } }));
  return (
    <QueryView query={roster} isEmpty={(list) => list.length === 0} empty={t('facilitator.group.noMembers')}>
      {(list) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {list.map((entry) => (
            <Card key={entry.membershipId} withBorder padding="sm" data-testid="roster-firm">
              <Text fw={500} size="sm">
                {entry.firm.name}
              </Text>
              <Text size="sm">{entry.people.map((p) => p.name).join(', ')}</Text>
              <Text size="xs" c="dimmed">
                {t('facilitator.group.joined', { date: formatDate(entry.joinedAt, viewer.timezone) })}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </QueryView>
  );
}
