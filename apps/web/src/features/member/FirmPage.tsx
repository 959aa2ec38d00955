import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  FirmDto,
  firmsGetOptions,
  firmsPeopleOptions,
  invitationsInviteMutation,
  membershipsForFirmOptions,
} from '@roundtable/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { showApiErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/time';
import classes from './member.module.css';
import { invalidateFirmPeople } from './queries';

function FirmDetails({ firm }: { firm: FirmDto }) {
  const t = useT();
  const rows: Array<[string, string]> = [
    [t('member.firm.companiesHouse'), firm.companiesHouseNumber ?? t('member.firm.none')],
    [t('member.firm.sic'), firm.sicCode],
    [t('member.firm.size'), t('employeeBand', { band: firm.employeeBand })],
    [t('member.firm.postcode'), firm.postcode],
    [t('member.firm.localAuthority'), firm.localAuthorityCode],
  ];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="firm-details">
      <Title order={2} size="h3" id="firm-details" mb="xs">
        {t('member.firm.details')}
      </Title>
      <dl className={classes.facts}>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <Text component="dt" size="sm" fw={600}>
              {label}
            </Text>
            <Text component="dd" size="sm">
              {value}
            </Text>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function People({ firmId }: { firmId: string }) {
  const t = useT();
  const people = useQuery(firmsPeopleOptions({ path: { firmId } }));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="firm-people">
      <Title order={2} size="h3" id="firm-people" mb="xs">
        {t('member.firm.people')}
      </Title>
      <QueryView query={people} isEmpty={(list) => list.length === 0} empty={t('member.firm.noPeople')}>
        {(list) => (
          <Stack gap={0} component="ul" className={classes.plainList}>
            {list.map((person) => (
              <Group
                key={person.id}
                component="li"
                justify="space-between"
                align="center"
                wrap="nowrap"
                gap="sm"
                py="xs"
                className={classes.row}
              >
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={600}>
                    {person.name}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {person.email}
                  </Text>
                </Stack>
                <StatusBadge tone={person.status === 'active' ? 'success' : person.status === 'invited' ? 'pending' : 'neutral'}>
                  {t(`member.firm.personStatus.${person.status}`)}
                </StatusBadge>
              </Group>
            ))}
          </Stack>
        )}
      </QueryView>
    </Card>
  );
}

function Groups({ firmId }: { firmId: string }) {
  const t = useT();
  const viewer = useViewer();
  const memberships = useQuery(membershipsForFirmOptions({ path: { firmId } }));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="firm-groups">
      <Title order={2} size="h3" id="firm-groups" mb="xs">
        {t('member.firm.groups')}
      </Title>
      <QueryView
        query={memberships}
        isEmpty={(list) => list.length === 0}
        empty={
          <Anchor component={Link} to="/groups">
            {t('member.firm.noGroups')}
          </Anchor>
        }
      >
        {(list) => (
          <Stack gap="xs">
            {list.map((m) => (
              <Group key={m.id} justify="space-between" gap="xs">
                <Anchor component={Link} to={`/groups/${m.groupId}`} size="sm">
                  {m.groupName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {m.status === 'active'
                    ? t('member.firm.joined', { date: formatDate(m.joinedAt, viewer.timezone) })
                    : t(`membershipStatus.${m.status}`)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </QueryView>
    </Card>
  );
}

function InviteForm({ firm }: { firm: FirmDto }) {
  const t = useT();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', email: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('member.invite.nameRequired')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('member.invite.emailInvalid')),
    },
  });
  const invite = useMutation({
    ...invitationsInviteMutation(),
    onSuccess: async (invitation) => {
      notifications.show({ color: 'teal', message: t('member.invite.sent', { email: invitation.email }) });
      form.reset();
      await invalidateFirmPeople(queryClient);
    },
    onError: (error) => setProblem(showApiErrors(form, error, t('member.invite.failed'))),
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="firm-invite">
      <Title order={2} size="h3" id="firm-invite" mb="xs">
        {t('member.invite.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('member.invite.intro', { firm: firm.name })}
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          invite.mutate({
            body: {
              name: values.name.trim(),
              email: values.email.trim(),
              role: 'member',
              firmId: firm.id,
              timezone: viewer.timezone,
            },
          });
        })}
      >
        <Stack gap="sm">
          {problem && (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          )}
          <TextInput label={t('member.invite.name')} required autoComplete="off" {...form.getInputProps('name')} />
          <TextInput label={t('member.invite.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
          <Group>
            <Button type="submit" loading={invite.isPending}>
              {t('member.invite.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The member's firm: its details, its people (and who is invited), its groups, and inviting a colleague. */
export default function FirmPage() {
  const t = useT();
  const viewer = useViewer();
  const firm = useQuery({ ...firmsGetOptions({ path: { firmId: viewer.firmId ?? '' } }), enabled: Boolean(viewer.firmId) });
  if (!viewer.firmId)
    return (
      <>
        <PageHeader title={t('member.firm.title')} />
        <EmptyState>{t('member.noFirm')}</EmptyState>
      </>
    );
  return (
    <>
      <PageHeader title={firm.data?.name ?? t('member.firm.title')} subtitle={t('member.firm.subtitle')} />
      <QueryView query={firm}>
        {(data) => (
          <Stack gap="md">
            <FirmDetails firm={data} />
            <People firmId={data.id} />
            <InviteForm firm={data} />
            <Groups firmId={data.id} />
          </Stack>
        )}
      </QueryView>
    </>
  );
}
