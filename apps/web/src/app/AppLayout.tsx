import { AppShell, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { authLogoutMutation } from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Suspense, useEffect, useRef } from 'react';
import { Loading } from '../components/states';
import { MessageId, useT } from '../i18n';
import { useViewer, Viewer } from './session';

interface NavItem {
  to: string;
  label: MessageId;
}

/** The sections a viewer works in, by the roles they hold (a person may hold several). */
export function navigationFor(viewer: Viewer): NavItem[] {
  const items: NavItem[] = [];
  if (viewer.isMember) {
    items.push(
      { to: '/sessions', label: 'nav.sessions' },
      { to: '/actions', label: 'nav.actions' },
      { to: '/groups', label: 'nav.groups' },
      { to: '/events', label: 'nav.events' },
      { to: '/applications', label: 'nav.applications' },
      { to: '/firm', label: 'nav.firm' },
    );
  }
  if (viewer.isFacilitator)
    items.push({ to: '/facilitate', label: 'nav.facilitate' }, { to: '/calendar', label: 'nav.calendar' });
  if (viewer.isManager || viewer.isAdmin) items.push({ to: '/programmes', label: 'nav.programmes' });
  // The figures of their programme (a manager) or their own groups (a facilitator); an admin opens a programme's.
  if (viewer.isManager || viewer.isFacilitator) items.push({ to: '/metrics', label: 'nav.metrics' });
  if (viewer.isAdmin) items.push({ to: '/admin', label: 'nav.admin' });
  items.push({ to: '/profile', label: 'nav.profile' });
  return items;
}

/** The signed-in shell: header with the account menu, the role's navigation (a drawer on a phone), the page. */
export function AppLayout() {
  const t = useT();
  const viewer = useViewer();
  const [opened, { toggle, close }] = useDisclosure();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    ...authLogoutMutation(),
    onSettled: async () => {
      queryClient.clear();
      await navigate({ to: '/login' });
    },
  });
  const items = navigationFor(viewer);
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(path);
  // A new page: close the drawer and move focus to the page, so a screen reader or keyboard user starts there
  // (and focus never stays on a link in the closed drawer). Not on the first render: the browser places it then.
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    close();
    main.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [path, close]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')}
            />
            <Text component={Link} to="/" fw={700} size="lg" c="indigo.9" td="none">
              {t('app.name')}
            </Text>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton data-testid="account-menu">
                {/* Named "Account <name>": the visible name is part of the accessible name (WCAG 2.5.3). */}
                <VisuallyHidden>{t('app.account')} </VisuallyHidden>
                <Text size="sm" fw={500} truncate maw={200}>
                  {viewer.name}
                </Text>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('app.signedInAs', { name: viewer.email })}</Menu.Label>
              <Menu.Item component={Link} to="/profile">
                {t('nav.profile')}
              </Menu.Item>
              <Menu.Item onClick={() => logout.mutate({})}>{t('nav.signOut')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.mainNavigation')} component="nav">
        <ScrollArea>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={path === item.to || path.startsWith(`${item.to}/`)}
              onClick={close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} ref={main}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
