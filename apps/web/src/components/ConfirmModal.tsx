import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ReactNode } from 'react';

/**
 * Asks before something that cannot be undone (cancelling a booking, withdrawing an application or an
 * invitation): what will happen, a button to keep things as they are (focused first, so Enter is harmless),
 * and the red button that does it.
 */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  keepLabel,
  confirmLabel,
  onConfirm,
  loading,
  disabled,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  /** What will happen, in a sentence. */
  children: ReactNode;
  keepLabel: string;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  disabled?: boolean;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{children}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {keepLabel}
          </Button>
          <Button color="red.9" onClick={onConfirm} disabled={disabled} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
