import { KeyedLimit } from './keyed-limit';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedLimit', () => {
  it('runs at most the limit per key at once, the rest in arrival order, and other keys alongside', async () => {
    const limit = new KeyedLimit(2);
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        started.push(name);
        release.set(name, () => resolve(name));
      });
    const results = ['a1', 'a2', 'a3', 'a4'].map((n) => limit.run('a', task(n)));
    const other = limit.run('b', task('b1'));
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    release.get('a2')!();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    release.get('a1')!();
    release.get('a3')!();
    await tick();
    release.get('a4')!();
    release.get('b1')!();
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(await other).toBe('b1');
    expect(limit.size('a')).toBe(0);
    expect(limit.size('b')).toBe(0);
  });

  it('passes the slot on when a task fails', async () => {
    const limit = new KeyedLimit(1);
    const failing = limit.run('a', () => Promise.reject(new Error('no')));
    const next = limit.run('a', () => Promise.resolve('yes'));
    await expect(failing).rejects.toThrow('no');
    expect(await next).toBe('yes');
    expect(limit.size('a')).toBe(0);
  });
});
