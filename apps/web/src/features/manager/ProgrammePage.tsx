import { Paper, Tabs, Text } from '@mantine/core';
import { programmesGetOptions } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { AnchorLink } from './AnchorLink';
import { ApplicationsTab } from './ApplicationsTab';
import { FirmsTab } from './FirmsTab';
import { GroupsTab } from './GroupsTab';
import { InvitationsTab } from './InvitationsTab';
import { OverviewTab } from './OverviewTab';
import { PeopleTab } from './PeopleTab';
import { ProgrammeForm } from './ProgrammeForm';
import { isProgrammeTab, PROGRAMME_TABS, ProgrammeTab } from './tabs';

/** A programme, as its manager runs it: overview, groups, firms, people, invitations, applications, settings. */
export default function ProgrammePage() {
  const t = useT();
  const { programmeId } = useParams({ from: '/app/programmes/$programmeId' });
  const search = useSearch({ from: '/app/programmes/$programmeId' });
  const navigate = useNavigate({ from: '/programmes/$programmeId' });
  const tab: ProgrammeTab = isProgrammeTab(search.tab) ? search.tab : 'overview';
  const goTo = (next: ProgrammeTab) => void navigate({ search: { tab: next === 'overview' ? undefined : next }, replace: false });
  const programme = useQuery(programmesGetOptions({ path: { programmeId } }));

  return (
    <QueryView query={programme}>
      {(p) => (
        <>
          <PageHeader
            title={p.name}
            subtitle={t('manager.programme.subtitle', { region: p.region, funder: p.funder })}
            actions={
              <AnchorLink to="/metrics" search={{ programmeId: p.id }}>
                {t('metrics.open')}
              </AnchorLink>
            }
          />
          <Tabs value={tab} onChange={(value) => isProgrammeTab(value) && goTo(value)} keepMounted={false}>
            <Tabs.List mb="md">
              {PROGRAMME_TABS.map((name) => (
                <Tabs.Tab key={name} value={name}>
                  {t(`manager.tab.${name}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="overview">
              <OverviewTab programme={p} goTo={goTo} />
            </Tabs.Panel>
            <Tabs.Panel value="groups">
              <GroupsTab programmeId={p.id} goTo={goTo} />
            </Tabs.Panel>
            <Tabs.Panel value="firms">
              <FirmsTab programmeId={p.id} />
            </Tabs.Panel>
            <Tabs.Panel value="people">
              <PeopleTab programmeId={p.id} />
            </Tabs.Panel>
            <Tabs.Panel value="invitations">
              <InvitationsTab programmeId={p.id} />
            </Tabs.Panel>
            <Tabs.Panel value="applications">
              <ApplicationsTab programmeId={p.id} />
            </Tabs.Panel>
            <Tabs.Panel value="settings">
              <Paper withBorder p="md" radius="md" maw={720}>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('manager.settings.intro')}
                </Text>
                <ProgrammeForm programme={p} />
              </Paper>
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </QueryView>
  );
}
