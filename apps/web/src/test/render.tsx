import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, RenderResult } from '@testing-library/react';
import { ReactElement } from 'react';
import { I18nProvider } from '../i18n';
import { theme } from '../app/theme';

/** A component with the app's providers (theme, messages, a query client that never retries). */
export function renderWithProviders(
  ui: ReactElement,
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } }),
): RenderResult {
  return render(
    <MantineProvider theme={theme}>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
      </I18nProvider>
    </MantineProvider>,
  );
}
