import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { en } from './en';

const SRC = join(__dirname, '..');
/** Props a person reads (or a screen reader says): their text must come from the catalogue. */
const READ_PROPS = new Set(['label', 'placeholder', 'title', 'aria-label', 'description', 'alt', 'error', 'confirmLabel']);

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : sources(path);
    return /\.tsx$/.test(name) && !/\.test\.tsx$/.test(name) ? [path] : [];
  });

/** English written straight into the JSX of the app's components: text between tags, or a readable prop. */
function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]{2,}/.test(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (
      ts.isJsxAttribute(node) &&
      READ_PROPS.has(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    ) {
      // A message id ("member.apply.goal") is fine; a sentence or a capitalised word is English.
      if (/\s|^[A-Z]/.test(node.initializer.text))
        found.push(`${where(node)} ${node.name.getText(source)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the message catalogue', () => {
  it('holds every text the components show: no English written into JSX', () => {
    expect(sources(SRC).flatMap(literalTexts)).toEqual([]);
  });

  it('has a message for every id, each a non-empty string that parses as ICU', () => {
    const empty = Object.entries(en).filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(empty).toEqual([]);
    // Unbalanced braces break react-intl's formatter at run time: catch them here.
    const unbalanced = Object.entries(en).filter(([, text]) => {
      let depth = 0;
      for (const ch of text.replace(/'[{}]'/g, '')) {
        if (ch === '{') depth++;
        if (ch === '}') depth--;
        if (depth < 0) return true;
      }
      return depth !== 0;
    });
    expect(unbalanced).toEqual([]);
  });
});
