import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { UseQueryResult } from '@tanstack/react-query';
import { ReactNode } from 'react';
import { isProblem, statusOf } from '../app/api';
import { useT } from '../i18n';

/** A spinner with a label screen readers announce. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label ?? t('state.loading')}</Text>
      </Group>
    </Center>
  );
}

/** The message to show for a failed request: the API's own message, or what a network failure means. */
export function useProblemText(): (error: unknown) => string {
  const t = useT();
  return (error) => {
    if (isProblem(error)) {
      if (error.statusCode === 404) return error.message || t('state.error.notFound');
      return error.message;
    }
    return t('state.error.network');
  };
}

/** Shows a refusal (or a network failure) that belongs to no form as a red notification, in the API's words. */
export function useNotifyProblem(): (error: unknown, title?: string) => void {
  const text = useProblemText();
  return (error, title) => notifications.show({ color: 'red', title, message: text(error) });
}

/** A failed request, said plainly, with a retry when one may help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const text = useProblemText();
  const status = statusOf(error);
  return (
    <Alert color="red" title={t('state.error.title')} role="alert" variant="light">
      <Stack gap="xs">
        <Text size="sm">{text(error)}</Text>
        {onRetry && (status === 0 || status >= 500) && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('state.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** Nothing to show yet: a sentence saying so, and what to do about it. */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap="sm" py="xl">
      <Text c="dimmed" ta="center">
        {children}
      </Text>
      {action}
    </Stack>
  );
}

/**
 * A query's three states in one place: loading, error (with retry), then the data, or `empty` when
 * `isEmpty(data)` says there is nothing.
 */
export function QueryView<T>({
  query,
  children,
  empty,
  isEmpty,
}: {
  query: UseQueryResult<T, unknown>;
  children: (data: T) => ReactNode;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (empty !== undefined && isEmpty?.(query.data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}

export { isProblem };
