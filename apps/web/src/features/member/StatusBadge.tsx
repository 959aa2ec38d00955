import { Badge } from '@mantine/core';
import { ReactNode } from 'react';

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

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Badge color={COLOURS[tone]} variant="filled" radius="sm" tt="none" fw={600} style={{ flex: 'none' }}>
      {children}
    </Badge>
  );
}
