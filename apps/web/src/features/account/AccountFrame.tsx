import { Box, Center, Paper, Stack, Text } from '@mantine/core';
import { MeDto } from '@roundtable/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { ReactNode } from 'react';
import { meQuery } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';

/** The pages people see before they are signed in: the product's name, then one card holding the page. */
export function AccountFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <Center mih="100dvh" px="md" py="xl" bg="gray.0">
      <Box w="100%" maw={420}>
        <Stack gap={2} mb="lg" align="center">
          <Text fw={700} size="xl" c="indigo.9">
            {t('app.name')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('account.tagline')}
          </Text>
        </Stack>
        <Paper component="main" withBorder shadow="xs" radius="md" p={{ base: 'md', xs: 'xl' }}>
          <PageHeader title={title} subtitle={subtitle} />
          {children}
        </Paper>
      </Box>
    </Center>
  );
}

/**
 * After an answer that signed someone in (sign-in, a reset link, an invitation): forget whatever the last
 * person's session had cached, keep the new person, and go on (to `next`, which the router has made safe,
 * else to their home page).
 */
export function useSignedIn(): (user: MeDto, next?: string) => Promise<void> {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async (user, next) => {
    queryClient.clear();
    queryClient.setQueryData(meQuery().queryKey, user);
    if (next) router.history.replace(next);
    else await router.navigate({ to: '/', replace: true });
  };
}

/** The token of an emailed link: `?token=` (the router's search), or `#token=` should a mail client move it. */
export function linkToken(fromSearch: string | undefined): string | undefined {
  if (fromSearch) return fromSearch;
  const hash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return hash || undefined;
}

/** Client-side checks that match the API's own (it checks again, and its messages win). */
export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
export const MIN_PASSWORD = 10;
