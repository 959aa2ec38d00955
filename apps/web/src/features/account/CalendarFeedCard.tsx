import { ActionIcon, Alert, Anchor, Button, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  calendarCreateMutation,
  calendarRevokeMutation,
  calendarStatusOptions,
  CreatedCalendarFeedDto,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { QueryView, useNotifyProblem } from '../../components/states';
import { MessageId, useT } from '../../i18n';
import { formatDate } from '../../lib/time';
import { Section } from './Section';

/** The same feed for calendar apps: `webcal://` makes the system offer to subscribe. */
export const webcalOf = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

function CopyField({ label, value, copy }: { label: MessageId; value: string; copy: MessageId }) {
  const t = useT();
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={t(label)}
        value={value}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        style={{ flex: 1, minWidth: 0 }}
      />
      <CopyButton value={value}>
        {({ copied, copy: doCopy }) => (
          <Tooltip label={copied ? t('action.copied') : t(copy)} withArrow>
            <ActionIcon
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal.9' : undefined}
              size={36}
              onClick={doCopy}
              aria-label={copied ? t('action.copied') : t(copy)}
            >
              <span aria-hidden>{copied ? '✓' : '⧉'}</span>
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** The secret subscription URL: made (shown once, with copy buttons), replaced, or stopped. */
export function CalendarFeedCard() {
  const t = useT();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const status = useQuery(calendarStatusOptions());
  const [made, setMade] = useState<CreatedCalendarFeedDto | null>(null);
  const [confirming, confirm] = useDisclosure(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: calendarStatusOptions().queryKey });
  const refused = useNotifyProblem();
  const create = useMutation({
    ...calendarCreateMutation(),
    onSuccess: (feed) => {
      setMade(feed);
      void refresh();
    },
    onError: (error) => refused(error),
  });
  const revoke = useMutation({
    ...calendarRevokeMutation(),
    onSuccess: () => {
      setMade(null);
      confirm.close();
      notifications.show({ message: t('account.feed.revoked') });
      void refresh();
    },
    onError: (error) => refused(error),
  });
  return (
    <Section title={t('account.feed.title')} subtitle={t('account.feed.explain')}>
      <QueryView query={status}>
        {(feed) => (
          <Stack gap="md" data-testid="calendar-feed">
            {made ? (
              <>
                <Alert color="yellow" variant="light" role="status">
                  <Text size="sm" c="dark.8">
                    {t('account.feed.secret')}
                  </Text>
                </Alert>
                <CopyField label="account.feed.webcal" value={webcalOf(made.url)} copy="account.feed.copyWebcal" />
                <CopyField label="account.feed.url" value={made.url} copy="account.feed.copyUrl" />
                <Anchor href={webcalOf(made.url)} size="sm">
                  {t('account.feed.openInApp')}
                </Anchor>
              </>
            ) : (
              <Text size="sm">
                {feed.active && feed.createdAt
                  ? t('account.feed.active', { date: formatDate(feed.createdAt, viewer.timezone) })
                  : t('account.feed.none')}
              </Text>
            )}
            <Group gap="sm">
              <Button
                variant={feed.active ? 'default' : 'filled'}
                loading={create.isPending}
                onClick={() => create.mutate({})}
                title={feed.active ? t('account.feed.replaceHint') : undefined}
              >
                {feed.active ? t('account.feed.replace') : t('account.feed.create')}
              </Button>
              {feed.active && !confirming && (
                <Button variant="outline" color="red.8" onClick={confirm.open}>
                  {t('account.feed.revoke')}
                </Button>
              )}
            </Group>
            {confirming && (
              <Alert color="red" variant="light" role="alertdialog" aria-label={t('account.feed.revoke')}>
                <Stack gap="sm">
                  <Text size="sm" c="dark.8">
                    {t('account.feed.revokeConfirm')}
                  </Text>
                  <Group gap="sm">
                    <Button color="red.8" loading={revoke.isPending} onClick={() => revoke.mutate({})}>
                      {t('account.feed.revoke')}
                    </Button>
                    <Button variant="default" onClick={confirm.close}>
                      {t('action.cancel')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {feed.active && !made && (
              <Text size="xs" c="dimmed">
                {t('account.feed.replaceHint')}
              </Text>
            )}
          </Stack>
        )}
      </QueryView>
    </Section>
  );
}
