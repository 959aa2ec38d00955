import { Stack, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  NotificationPreferencesDto,
  notificationPreferencesGetOptions,
  notificationPreferencesUpdateMutation,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useViewer } from '../../app/session';
import { QueryView, useNotifyProblem } from '../../components/states';
import { MessageId, useT } from '../../i18n';
import { Section } from './Section';

type Key = keyof NotificationPreferencesDto;
const SWITCHES: Array<{ key: Key; label: MessageId; hint: MessageId }> = [
  { key: 'reminders', label: 'account.prefs.reminders', hint: 'account.prefs.reminders.hint' },
  { key: 'recaps', label: 'account.prefs.recaps', hint: 'account.prefs.recaps.hint' },
  { key: 'briefs', label: 'account.prefs.briefs', hint: 'account.prefs.briefs.hint' },
];

/** The optional emails, each a switch that saves at once (shown switched straight away, put back if refused). */
export function NotificationPreferencesCard() {
  const t = useT();
  const refused = useNotifyProblem();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const query = useQuery(notificationPreferencesGetOptions());
  const key = notificationPreferencesGetOptions().queryKey;
  const update = useMutation({
    ...notificationPreferencesUpdateMutation(),
    onMutate: async ({ body }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<NotificationPreferencesDto>(key);
      if (before) queryClient.setQueryData<NotificationPreferencesDto>(key, { ...before, ...body });
      return { before };
    },
    onError: (error, _vars, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      refused(error);
    },
    onSuccess: (prefs, { body }) => {
      queryClient.setQueryData(key, prefs);
      const [changed] = Object.keys(body) as Key[];
      const item = SWITCHES.find((s) => s.key === changed);
      if (item)
        notifications.show({ message: t(prefs[changed] ? 'account.prefs.on' : 'account.prefs.off', { name: t(item.label) }) });
    },
  });
  // Facilitator briefs only mean something to someone who facilitates (or has the switch off already).
  const shown = (prefs: NotificationPreferencesDto) =>
    SWITCHES.filter((s) => s.key !== 'briefs' || viewer.isFacilitator || !prefs.briefs);
  return (
    <Section title={t('account.prefs.title')} subtitle={t('account.prefs.subtitle')}>
      <QueryView query={query}>
        {(prefs) => (
          <Stack gap="md">
            {shown(prefs).map((s) => (
              <Switch
                key={s.key}
                label={t(s.label)}
                description={t(s.hint)}
                checked={prefs[s.key]}
                onChange={(event) => update.mutate({ body: { [s.key]: event.currentTarget.checked } })}
              />
            ))}
          </Stack>
        )}
      </QueryView>
    </Section>
  );
}
