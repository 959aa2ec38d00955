import { createTheme, CSSVariablesResolver, rem } from '@mantine/core';

/**
 * Mantine's defaults fail WCAG AA contrast in three places (white on the default blue filled button, the
 * active nav link, and dimmed grey text): the primary shade is indigo 8 (#3b5bdb, 5.6:1 with white) and dimmed
 * text is grey 7 (#495057, 8:1 on white). Focus rings are always shown for keyboard users.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 4 },
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650', sizes: { h1: { fontSize: rem(26) }, h2: { fontSize: rem(20) }, h3: { fontSize: rem(17) } } },
  components: {
    // Every modal's close button gets an accessible name.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-placeholder': t.colors.gray[6] },
  dark: { '--mantine-color-dimmed': t.colors.gray[4] },
});
