import { describe, expect, it, vi } from 'vitest';
import { allPages, PAGE_SIZE, wholeList } from './paging';

/** A paged list of `total` numbers, read `PAGE_SIZE` at a time, counting the requests. */
const list = (total: number) => {
  const load = vi.fn(async (page: number) => ({
    items: Array.from(
      { length: Math.max(0, Math.min(PAGE_SIZE, total - (page - 1) * PAGE_SIZE)) },
      (_, i) => (page - 1) * PAGE_SIZE + i,
    ),
    total,
  }));
  return load;
};

describe('reading a whole paged list', () => {
  it('reads every page until the total, past any fixed number of pages', async () => {
    const load = list(6_050);
    const items = await allPages(load);
    expect(items).toHaveLength(6_050);
    expect(items.at(-1)).toBe(6_049);
    expect(load).toHaveBeenCalledTimes(61);
  });

  it('asks once for a list that fits one page, and once for an empty one', async () => {
    expect(await allPages(list(3))).toEqual([0, 1, 2]);
    const empty = list(0);
    expect(await allPages(empty)).toEqual([]);
    expect(empty).toHaveBeenCalledTimes(1);
  });

  it('gives a generated operation’s every item, as one page, under the operation’s key', async () => {
    const load = vi.fn(async ({ page }: { page: number; pageSize: number }) => ({ data: await list(250)(page) }));
    const options = wholeList([{ _id: 'commitmentsMine', query: { status: 'open' } }] as const, load);
    expect(options.queryKey).toEqual([{ _id: 'commitmentsMine', query: { status: 'open' }, all: true }]);
    const whole = await options.queryFn({ signal: new AbortController().signal });
    expect(whole.items).toHaveLength(250);
    expect(whole.total).toBe(250);
    expect(load.mock.calls.map(([paging]) => paging)).toEqual([
      { page: 1, pageSize: PAGE_SIZE },
      { page: 2, pageSize: PAGE_SIZE },
      { page: 3, pageSize: PAGE_SIZE },
    ]);
  });
});
