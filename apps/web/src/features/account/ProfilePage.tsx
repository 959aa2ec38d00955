import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { useViewer } from '../../app/session';
import { useT } from '../../i18n';
import { CalendarFeedCard } from './CalendarFeedCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { NotificationPreferencesCard } from './NotificationPreferencesCard';
import { ProfileDetailsCard } from './ProfileDetailsCard';

/** The signed-in person's own settings: details and time zone, optional emails, calendar link, password. */
export default function ProfilePage() {
  const t = useT();
  const viewer = useViewer();
  return (
    <Stack maw={720} gap="lg">
      <PageHeader title={t('account.profile.title')} subtitle={t('account.profile.subtitle', { email: viewer.email })} />
      <ProfileDetailsCard />
      <NotificationPreferencesCard />
      <CalendarFeedCard />
      <ChangePasswordCard />
    </Stack>
  );
}
