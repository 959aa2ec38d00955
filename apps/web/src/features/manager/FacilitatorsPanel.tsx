import { Alert, Button, Group, List, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { groupsAddFacilitatorMutation, groupsRemoveFacilitatorMutation, type GroupDto } from '@roundtable/api-client';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, Loading, useProblemText } from '../../components/states';
import { useT } from '../../i18n';
import { allPeopleQuery, invalidate } from './data';

/**
 * Who facilitates a group: remove someone, or add one of the programme's staff (its managers and the
 * facilitators of its other groups). Someone new is invited instead (the API grants facilitation by invitation).
 */
export function FacilitatorsPanel({
  programmeId,
  group,
  onInviteNew,
}: {
  programmeId: string;
  group: GroupDto;
  onInviteNew: () => void;
}) {
  const t = useT();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const staff = useQueries({
    queries: [allPeopleQuery(programmeId, 'facilitator'), allPeopleQuery(programmeId, 'programme_manager')],
  });
  const done = async (updated: GroupDto, message: string) => {
    setProblem(null);
    await invalidate(queryClient, 'groupsList', 'groupsGet', 'programmesPeople', 'programmesOverview');
    notifications.show({ color: 'green', message });
  };
  const add = useMutation({
    ...groupsAddFacilitatorMutation(),
    onSuccess: async (updated) => {
      const person = updated.facilitators.find((f) => f.userId === chosen);
      setChosen(null);
      await done(updated, t('manager.facilitators.added', { name: person?.name ?? '', group: updated.name }));
    },
    onError: (error) => setProblem(problemText(error)),
  });
  const remove = useMutation({
    ...groupsRemoveFacilitatorMutation(),
    onSuccess: (updated, vars) =>
      done(
        updated,
        t('manager.facilitators.removed', {
          name: group.facilitators.find((f) => f.userId === vars.path.userId)?.name ?? '',
          group: updated.name,
        }),
      ),
    onError: (error) => setProblem(problemText(error)),
  });

  const assigned = new Set(group.facilitators.map((f) => f.userId));
  const people = new Map<string, { label: string }>();
  for (const q of staff)
    for (const p of q.data ?? []) if (!assigned.has(p.id)) people.set(p.id, { label: `${p.name} (${p.email})` });
  const failed = staff.find((q) => q.isError);

  return (
    <Stack gap="md">
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      <Stack gap="xs">
        <Text fw={600} component="h3" size="md" m={0}>
          {t('manager.facilitators.current')}
        </Text>
        {group.facilitators.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('manager.facilitators.none')}
          </Text>
        ) : (
          <List listStyleType="none" spacing="xs">
            {group.facilitators.map((f) => (
              <List.Item key={f.userId}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Text size="sm">{f.name}</Text>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red.8"
                    loading={remove.isPending && remove.variables?.path.userId === f.userId}
                    onClick={() => remove.mutate({ path: { groupId: group.id, userId: f.userId } })}
                    aria-label={t('manager.facilitators.removeNamed', { name: f.name })}
                  >
                    {t('manager.facilitators.remove')}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => staff.forEach((q) => void q.refetch())} />
      ) : staff.some((q) => q.isPending) ? (
        <Loading />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) add.mutate({ path: { groupId: group.id, userId: chosen } });
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('manager.facilitators.choose')}
              description={t('manager.facilitators.chooseHelp')}
              placeholder={people.size ? t('manager.facilitators.choosePlaceholder') : t('manager.facilitators.nobody')}
              data={[...people].map(([value, { label }]) => ({ value, label }))}
              value={chosen}
              onChange={setChosen}
              searchable
              disabled={people.size === 0}
              style={{ flex: '1 1 16rem' }}
            />
            <Button type="submit" disabled={!chosen} loading={add.isPending}>
              {t('manager.facilitators.assign')}
            </Button>
          </Group>
        </form>
      )}
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t('manager.facilitators.someoneNew')}
        </Text>
        <Button variant="light" size="xs" onClick={onInviteNew}>
          {t('manager.facilitators.inviteNew')}
        </Button>
      </Group>
    </Stack>
  );
}
