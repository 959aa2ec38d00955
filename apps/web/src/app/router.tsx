import {
  attendanceRosterOptions,
  commitmentsListForMeetingOptions,
  commitmentsReviewOptions,
  groupsMineOptions,
  meetingsGetOptions,
  notesListOptions,
} from '@roundtable/api-client';
import { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { sessionsFrom, upcomingSessionsOptions } from '../features/member/sessionsQuery';
import { validateMetricsSearch } from '../features/metrics/search';
import { loadMessages } from '../i18n';
import { statusOf } from './api';
import { NotFound } from './NotFound';
import { homeOf, meQuery, toViewer } from './session';

export interface RouterContext {
  queryClient: QueryClient;
}

type Loader = Parameters<typeof lazyRouteComponent>[0];
/** A page's chunk, and with it (once) every page's messages: the page renders only when both are here. */
const lazyPage = (load: Loader, name?: 'AppLayout') =>
  lazyRouteComponent(() => Promise.all([load(), loadMessages()]).then(([module]) => module), name);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/**
 * A `next` after sign-in only ever points inside the app: resolved as the browser would resolve it, it must
 * stay on this origin. Control characters (a tab or newline the URL parser drops, turning `/\t/evil.example`
 * into `//evil.example`) and backslashes (read as slashes) are refused outright. Answers the path, query and
 * fragment, never a whole URL.
 */
export function safeNext(value: unknown, origin: string = window.location.origin): string | undefined {
  const next = text(value);
  // eslint-disable-next-line no-control-regex
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f-\u009f\\]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith('//')) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

// Pages anyone may open, signed in or not.
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { next?: string } => ({ next: safeNext(search.next) }),
  component: lazyPage(() => import('../features/account/LoginPage')),
});
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyPage(() => import('../features/account/ForgotPasswordPage')),
});
const tokenSearch = (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) });
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: lazyPage(() => import('../features/account/ResetPasswordPage')),
});
const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/accept',
  validateSearch: tokenSearch,
  component: lazyPage(() => import('../features/account/AcceptInvitationPage')),
});

/**
 * What a page will ask the API for first, started by the router while the session is being checked and the
 * page's code downloads (instead of after both, when the page renders): the page then finds it in the cache.
 * Failures are the page's to show (its own query has the error); a 401 signs in again as everywhere.
 */
type Prefetch = (queryClient: QueryClient, params: Record<string, string>) => void;
/** Each signed-in page by its path: its chunk's loader, and what it asks for first. */
const pages = new Map<string, { component: { preload?: () => Promise<void> | undefined }; prefetch?: Prefetch }>();

const loadShell = () => Promise.all([import('./AppLayout'), loadMessages()]).then(([module]) => module);

// Everything else needs a session: without one, sign in first and come back.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location, matches, preload }) => {
    // The shell's chunk, the messages, the page's chunk and its first data start downloading while the session
    // is being checked (the router would otherwise ask for the chunks only after, and the page for its data
    // only once its chunk has arrived and rendered), and are cached for when the route renders.
    void loadShell().catch(() => undefined);
    for (const match of matches) {
      const page = pages.get(match.fullPath);
      void page?.component.preload?.()?.catch(() => undefined);
      if (!preload) page?.prefetch?.(context.queryClient, match.params as Record<string, string>);
    }
    try {
      await context.queryClient.ensureQueryData(meQuery());
    } catch (error) {
      if (statusOf(error) === 401) throw redirect({ to: '/login', search: { next: location.href } });
      throw error;
    }
  },
  // The signed-in shell (AppShell, menu, navigation) is its own chunk, fetched alongside the page's: the
  // sign-in pages never need it, and the entry stays small.
  component: lazyPage(loadShell, 'AppLayout'),
});

const page = (path: string, load: Loader, prefetch?: Prefetch) => {
  const component = lazyPage(load);
  pages.set(path, { component, prefetch });
  return createRoute({ getParentRoute: () => appRoute, path, component });
};

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    const me = context.queryClient.getQueryData(meQuery().queryKey);
    if (me) throw redirect({ to: homeOf(toViewer(me)) });
  },
});

// A programme's sections are tabs, named in the URL (?tab=groups) so a link or a reload opens the same one.
const programmeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programmes/$programmeId',
  validateSearch: (search: Record<string, unknown>): { tab?: string } => ({ tab: text(search.tab) }),
  component: lazyPage(() => import('../features/manager/ProgrammePage')),
});

// The metrics dashboards: a programme's for its managers (?programmeId=), a facilitator's own groups; filters in the URL.
const metricsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/metrics',
  validateSearch: validateMetricsSearch,
  component: lazyPage(() => import('../features/metrics/MetricsPage')),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  acceptInvitationRoute,
  appRoute.addChildren([
    homeRoute,
    page('/profile', () => import('../features/account/ProfilePage')),
    // Members.
    page(
      '/sessions',
      () => import('../features/member/SessionsPage'),
      (queryClient) => {
        void queryClient.prefetchQuery(upcomingSessionsOptions(sessionsFrom()));
        void queryClient.prefetchQuery(groupsMineOptions());
      },
    ),
    page('/actions', () => import('../features/member/ActionsPage')),
    page('/groups', () => import('../features/member/GroupsPage')),
    page('/events', () => import('../features/member/EventsPage')),
    page('/applications', () => import('../features/member/ApplicationsPage')),
    page('/firm', () => import('../features/member/FirmPage')),
    page('/meetings/$meetingId', () => import('../features/meetings/MeetingPage')),
    page('/meetings/$meetingId/feedback', () => import('../features/member/FeedbackPage')),
    // Facilitators (and managers, on the groups they oversee).
    page('/facilitate', () => import('../features/facilitator/MyGroupsPage')),
    page('/calendar', () => import('../features/facilitator/CalendarPage')),
    page('/groups/$groupId', () => import('../features/groups/GroupPage')),
    page('/groups/$groupId/schedule', () => import('../features/facilitator/SchedulePage')),
    page(
      '/meetings/$meetingId/run',
      () => import('../features/facilitator/RunSessionPage'),
      (queryClient, { meetingId }) => {
        const path = { path: { meetingId } };
        void queryClient.prefetchQuery(meetingsGetOptions(path));
        void queryClient.prefetchQuery(commitmentsReviewOptions(path));
        void queryClient.prefetchQuery(attendanceRosterOptions(path));
        void queryClient.prefetchQuery(commitmentsListForMeetingOptions(path));
        void queryClient.prefetchQuery(notesListOptions(path));
      },
    ),
    page('/meetings/$meetingId/edit', () => import('../features/facilitator/EditMeetingPage')),
    page('/applications/$applicationId', () => import('../features/applications/ApplicationPage')),
    // Programme managers and admins.
    page('/programmes', () => import('../features/manager/ProgrammesPage')),
    programmeRoute,
    metricsRoute,
    page('/admin', () => import('../features/admin/AdminPage')),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // The query cache is the data cache: the router keeps none of its own.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
