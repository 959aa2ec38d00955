import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..');
const STYLES = join(__dirname, '../../../../node_modules/@mantine/core/styles');

/** What a Mantine component is drawn with besides its own stylesheet (those of the app's components today). */
const BUILT_FROM: Record<string, string[]> = {
  Select: ['Combobox', 'Input'],
  MultiSelect: ['Combobox', 'Input', 'PillsInput', 'Pill'],
  Autocomplete: ['Combobox', 'Input'],
  TagsInput: ['Combobox', 'Input', 'PillsInput', 'Pill'],
  TextInput: ['Input'],
  Textarea: ['Input'],
  NumberInput: ['Input'],
  PasswordInput: ['Input'],
  NativeSelect: ['Input'],
  Modal: ['ModalBase', 'Overlay', 'CloseButton', 'Paper'],
  Drawer: ['ModalBase', 'Overlay', 'CloseButton', 'Paper'],
  Menu: ['Popover'],
  Tooltip: ['Popover'],
  Checkbox: ['CheckboxIndicator', 'InlineInput'],
  Radio: ['RadioIndicator', 'InlineInput'],
  Switch: ['InlineInput'],
  SegmentedControl: ['FloatingIndicator'],
};

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });

/**
 * main.tsx loads Mantine's stylesheets one component at a time (the whole sheet would block the first paint):
 * a component the app starts using without its line there would be drawn unstyled. This finds every component
 * imported from @mantine/core and checks its stylesheet, and those it is built from, are loaded.
 */
describe('Mantine stylesheets', () => {
  it('loads the stylesheet of every Mantine component the app imports', () => {
    const main = readFileSync(join(SRC, 'main.tsx'), 'utf8');
    const loaded = new Set([...main.matchAll(/@mantine\/core\/styles\/([A-Za-z]+)\.css/g)].map((m) => m[1]));
    const missing = new Set<string>();
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const [, names] of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@mantine\/core'/g)) {
        for (const raw of names.split(',')) {
          const name = raw
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0];
          if (!/^[A-Z]/.test(name)) continue;
          for (const needed of [name, ...(BUILT_FROM[name] ?? [])]) {
            if (existsSync(join(STYLES, `${needed}.css`)) && !loaded.has(needed)) {
              missing.add(`${needed} (for ${name} in ${relative(SRC, file)})`);
            }
          }
        }
      }
    }
    expect([...missing].sort()).toEqual([]);
  });
});
