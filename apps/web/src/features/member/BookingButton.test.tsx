import { client, meetingsGetOptions } from '@roundtable/api-client';
import { QueryClient, useQuery } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { BookableMeeting, BookingButton } from './BookingButton';

const HOUR = 60 * 60 * 1000;

const meeting = (overrides: Partial<BookableMeeting> = {}): BookableMeeting => ({
  id: '11111111-1111-4111-8111-111111111111',
  title: 'Session 8: Pricing for value',
  startsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
  status: 'scheduled',
  capacity: 10,
  confirmedCount: 4,
  waitlistCount: 0,
  myBooking: null,
  ...overrides,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const booking = (status: 'confirmed' | 'waitlisted' | 'cancelled', position: number | null = null) => ({
  id: '22222222-2222-4222-8222-222222222222',
  meetingId: '11111111-1111-4111-8111-111111111111',
  userId: '33333333-3333-4333-8333-333333333333',
  status,
  position,
  mode: null,
  createdAt: new Date().toISOString(),
});

type Place = BookableMeeting['myBooking'];

/**
 * A fake API. GET of the meeting answers at once with `server` (the meeting as the API holds it now, which a
 * test changes to play another tab or the waiting list moving); a booking or a cancellation waits until the
 * test answers it, to see what shows while the request is in flight.
 */
function fakeApi(initial: BookableMeeting) {
  let server = initial;
  const pending: ((response: Response) => void)[] = [];
  const requests: Request[] = [];
  const fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method === 'GET') return Promise.resolve(json(200, server));
    requests.push(request);
    return new Promise<Response>((resolve) => pending.push(resolve));
  });
  return {
    fetch,
    requests,
    /** Answers the oldest unanswered booking or cancellation; `then` is the meeting as the API holds it after. */
    answer: (response: Response, then: Partial<BookableMeeting> = {}) => {
      server = { ...server, ...then };
      pending.shift()?.(response);
    },
    setServer: (then: Partial<BookableMeeting>) => {
      server = { ...server, ...then };
    },
  };
}

/** The button as the pages hold it: fed by the meeting read from the API, and refreshed when that is. */
function Harness({ id }: { id: string }) {
  const query = useQuery(meetingsGetOptions({ path: { meetingId: id } }));
  return query.data ? <BookingButton meeting={query.data as BookableMeeting} /> : null;
}

let api: ReturnType<typeof fakeApi>;
let queryClient: QueryClient;
/** Renders the button for `initial` as the API holds it, once the meeting has loaded. */
async function renderButton(initial: BookableMeeting) {
  api = fakeApi(initial);
  client.setConfig({ baseUrl: 'http://localhost', fetch: api.fetch as unknown as typeof fetch });
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = renderWithProviders(<Harness id={initial.id} />, queryClient);
  await screen.findByTestId('booking');
  return view;
}
const booked: Place = { id: 'b', status: 'confirmed', position: null };

