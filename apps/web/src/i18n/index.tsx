import { ReactNode, useCallback } from 'react';
import { IntlProvider, PrimitiveType, useIntl } from 'react-intl';
import { en, MessageId } from './en';

export type { MessageId };
export type MessageValues = Record<string, PrimitiveType | ReactNode>;

/** The catalogue for a locale; English is the only one today, and the fallback for any missing message. */
const catalogues: Record<string, Record<string, string>> = { en };

export function I18nProvider({ locale = 'en', children }: { locale?: string; children: ReactNode }) {
  const language = locale.split('-')[0];
  return (
    <IntlProvider locale={locale} defaultLocale="en" messages={{ ...en, ...(catalogues[language] ?? {}) }}>
      {children}
    </IntlProvider>
  );
}

/** `t('nav.sessions')`, `t('member.seatsLeft', { count: 3 })`: a message of the catalogue, its id checked by TypeScript. */
export function useT(): (id: MessageId, values?: Record<string, PrimitiveType>) => string {
  const intl = useIntl();
  // Stable while the locale is: safe in effect and memo dependencies.
  return useCallback((id, values) => intl.formatMessage({ id }, values), [intl]);
}

/** A message as an element, when its values include elements (links, bold). */
export function T({ id, values }: { id: MessageId; values?: MessageValues }) {
  const intl = useIntl();
  return <>{intl.formatMessage({ id }, values)}</>;
}
