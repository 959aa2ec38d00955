import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useT } from '../i18n';

export function NotFound() {
  const t = useT();
  return (
    <Stack component="main" p="xl" gap="sm" maw={560} mx="auto">
      <Title order={1}>{t('state.notFound.title')}</Title>
      <Text>{t('state.error.notFound')}</Text>
      <Anchor component={Link} to="/">
        {t('state.notFound.back')}
      </Anchor>
    </Stack>
  );
}