describe('BookingButton', () => {
  afterEach(() => {
    client.setConfig({ baseUrl: '', fetch: globalThis.fetch });
  });

  it('books in one tap: "Booked" shows at once, before the API answers', async () => {
    const user = userEvent.setup();
    await renderButton(meeting());
    await user.click(screen.getByRole('button', { name: 'Book a seat' }));
    expect(screen.getByText('Booked')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel booking' })).toBeInTheDocument();
    await waitFor(() => expect(api.requests).toHaveLength(1));
    const request = api.requests[0];
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/meetings/11111111-1111-4111-8111-111111111111/bookings');
    expect(request.headers.get('Idempotency-Key')).toMatch(/\S{8,}/);
    api.answer(json(201, booking('confirmed')), { myBooking: booked, confirmedCount: 5 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel booking' })).toBeEnabled());
    expect(screen.getByText('Booked')).toBeInTheDocument();
  });

  it('shows a waitlisted booking with its position, and offers to leave the list', async () => {
    await renderButton(meeting({ myBooking: { id: 'b', status: 'waitlisted', position: 3 } }));
    expect(screen.getByText('On the waiting list: number 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave the waiting list' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Book a seat' })).not.toBeInTheDocument();
  });

  it('cancels in two taps, the second confirming; "Booking cancelled" shows at once', async () => {
    const user = userEvent.setup();
    await renderButton(meeting({ myBooking: booked }));
    await user.click(screen.getByRole('button', { name: 'Cancel booking' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your booking?' });
    expect(api.requests).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel booking' }));
    expect(screen.getByText('Booking cancelled')).toBeInTheDocument();
    await waitFor(() => expect(api.requests).toHaveLength(1));
    expect(api.requests[0].method).toBe('DELETE');
    expect(new URL(api.requests[0].url).pathname).toBe('/api/meetings/11111111-1111-4111-8111-111111111111/bookings/mine');
    api.answer(json(200, booking('cancelled')), { myBooking: null, confirmedCount: 3 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Book a seat' })).toBeEnabled());
    expect(screen.getByText('Booking cancelled')).toBeInTheDocument();
  });

  it('keeps the seat when the person thinks better of cancelling', async () => {
    const user = userEvent.setup();
    await renderButton(meeting({ myBooking: booked }));
    await user.click(screen.getByRole('button', { name: 'Cancel booking' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your booking?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep my place' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Booked')).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  it('offers the waiting list on a full meeting, and shows the position the API gives', async () => {
    const user = userEvent.setup();
    await renderButton(meeting({ confirmedCount: 10, waitlistCount: 1 }));
    await user.click(screen.getByRole('button', { name: 'Join the waiting list' }));
    expect(screen.getByText('On the waiting list: number 2')).toBeInTheDocument();
    await waitFor(() => expect(api.requests).toHaveLength(1));
    api.answer(json(201, booking('waitlisted', 4)), { myBooking: { id: 'b', status: 'waitlisted', position: 4 } });
    expect(await screen.findByText('On the waiting list: number 4')).toBeInTheDocument();
  });

  it('shows the waiting list when the last seat went meanwhile: the API’s answer stands', async () => {
    const user = userEvent.setup();
    await renderButton(meeting({ confirmedCount: 9 }));
    await user.click(screen.getByRole('button', { name: 'Book a seat' }));
    expect(screen.getByText('Booked')).toBeInTheDocument();
    await waitFor(() => expect(api.requests).toHaveLength(1));
    api.answer(json(201, booking('waitlisted', 1)), { myBooking: { id: 'b', status: 'waitlisted', position: 1 } });
    expect(await screen.findByText('On the waiting list: number 1')).toBeInTheDocument();
    expect(screen.queryByText('Booked')).not.toBeInTheDocument();
  });

  it('rolls a refused booking back and shows the API’s message', async () => {
    const user = userEvent.setup();
    await renderButton(meeting());
    await user.click(screen.getByRole('button', { name: 'Book a seat' }));
    expect(screen.getByText('Booked')).toBeInTheDocument();
    await waitFor(() => expect(api.requests).toHaveLength(1));
    api.answer(json(409, { statusCode: 409, code: 'booking_closed', message: 'The meeting has started' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The meeting has started');
    expect(screen.queryByText('Booked')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Book a seat' })).toBeEnabled();
  });

  it('rolls a refused cancellation back to the booked seat, with the API’s message', async () => {
    const user = userEvent.setup();
    await renderButton(meeting({ myBooking: booked }));
    await user.click(screen.getByRole('button', { name: 'Cancel booking' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, cancel booking' }));
    expect(screen.getByText('Booking cancelled')).toBeInTheDocument();
    await waitFor(() => expect(api.requests).toHaveLength(1));
    api.answer(
      json(409, {
        statusCode: 409,
        code: 'meeting_started',
        message: 'The meeting has started: send apologies to the facilitator instead',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('send apologies to the facilitator instead');
    expect(screen.getByText('Booked')).toBeInTheDocument();
    expect(screen.queryByText('Booking cancelled')).not.toBeInTheDocument();
  });

  it('does not offer booking for a meeting that has started, nor for a cancelled one', async () => {
    const { unmount } = await renderButton(meeting({ startsAt: new Date(Date.now() - HOUR).toISOString() }));
    expect(screen.getByText('Booking has closed')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    unmount();
    await renderButton(meeting({ status: 'cancelled' }));
    expect(screen.getByText('This session was cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('keeps a past booking visible, without a way to cancel it', async () => {
    await renderButton(meeting({ startsAt: new Date(Date.now() - HOUR).toISOString(), myBooking: booked }));
    expect(screen.getByText('Booked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel booking' })).not.toBeInTheDocument();
  });

  it('refused, then refetched shows the server’s state: booked in another tab', async () => {
    const user = userEvent.setup();
    // This tab loaded the meeting before the person booked it in another tab.
    await renderButton(meeting());
    api.setServer({ myBooking: booked, confirmedCount: 5 });
    await user.click(screen.getByRole('button', { name: 'Book a seat' }));
    await waitFor(() => expect(api.requests).toHaveLength(1));
    api.answer(json(409, { statusCode: 409, code: 'already_booked', message: 'You have already booked this meeting' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You have already booked this meeting');
    // The rollback said "not booked"; the meeting read again says booked, and that is what stays.
    expect(await screen.findByText('Booked')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel booking' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Book a seat' })).not.toBeInTheDocument();
  });

  it('shows the seat when the waiting list moves and the person is promoted', async () => {
    const user = userEvent.setup();
    await renderButton(meeting({ confirmedCount: 10, waitlistCount: 1 }));
    await user.click(screen.getByRole('button', { name: 'Join the waiting list' }));
    await waitFor(() => expect(api.requests).toHaveLength(1));
    api.answer(json(201, booking('waitlisted', 2)), { myBooking: { id: 'b', status: 'waitlisted', position: 2 } });
    expect(await screen.findByText('On the waiting list: number 2')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Leave the waiting list' })).toBeEnabled());
    // Someone cancelled: the person is promoted, and the next read of the meeting shows it.
    api.setServer({ myBooking: booked });
    await act(() => queryClient.invalidateQueries());
    expect(await screen.findByText('Booked')).toBeInTheDocument();
    expect(screen.queryByText(/On the waiting list/)).not.toBeInTheDocument();
  });

  it('sends one cancellation for a double tap on "Yes, cancel booking"', async () => {
    const user = userEvent.setup();
    await renderButton(meeting({ myBooking: booked }));
    await user.click(screen.getByRole('button', { name: 'Cancel booking' }));
    const confirm = within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, cancel booking' });
    await user.dblClick(confirm);
    await waitFor(() => expect(api.requests).toHaveLength(1));
    api.answer(json(200, booking('cancelled')), { myBooking: null, confirmedCount: 3 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Book a seat' })).toBeEnabled());
    expect(api.requests).toHaveLength(1);
    expect(screen.getByText('Booking cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
