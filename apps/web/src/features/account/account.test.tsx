import { MeDto, client } from '@roundtable/api-client';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRoute, createRouter, Outlet, RouterProvider } from '@tanstack/react-router';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meQuery } from '../../app/session';
import { renderWithProviders } from '../../test/render';
import { CalendarFeedCard } from './CalendarFeedCard';
import LoginPage from './LoginPage';
import { NotificationPreferencesCard } from './NotificationPreferencesCard';

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const me: MeDto = {
  id: '33333333-3333-4333-8333-333333333333',
  email: 'ailsa@example.co.uk',
  name: 'Ailsa Grant',
  timezone: 'Europe/London',
  firmId: '44444444-4444-4444-8444-444444444444',
  roles: [],
};

/** Answers each request with the next of `answers` for its method and path. */
function fakeApi(answers: Record<string, Array<() => Response>>) {
  const requests: Array<{ method: string; path: string; body: string }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const key = `${request.method} ${path}`;
    requests.push({ method: request.method, path, body: await request.clone().text() });
    const next = answers[key]?.shift();
    if (!next) throw new Error(`unexpected ${key}`);
    return next();
  });
  client.setConfig({ baseUrl: 'http://localhost', fetch: fetch as unknown as typeof globalThis.fetch });
  return { requests };
}

function signedIn(): QueryClient {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQuery().queryKey, me);
  return queryClient;
}

afterEach(() => client.setConfig({ baseUrl: '', fetch: globalThis.fetch }));

describe('LoginPage', () => {
  function renderLogin() {
    const root = createRootRoute({ component: Outlet });
    const login = createRoute({
      getParentRoute: () => root,
      path: '/login',
      validateSearch: (s: Record<string, unknown>): { next?: string } => ({ next: s.next as string | undefined }),
      component: LoginPage,
    });
    const home = createRoute({ getParentRoute: () => root, path: '/', component: () => <p>home page</p> });
    const actions = createRoute({ getParentRoute: () => root, path: '/actions', component: () => <p>my actions</p> });
    const router = createRouter({
      routeTree: root.addChildren([login, home, actions]),
      history: createMemoryHistory({ initialEntries: ['/login?next=%2Factions'] }),
    });
    renderWithProviders(<RouterProvider router={router as never} />);
  }

  it("shows the API's own message for a wrong password, and keeps the person on the form", async () => {
    fakeApi({
      'POST /api/auth/login': [
        () => json(401, { statusCode: 401, code: 'invalid_credentials', message: 'Email or password is incorrect.' }),
      ],
    });
    const user = userEvent.setup();
    renderLogin();
    await user.type(await screen.findByLabelText('Email'), 'ailsa@example.co.uk');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect.');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('says how long to wait when sign-in is throttled', async () => {
    fakeApi({
      'POST /api/auth/login': [
        () =>
          json(429, {
            statusCode: 429,
            code: 'too_many_login_attempts',
            message: 'Too many login attempts. Try again in 15 minutes.',
          }),
      ],
    });
    const user = userEvent.setup();
    renderLogin();
    await user.type(await screen.findByLabelText('Email'), 'ailsa@example.co.uk');
    await user.type(screen.getByLabelText('Password'), 'whatever-it-is');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Please wait');
    expect(alert).toHaveTextContent('Try again in 15 minutes.');
  });

  it('goes on to `next` once signed in', async () => {
    fakeApi({ 'POST /api/auth/login': [() => json(200, { token: 't', expiresAt: new Date().toISOString(), user: me })] });
    const user = userEvent.setup();
    renderLogin();
    await user.type(await screen.findByLabelText('Email'), 'ailsa@example.co.uk');
    await user.type(screen.getByLabelText('Password'), 'the-right-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('my actions')).toBeInTheDocument();
  });
});

describe('NotificationPreferencesCard', () => {
  it('switches at once, and switches back when the API refuses', async () => {
    const api = fakeApi({
      'GET /api/me/notification-preferences': [() => json(200, { reminders: true, recaps: true, briefs: true })],
      'PATCH /api/me/notification-preferences': [
        () => json(400, { statusCode: 400, code: 'validation_failed', message: 'Not now.' }),
      ],
    });
    const user = userEvent.setup();
    renderWithProviders(<NotificationPreferencesCard />, signedIn());
    const reminders = await screen.findByRole('switch', { name: /^Reminders/ });
    expect(reminders).toBeChecked();
    // Briefs are for facilitators: this member has no switch for them.
    expect(screen.queryByRole('switch', { name: /^Facilitator briefs/ })).toBeNull();
    await user.click(reminders);
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(JSON.parse(api.requests.find((r) => r.method === 'PATCH')!.body)).toEqual({ reminders: false });
    await waitFor(() => expect(screen.getByRole('switch', { name: /^Reminders/ })).toBeChecked());
  });
});

describe('CalendarFeedCard', () => {
  it('shows a new link once, as https and webcal, and stops it after a confirmation', async () => {
    const url = 'http://localhost/api/calendar/abc123.ics';
    const api = fakeApi({
      'GET /api/me/calendar-feed': [
        () => json(200, { active: false, createdAt: null }),
        () => json(200, { active: true, createdAt: new Date().toISOString() }),
        () => json(200, { active: false, createdAt: null }),
      ],
      'POST /api/me/calendar-feed': [() => json(201, { url, createdAt: new Date().toISOString() })],
      'DELETE /api/me/calendar-feed': [() => json(204, null)],
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarFeedCard />, signedIn());
    await user.click(await screen.findByRole('button', { name: 'Make a subscription link' }));
    expect(await screen.findByLabelText('Subscription link (https)')).toHaveValue(url);
    expect(screen.getByLabelText('Link for calendar apps (webcal)')).toHaveValue('webcal://localhost/api/calendar/abc123.ics');

    await user.click(await screen.findByRole('button', { name: 'Stop the link' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Stop the link' });
    expect(api.requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(confirm.querySelector('button')!);
    expect(await screen.findByText('You have no subscription link.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Subscription link (https)')).toBeNull();
    expect(api.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});
