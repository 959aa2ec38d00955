import { client } from '@roundtable/api-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allInvitationsQuery } from './data';

describe('the programme’s invitations', () => {
  afterEach(() => client.setConfig({ baseUrl: '', fetch: globalThis.fetch }));

  it('asks the API for one programme’s invitations only, and caches each programme apart', async () => {
    const urls: URL[] = [];
    const fetch = vi.fn(async (request: Request) => {
      urls.push(new URL(request.url));
      return new Response(JSON.stringify({ items: [], total: 0, page: 1, pageSize: 100 }), {
        headers: { 'Content-Type': 'application/json' },
      });
    });
    client.setConfig({ baseUrl: 'http://localhost', fetch: fetch as unknown as typeof globalThis.fetch });
    const a = allInvitationsQuery('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    const b = allInvitationsQuery('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');
    expect(a.queryKey).not.toEqual(b.queryKey);
    await a.queryFn!({ signal: new AbortController().signal } as never);
    expect(urls).toHaveLength(1);
    expect(urls[0].pathname).toBe('/api/invitations');
    expect(urls[0].searchParams.get('programmeId')).toBe('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
  });
});
