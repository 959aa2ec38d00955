import { SimpleGrid } from '@mantine/core';
import { firmsGetOptions, meetingsListOpenEventsOptions } from '@roundtable/api-client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useViewer } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { useT } from '../../i18n';
import { MeetingCard } from './MeetingCard';

/** The programme's open events: talks and workshops any firm of the programme may book. */
export default function EventsPage() {
  const t = useT();
  const viewer = useViewer();
  const [from] = useState(() => new Date().toISOString());
  const firm = useQuery({ ...firmsGetOptions({ path: { firmId: viewer.firmId ?? '' } }), enabled: Boolean(viewer.firmId) });
  const programmeId = firm.data?.programmeId ?? '';
  const events = useQuery({
    ...meetingsListOpenEventsOptions({ path: { programmeId }, query: { from, limit: 100 } }),
    enabled: Boolean(programmeId),
  });
  return (
    <>
      <PageHeader title={t('member.events.title')} subtitle={t('member.events.subtitle')} />
      {!viewer.firmId ? (
        <EmptyState>{t('member.noFirm')}</EmptyState>
      ) : (
        <QueryView query={firm}>
          {() => (
            <QueryView query={events} isEmpty={(list) => list.length === 0} empty={t('member.events.empty')}>
              {(list) => (
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  {list.map((meeting) => (
                    <MeetingCard key={meeting.id} meeting={meeting} />
                  ))}
                </SimpleGrid>
              )}
            </QueryView>
          )}
        </QueryView>
      )}
    </>
  );
}
