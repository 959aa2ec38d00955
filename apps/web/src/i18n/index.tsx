import { ReactNode, useCallback } from 'react';
import { IntlProvider, PrimitiveType, useIntl } from 'react-intl';
import type { MessageId } from './en';
import { common } from './en/common';

export type { MessageId };
export type MessageValues = Record<string, PrimitiveType | ReactNode>;

/**
 * The messages in use. The shell's words (`common`) are in the entry chunk; every page's come in one chunk of
 * their own, which the router fetches alongside the first page's (`loadMessages()`), so the entry does not grow
 * with each page's words. English is the only locale today, and the fallback for any missing message.
 */
const messages: Record<string, string> = { ...common };
let loaded: Promise<void> | undefined;

/** Every page's messages, fetched once; resolved before any page renders (the router awaits it with the page). */
export function loadMessages(): Promise<void> {
  loaded ??= import('./en').then(({ en }) => {
    Object.assign(messages, en);
  });
  return loaded;
}

export function I18nProvider({ locale = 'en', children }: { locale?: string; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} defaultLocale="en" messages={messages}>
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
