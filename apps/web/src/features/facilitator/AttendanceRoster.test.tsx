import {
  AttendanceStatus,
  client,
  groupsHealthQueryKey,
  meetingsGetQueryKey,
  meetingsListForGroupQueryKey,
  RosterPersonDto,
} from '@roundtable/api-client';
import { Notifications } from '@mantine/notifications';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { AttendanceRoster } from './AttendanceRoster';

const MEETING = {
  id: '6a0e9c1e-0000-4000-8000-000000000001',
  mode: 'in_person',
  startsAt: '2026-01-01T09:30:00Z',
  status: 'scheduled',
} as const;
const people: RosterPersonDto[] = Array.from({ length: 10 }, (_, i) => ({
  userId: `u${i}`,
  name: `Person ${i}`,
  firmName: `Firm ${i}`,
  bookingStatus: 'confirmed',
  attendanceStatus: null,
}));

vi.mock('../../app/session', () => ({ useViewer: () => ({ timezone: 'Europe/London' }) }));

/** A fake API: the roster, and PUT attendance applying (or refusing) each sheet, counting the requests. */
function fakeApi(refuse: (records: { userId: string; status: AttendanceStatus }[]) => boolean = () => false) {
  const sheet = new Map<string, AttendanceStatus>();
  const puts: { userId: string; status: AttendanceStatus }[][] = [];
  const fetchMock = vi.fn(async (request: Request) => {
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (request.method === 'PUT') {
      const { records } = (await request.json()) as { records: { userId: string; status: AttendanceStatus }[] };
      puts.push(records);
      if (refuse(records)) {
        // Slow enough to see the tap shown before the refusal arrives.
        await new Promise((r) => setTimeout(r, 300));
        return json(
          { statusCode: 409, code: 'meeting_cancelled', message: 'Attendance is not taken for a cancelled meeting' },
          409,
        );
      }
      for (const r of records) sheet.set(r.userId, r.status);
      return json({ meetingId: MEETING.id, meetingStatus: 'completed', records: [] });
    }
    return json(people.map((p) => ({ ...p, attendanceStatus: sheet.get(p.userId) ?? null })));
  });
  client.setConfig({ baseUrl: 'http://localhost', fetch: fetchMock as unknown as typeof fetch });
  return { sheet, puts };
}

const render = (queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })) =>
  renderWithProviders(
    <>
      <Notifications />
      <AttendanceRoster meeting={MEETING} />
    </>,
    queryClient,
  );
const row = (name: string) => screen.getByText(name).closest('[data-testid="roster-person"]') as HTMLElement;
const checked = (name: string, status: string) => (within(row(name)).getByLabelText(status) as HTMLInputElement).checked;

describe('the attendance roster', () => {
  afterEach(() => client.setConfig({ baseUrl: '', fetch: globalThis.fetch }));

  it('takes a ten-person roster in three taps: everyone present, then one tap per exception', async () => {
    const api = fakeApi();
    render();
    let taps = 0;
    fireEvent.click(await screen.findByRole('button', { name: 'Everyone present' }));
    taps++;
    await waitFor(() => expect(screen.getByTestId('attendance-count')).toHaveTextContent('10 of 10 here'));
    fireEvent.click(within(row('Person 3')).getByLabelText('Apologies'));
    taps++;
    fireEvent.click(within(row('Person 7')).getByLabelText('No-show'));
    taps++;
    await waitFor(() => expect(screen.getByTestId('attendance-count')).toHaveTextContent('8 of 10 here'));
    expect(taps).toBe(3);
    await waitFor(() => expect(api.puts).toHaveLength(3));
    expect(api.puts[0]).toHaveLength(10);
    expect(api.puts[0].every((r) => r.status === 'present')).toBe(true);
    expect(api.puts.slice(1)).toEqual([[{ userId: 'u3', status: 'apologies' }], [{ userId: 'u7', status: 'no_show' }]]);
    expect(api.sheet.get('u3')).toBe('apologies');
    expect(checked('Person 7', 'No-show')).toBe(true);
  });

  it('shows a tap at once, and puts it back with the API’s reason when refused', async () => {
    fakeApi((records) => records.length === 1 && records[0].status === 'late');
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Everyone present' }));
    await waitFor(() => expect(checked('Person 2', 'Present')).toBe(true));

    fireEvent.click(within(row('Person 2')).getByLabelText('Late'));
    // Optimistic: the tap shows before the API has answered.
    await waitFor(() => expect(checked('Person 2', 'Late')).toBe(true));
    expect(screen.queryByText('Attendance is not taken for a cancelled meeting')).toBeNull();
    // Refused: back to what the sheet says, and the reason is shown.
    expect(await screen.findByText('Attendance is not taken for a cancelled meeting')).toBeInTheDocument();
    await waitFor(() => expect(checked('Person 2', 'Present')).toBe(true));
    expect(screen.getByTestId('attendance-count')).toHaveTextContent('10 of 10 here');
  });

  it('refreshes what recording attendance changes elsewhere: the meeting (now completed), the group’s list and health', async () => {
    const api = fakeApi();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    const GROUP = '6a0e9c1e-0000-4000-8000-0000000000aa';
    const elsewhere = [
      meetingsGetQueryKey({ path: { meetingId: MEETING.id } }),
      meetingsListForGroupQueryKey({ path: { groupId: GROUP } }),
      groupsHealthQueryKey({ path: { groupId: GROUP } }),
    ];
    // What other pages read before: the meeting still scheduled, the group's health without this session.
    for (const key of elsewhere) queryClient.setQueryData(key, { status: 'scheduled' });
    render(queryClient);
    fireEvent.click(await screen.findByRole('button', { name: 'Everyone present' }));
    await waitFor(() => expect(api.puts).toHaveLength(1));
    await waitFor(() => {
      for (const key of elsewhere) expect(queryClient.getQueryState(key)?.isInvalidated).toBe(true);
    });
  });
});
