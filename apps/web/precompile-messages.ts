import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/**
 * In the production build, every message of `src/i18n/en/*.ts` is parsed once, here, into the ICU syntax tree
 * react-intl formats from, and the app ships react-intl without its message parser (formatjs' `no-parser`
 * build: about 8 kB gzip less in the entry chunk). Development and the component tests keep the strings and
 * the parser. A message that does not parse fails the build, naming it.
 */
export function precompileMessages(): Plugin {
  const catalogue = /[\\/]src[\\/]i18n[\\/]en[\\/](?!index\.)[^\\/]+\.ts$/;
  return {
    name: 'roundtable:precompile-messages',
    apply: 'build',
    config: () => ({
      resolve: {
        alias: [
          { find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' },
        ],
      },
    }),
    transform(code, id) {
      if (!catalogue.test(id)) return null;
      // A catalogue is plain data: `export const <area> = { 'id': 'message', … } as const;`, no imports.
      if (/^\s*import\s/m.test(code)) this.error(`${id}: a message catalogue must not import anything`);
      const exported: Record<string, Record<string, string>> = {};
      const body = code.replace(/\bexport const (\w+)\s*=/g, 'exported.$1 =').replace(/\}\s*as\s+const\s*;/g, '};');
      new Function('exported', body)(exported);
      const out = Object.entries(exported).map(([name, messages]) => {
        const compiled = Object.fromEntries(
          Object.entries(messages).map(([key, message]) => {
            try {
              return [key, parse(message)];
            } catch (error) {
              return this.error(`${id}: message '${key}' does not parse: ${(error as Error).message}`);
            }
          }),
        );
        return `export const ${name} = ${JSON.stringify(compiled)};`;
      });
      return { code: out.join('\n'), map: null };
    },
  };
}
