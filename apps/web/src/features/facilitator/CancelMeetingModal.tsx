import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ChangeScope, MeetingDto, meetingsCancelMutation } from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { MeetingTimeText } from '../../components/MeetingTimeText';
import { useT } from '../../i18n';
import { invalidateGroupMeetings } from './queries';

/** Cancelling a meeting (or it and the rest of its series) with a message the booked members receive by email. */
export function CancelMeetingModal({
  meeting,
  opened,
  onClose,
  onCancelled,
}: {
  meeting: MeetingDto;
  opened: boolean;
  onClose: () => void;
  onCancelled?: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ message: string; scope: ChangeScope }>({
    mode: 'controlled',
    initialValues: { message: '', scope: 'this' },
    validate: { message: (v) => (v.trim() ? null : t('facilitator.cancel.messageRequired')) },
  });
  const cancel = useMutation({
    ...meetingsCancelMutation(),
    onSuccess: async () => {
      await invalidateGroupMeetings(queryClient);
      notifications.show({ color: 'green', message: t('facilitator.cancel.done') });
      form.reset();
      onClose();
      onCancelled?.();
    },
    onError: (error) => setFormError(showApiErrors(form, error, t('facilitator.cancel.failed'))),
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('facilitator.cancel.title', { title: meeting.title })}
      closeButtonProps={{ 'aria-label': t('action.close') }}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFormError(null);
          cancel.mutate({
            path: { meetingId: meeting.id },
            body: { message: v.message.trim(), ...(meeting.seriesId && { scope: v.scope }) },
          });
        })}
      >
        <Stack gap="sm">
          <MeetingTimeText startsAt={meeting.startsAt} timezone={meeting.timezone} />
          <Text size="sm">{t('facilitator.cancel.explain', { count: meeting.confirmedCount + meeting.waitlistCount })}</Text>
          <Textarea
            label={t('facilitator.cancel.message')}
            required
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps('message')}
          />
          {meeting.seriesId && (
            <Radio.Group label={t('facilitator.scope.label')} {...form.getInputProps('scope')}>
              <Stack gap={6} mt={6}>
                <Radio value="this" label={t('facilitator.scope.thisCancel')} />
                <Radio value="following" label={t('facilitator.scope.followingCancel')} />
              </Stack>
            </Radio.Group>
          )}
          {formError && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('facilitator.cancel.keep')}
            </Button>
            <Button type="submit" color="red.9" loading={cancel.isPending}>
              {t('facilitator.cancel.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
