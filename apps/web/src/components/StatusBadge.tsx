import { Badge, MantineSize } from '@mantine/core';
import { type ApplicationStatus, type GroupStatus } from '@roundtable/api-client';
import { ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * What a state means, not its colour: each tone is a filled badge whose white text passes WCAG AA (4.5:1)
 * on its background, and the badge always says the state in words.
 */
export type Tone = 'success' | 'waiting' | 'pending' | 'danger' | 'neutral';

const COLOURS: Record<Tone, string> = {
  success: 'teal.9',
  waiting: 'grape.8',
  pending: 'blue.9',
  danger: 'red.9',
  neutral: 'gray.7',
};

export function StatusBadge({
  tone,
  children,
  size,
  'data-testid': testId,
}: {
  tone: Tone;
  children: ReactNode;
  size?: MantineSize;
  'data-testid'?: string;
}) {
  return (
    <Badge
      color={COLOURS[tone]}
      variant="filled"
      radius="sm"
      tt="none"
      fw={600}
      size={size}
      style={{ flex: 'none' }}
      data-testid={testId}
    >
      {children}
    </Badge>
  );
}

const APPLICATION_TONES: Record<ApplicationStatus, Tone> = {
  pending: 'pending',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};

/** Where an application stands, the same on the applicant's, the facilitator's and the manager's pages. */
export function ApplicationStatusBadge({
  status,
  size,
  'data-testid': testId,
}: {
  status: ApplicationStatus;
  size?: MantineSize;
  'data-testid'?: string;
}) {
  const t = useT();
  return (
    <StatusBadge tone={APPLICATION_TONES[status]} size={size} data-testid={testId}>
      {t(`applicationStatus.${status}`)}
    </StatusBadge>
  );
}

const GROUP_TONES: Record<GroupStatus, Tone> = { forming: 'pending', active: 'success', closed: 'neutral' };

/** Whether a group is forming, meeting or closed, the same wherever a group is listed. */
export function GroupStatusBadge({ status }: { status: GroupStatus }) {
  const t = useT();
  return <StatusBadge tone={GROUP_TONES[status]}>{t(`groupStatus.${status}`)}</StatusBadge>;
}
