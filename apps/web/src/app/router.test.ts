import { describe, expect, it } from 'vitest';
import { safeNext } from './router';

const ORIGIN = 'https://roundtable.example';

describe('safeNext: where sign-in may send a person on', () => {
  it.each([
    ['/sessions', '/sessions'],
    ['/meetings/11111111-1111-4111-8111-111111111111/feedback', '/meetings/11111111-1111-4111-8111-111111111111/feedback'],
    ['/programmes/p?tab=people#top', '/programmes/p?tab=people#top'],
    ['/a/../sessions', '/sessions'],
    ['/%09/evil.example', '/%09/evil.example'],
  ])('keeps a path inside the app: %s', (next, kept) => {
    expect(safeNext(next, ORIGIN)).toBe(kept);
  });

  it.each([
    ['a tab the URL parser drops', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a carriage return', '/\r//evil.example'],
    ['a NUL', '/\u0000/evil.example'],
    ['a C1 control', '/\u0085/evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash read as a slash', '/\\evil.example'],
    ['backslashes only', '\\\\evil.example'],
    ['a slash then a backslash deeper in', '/sessions\\..\\..\\evil'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'sessions'],
    ['a path that resolves to a protocol-relative one', '/.//evil.example'],
    ['nothing', ''],
    ['not a string', 42],
    ['an array', ['/sessions']],
  ])('refuses %s', (_what, next) => {
    expect(safeNext(next, ORIGIN)).toBeUndefined();
  });
});
