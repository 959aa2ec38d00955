import { KeyedLimit, WaitTimeout } from './keyed-limit';

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

  it('gives up on a task that waits longer than its bound, and passes the slot on past it', async () => {
    const limit = new KeyedLimit(1);
    let release = () => {};
    const stuck = limit.run('a', () => new Promise<string>((resolve) => (release = () => resolve('stuck'))));
    const started: string[] = [];
    const task = (name: string) => () => {
      started.push(name);
      return Promise.resolve(name);
    };
    const impatient = limit.run('a', task('impatient'), 20);
    const patient = limit.run('a', task('patient'), 5_000);
    const unbounded = limit.run('a', task('unbounded'));
    await expect(impatient).rejects.toBeInstanceOf(WaitTimeout);
    expect(limit.size('a')).toBe(3);
    release();
    expect(await Promise.all([stuck, patient, unbounded])).toEqual(['stuck', 'patient', 'unbounded']);
    expect(started).toEqual(['patient', 'unbounded']);
    expect(limit.size('a')).toBe(0);
  });

  it('starts a task at once when a slot is free, whatever its bound', async () => {
    const limit = new KeyedLimit(2);
    expect(await limit.run('a', () => Promise.resolve('now'), 0)).toBe('now');
    expect(limit.size('a')).toBe(0);
  });
});
