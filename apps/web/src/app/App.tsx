import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { I18nProvider } from '../i18n';
import { statusOf } from './api';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';
import './api';

// Where notifications appear: its own chunk, loaded after the first render (`notifications.show()` queues
// in the package's store until it mounts).
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));

/** A 401 anywhere means the session ended (expired, signed out elsewhere): sign in again, then come back. */
function whenSignedOut(error: unknown, router: ReturnType<typeof createAppRouter>) {
  if (statusOf(error) !== 401) return;
  const { pathname, href } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate({ to: '/login', search: { next: href } });
}

export function createQueryClient(onError: (error: unknown) => void = () => undefined): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A refusal (4xx) will not change by asking again; a network failure or 5xx may.
        retry: (count, error) => count < 2 && (statusOf(error) === 0 || statusOf(error) >= 500),
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function App() {
  const [{ router, queryClient }] = useState(() => {
    const holder: { router?: ReturnType<typeof createAppRouter> } = {};
    const client = createQueryClient((error) => holder.router && whenSignedOut(error, holder.router));
    holder.router = createAppRouter(client);
    return { router: holder.router, queryClient: client };
  });
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Suspense fallback={null}>
        <Notifications position="top-right" />
      </Suspense>
      <I18nProvider locale={navigator.language}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nProvider>
    </MantineProvider>
  );
}
