import { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { statusOf } from './api';
import { AppLayout } from './AppLayout';
import { NotFound } from './NotFound';
import { homeOf, meQuery, toViewer } from './session';

export interface RouterContext {
  queryClient: QueryClient;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** A `next` after sign-in only ever points inside the app (never `//evil.example` or `https://…`). */
const safeNext = (value: unknown): string | undefined => {
  const next = text(value);
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : undefined;
};

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

// Pages anyone may open, signed in or not.
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { next?: string } => ({ next: safeNext(search.next) }),
  component: lazyRouteComponent(() => import('../features/account/LoginPage')),
});
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('../features/account/ForgotPasswordPage')),
});
const tokenSearch = (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) });
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import('../features/account/ResetPasswordPage')),
});
const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/accept',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import('../features/account/AcceptInvitationPage')),
});

// Everything else needs a session: without one, sign in first and come back.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery());
    } catch (error) {
      if (statusOf(error) === 401) throw redirect({ to: '/login', search: { next: location.href } });
      throw error;
    }
  },
  component: AppLayout,
});

const page = (path: string, load: Parameters<typeof lazyRouteComponent>[0]) =>
  createRoute({ getParentRoute: () => appRoute, path, component: lazyRouteComponent(load) });

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    const me = context.queryClient.getQueryData(meQuery().queryKey);
    if (me) throw redirect({ to: homeOf(toViewer(me)) });
  },
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
    page('/sessions', () => import('../features/member/SessionsPage')),
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
    page('/meetings/$meetingId/run', () => import('../features/facilitator/RunSessionPage')),
    page('/meetings/$meetingId/edit', () => import('../features/facilitator/EditMeetingPage')),
    page('/applications/$applicationId', () => import('../features/applications/ApplicationPage')),
    // Programme managers and admins.
    page('/programmes', () => import('../features/manager/ProgrammesPage')),
    page('/programmes/$programmeId', () => import('../features/manager/ProgrammePage')),
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
