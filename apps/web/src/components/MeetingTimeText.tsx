import { Text } from '@mantine/core';
import { useViewer } from '../app/session';
import { meetingTime } from '../lib/time';

/** When a meeting starts, in the viewer's zone (named), and in the meeting's zone when that differs. */
export function MeetingTimeText({ startsAt, timezone, size = 'sm' }: { startsAt: string; timezone: string; size?: string }) {
  const viewer = useViewer();
  const time = meetingTime(startsAt, timezone, viewer.timezone);
  return (
    <Text size={size} component="span">
      <time dateTime={startsAt}>{time.viewer}</time>
      {time.local && (
        <Text span c="dimmed" size={size}>
          {' '}
          ({time.local})
        </Text>
      )}
    </Text>
  );
}
