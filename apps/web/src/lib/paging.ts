/** One page of a paged list, as the API answers it. */
export interface PageOf<T> {
  items: T[];
  total: number;
}

/** The API's largest page. */
export const PAGE_SIZE = 100;

/**
 * Every item of a paged list, one page after another until `total` is reached: a list is never cut off
 * silently. It stops early only if the API answers an empty page (the list shrank while being read).
 */
export async function allPages<T>(load: (page: number) => Promise<PageOf<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await load(page);
    out.push(...items);
    if (items.length === 0 || out.length >= total) return out;
  }
}

/**
 * Query options for every item of a generated list operation, in the shape of one page (`items`, `total`) so a
 * page written for one page shows them all. `queryKey` is the generated key of the operation with its filters
 * (`commitmentsMineQueryKey({ query })`), marked `all: true`: an invalidation by operation reaches it.
 *
 *   useQuery(wholeList(commitmentsMineQueryKey({ query }), (paging, signal) =>
 *     commitmentsMine({ query: { ...query, ...paging }, signal, throwOnError: true })))
 */
export function wholeList<T, K extends object>(
  queryKey: readonly [K],
  load: (paging: { page: number; pageSize: number }, signal: AbortSignal) => Promise<{ data: PageOf<T> }>,
) {
  return {
    queryKey: [{ ...queryKey[0], all: true }] as const,
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<PageOf<T>> => {
      const items = await allPages(async (page) => (await load({ page, pageSize: PAGE_SIZE }, signal)).data);
      return { items, total: items.length };
    },
  };
}
