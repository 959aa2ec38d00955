import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  AttendanceMode,
  AttendanceStatus,
  attendanceRecordMutation,
  attendanceRosterOptions,
  attendanceRosterQueryKey,
  MeetingDto,
  RosterPersonDto,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryView, useProblemText } from '../../components/states';
import { useT } from '../../i18n';
import { invalidateAttendance } from './queries';

const STATUSES: AttendanceStatus[] = ['present', 'late', 'apologies', 'no_show'];
const ATTENDED = (s: AttendanceStatus) => s === 'present' || s === 'late';

interface Change {
  userId: string;
  status: AttendanceStatus;
  mode?: AttendanceMode;
}

/**
 * Attendance for the whole roster in a few taps: one "everyone present" tap, then one tap per exception.
 * Each tap is saved at once and shown before the API answers; a refusal puts the sheet back as it was.
 */
export function AttendanceRoster({ meeting }: { meeting: Pick<MeetingDto, 'id' | 'mode' | 'startsAt' | 'status'> }) {
  const t = useT();
  const problem = useProblemText();
  const queryClient = useQueryClient();
  const options = attendanceRosterOptions({ path: { meetingId: meeting.id } });
  const roster = useQuery(options);
  const key = attendanceRosterQueryKey({ path: { meetingId: meeting.id } });
  const hybrid = meeting.mode === 'hybrid';
  const record = useMutation({
    ...attendanceRecordMutation(),
    onMutate: async ({ body }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<RosterPersonDto[]>(key);
      const changes = new Map(body.records.map((r) => [r.userId, r]));
      queryClient.setQueryData<RosterPersonDto[]>(key, (people) =>
        people?.map((p) => {
          const c = changes.get(p.userId);
          return c ? { ...p, attendanceStatus: c.status, attendanceMode: c.mode ?? null } : p;
        }),
      );
      return { before };
    },
    onError: (error, _vars, context) => {
      queryClient.setQueryData(key, context?.before);
      notifications.show({ color: 'red', title: t('facilitator.attendance.notSaved'), message: problem(error) });
    },
    // Recording attendance completes the meeting and moves the group's health: refresh all of it, not only the roster.
    onSettled: () => invalidateAttendance(queryClient),
  });
  const save = (records: Change[]) => record.mutate({ path: { meetingId: meeting.id }, body: { records } });
  const notStarted = new Date(meeting.startsAt).getTime() > Date.now();
  const closed = meeting.status === 'cancelled';

  return (
    <QueryView query={roster} isEmpty={(people) => people.length === 0} empty={t('facilitator.attendance.empty')}>
      {(people) => {
        const unrecorded = people.filter((p) => !p.attendanceStatus);
        const attended = people.filter((p) => p.attendanceStatus && ATTENDED(p.attendanceStatus)).length;
        return (
          <Stack gap="sm">
            {notStarted && (
              <Alert color="blue" variant="light">
                {t('facilitator.attendance.notStarted')}
              </Alert>
            )}
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm" aria-live="polite" data-testid="attendance-count">
                {t('facilitator.attendance.count', { attended, total: people.length, unrecorded: unrecorded.length })}
              </Text>
              <Button
                disabled={notStarted || closed || unrecorded.length === 0}
                onClick={() =>
                  save(unrecorded.map((p) => ({ userId: p.userId, status: 'present', ...(hybrid && { mode: 'in_person' }) })))
                }
              >
                {unrecorded.length === people.length
                  ? t('facilitator.attendance.allPresent')
                  : t('facilitator.attendance.restPresent', { count: unrecorded.length })}
              </Button>
            </Group>
            {people.map((p) => (
              <Card key={p.userId} withBorder padding="xs" data-testid="roster-person">
                <Stack gap={6}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <div>
                      <Text fw={500} size="sm" id={`person-${p.userId}`}>
                        {p.name}
                      </Text>
                      {p.firmName && (
                        <Text size="xs" c="dimmed">
                          {p.firmName}
                        </Text>
                      )}
                    </div>
                    {p.bookingStatus && (
                      <Badge variant="light" color="gray" size="sm">
                        {t(`bookingStatus.${p.bookingStatus}`)}
                      </Badge>
                    )}
                  </Group>
                  <SegmentedControl
                    fullWidth
                    size="xs"
                    disabled={notStarted || closed}
                    aria-labelledby={`person-${p.userId}`}
                    value={p.attendanceStatus ?? ''}
                    onChange={(status) =>
                      save([
                        {
                          userId: p.userId,
                          status: status as AttendanceStatus,
                          ...(hybrid && ATTENDED(status as AttendanceStatus) && { mode: p.attendanceMode ?? 'in_person' }),
                        },
                      ])
                    }
                    data={STATUSES.map((s) => ({ value: s, label: t(`attendanceStatus.${s}`) }))}
                  />
                  {hybrid && p.attendanceStatus && ATTENDED(p.attendanceStatus) && (
                    <SegmentedControl
                      size="xs"
                      aria-label={t('facilitator.attendance.modeOf', { name: p.name })}
                      value={p.attendanceMode ?? 'in_person'}
                      onChange={(mode) =>
                        save([{ userId: p.userId, status: p.attendanceStatus as AttendanceStatus, mode: mode as AttendanceMode }])
                      }
                      data={(['in_person', 'online'] as const).map((m) => ({ value: m, label: t(`attendanceMode.${m}`) }))}
                    />
                  )}
                </Stack>
              </Card>
            ))}
          </Stack>
        );
      }}
    </QueryView>
  );
}
