import { Alert, Box, Progress, Stack, Text } from '@mantine/core';
import { groupsHealthOptions } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { useViewer } from '../../app/session';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/time';

/** An alert's title in the body text colour: Mantine's tinted titles fail WCAG AA contrast on their tinted ground. */
export const ALERT_STYLES = { title: { color: 'var(--mantine-color-dark-9)' } };

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 100));

/**
 * A group's health at a glance, as the API computes it: attendance over the recent held sessions (oldest
 * first, so the trend reads left to right) and the people who missed the last two.
 */
export function GroupHealth({ groupId, compact = false }: { groupId: string; compact?: boolean }) {
  const t = useT();
  const viewer = useViewer();
  const health = useQuery(groupsHealthOptions({ path: { groupId }, query: { sessions: 6 } }));
  return (
    <QueryView query={health}>
      {(h) => (
        <Stack gap="xs" data-testid="group-health">
          {h.sessions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('facilitator.health.noSessions')}
            </Text>
          ) : (
            <>
              <Text size="sm" fw={500}>
                {percent(h.attendanceRate) === null
                  ? t('facilitator.health.rateUnknown')
                  : t('facilitator.health.rate', { percent: percent(h.attendanceRate), sessions: h.sessions.length })}
              </Text>
              <Box
                component="ol"
                aria-label={t('facilitator.health.trend')}
                m={0}
                p={0}
                style={{ listStyle: 'none', display: 'flex', gap: 6, alignItems: 'flex-end' }}
              >
                {h.sessions.map((s) => {
                  const p = percent(s.attendanceRate);
                  const label = t('facilitator.health.session', {
                    date: formatDate(s.startsAt, viewer.timezone),
                    came: s.attendedConfirmedCount,
                    booked: s.confirmedCount,
                    percent: p ?? 0,
                  });
                  return (
                    <Box component="li" key={s.meetingId} style={{ flex: 1 }} title={label}>
                      <Progress
                        value={p ?? 0}
                        size="lg"
                        aria-label={label}
                        color={p !== null && p < 60 ? 'orange.8' : 'indigo.7'}
                      />
                      {!compact && (
                        <Text size="xs" c="dimmed" ta="center">
                          {p === null ? '–' : `${p}%`}
                        </Text>
                      )}
                    </Box>
                  );
                })}
              </Box>
            </>
          )}
          {h.missedLastTwo.length > 0 ? (
            <Alert
              color="orange"
              variant="light"
              title={t('facilitator.health.drifting', { count: h.missedLastTwo.length })}
              styles={ALERT_STYLES}
            >
              <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {h.missedLastTwo.map((m) => (
                  <Text component="li" size="sm" key={m.userId} data-testid="drifting-member">
                    {m.name} · {m.firmName}{' '}
                    <Text span size="xs" c="dimmed">
                      {m.lastAttendedAt
                        ? t('facilitator.health.lastCame', { date: formatDate(m.lastAttendedAt, viewer.timezone) })
                        : t('facilitator.health.neverCame')}
                    </Text>
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : (
            h.sessions.length >= 2 && (
              <Text size="sm" c="dimmed">
                {t('facilitator.health.noneDrifting')}
              </Text>
            )
          )}
        </Stack>
      )}
    </QueryView>
  );
}
