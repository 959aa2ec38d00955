import { createTestApp, TestApp } from './support';

interface Schema {
  properties?: Record<
    string,
    { description?: string; example?: unknown; $ref?: string; allOf?: unknown[]; items?: { $ref?: string } }
  >;
}
interface ErrorResponse {
  description?: string;
  content?: {
    'application/json'?: { schema?: { allOf?: Array<{ $ref?: string; properties?: { code?: { enum?: string[] } } }> } };
  };
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string }>;
  responses?: Record<string, ErrorResponse>;
}

/**
 * The typed client for the web app is generated from this document, so it must be complete:
 * every operation described, every success answer typed, every property explained.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/api/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as const),
    );

  it('describes every operation and types every success answer', () => {
    const gaps = operations().flatMap(([name, op]) => {
      const problems: string[] = [];
      if (!op.summary) problems.push(`${name}: no summary`);
      if (!op.description) problems.push(`${name}: no description saying who may call it`);
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      if (!ok.length) problems.push(`${name}: no success response`);
      for (const [code, res] of ok) if (code !== '204' && !res.content) problems.push(`${name}: ${code} has no schema`);
      return problems;
    });
    expect(gaps).toEqual([]);
  });

  it('documents the refusals of every operation that needs a session', () => {
    const publicOps = new Set([
      'POST /api/auth/login',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      'POST /api/invitations/accept',
      'GET /api/health',
      'GET /api/unsubscribe/{unsubscribeToken}',
      'POST /api/unsubscribe/{unsubscribeToken}',
      'GET /api/calendar/{feedToken}.ics',
    ]);
    const gaps = operations()
      .filter(([name]) => !publicOps.has(name))
      .filter(([, op]) => !['401', '403', '404'].every((code) => op.responses?.[code]))
      .map(([name]) => name);
    expect(gaps).toEqual([]);
  });

  /** The codes an operation declares for a status, as the document lists them. */
  const codes = (op: Operation | undefined, status: number): string[] =>
    op?.responses?.[status]?.content?.['application/json']?.schema?.allOf?.[1]?.properties?.code?.enum ?? [];

  it('lists, for every error status of every operation, each code it may answer with its meaning and the error shape', () => {
    const gaps = operations().flatMap(([name, op]) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => Number(status) >= 400 && status !== '503')
        .flatMap(([status, res]) => {
          const listed = codes(op, Number(status));
          const shaped = res.content?.['application/json']?.schema?.allOf?.[0]?.$ref === '#/components/schemas/ErrorDto';
          const explained = listed.every((code) => res.description?.includes(`\`${code}\`: `));
          return shaped && listed.length && explained ? [] : [`${name} ${status}`];
        }),
    );
    expect(gaps).toEqual([]);
  });

  it('lists the refusals every route shares: 400, 413, 415 and 500 everywhere, 401 with a session, cross-site on writes', () => {
    const publicOps = new Set([
      'POST /api/auth/login',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      'POST /api/invitations/accept',
      'GET /api/health',
      'GET /api/unsubscribe/{unsubscribeToken}',
      'POST /api/unsubscribe/{unsubscribeToken}',
      'GET /api/calendar/{feedToken}.ics',
    ]);
    const gaps = operations().flatMap(([name, op]) => {
      const expected: Array<[number, string]> = [
        [400, 'validation_failed'],
        [400, 'bad_request'],
        [413, 'payload_too_large'],
        [415, 'unsupported_media_type'],
        [500, 'internal_error'],
      ];
      if (!publicOps.has(name)) expected.push([401, 'unauthenticated']);
      if (!name.startsWith('GET ')) expected.push([403, 'cross_site_request'], [409, 'concurrent_update']);
      return expected.filter(([status, code]) => !codes(op, status).includes(code)).map(([s, c]) => `${name} ${s} ${c}`);
    });
    expect(gaps).toEqual([]);
  });

  it('lists the refusals particular to a route where the route gives them', () => {
    const op = (name: string) => operations().find(([n]) => n === name)?.[1];
    expect(codes(op('POST /api/auth/login'), 400)).toContain('validation_failed');
    expect(codes(op('POST /api/bookings/{bookingId}/cancel'), 409)).toEqual(
      expect.arrayContaining(['meeting_started', 'booking_not_active']),
    );
    expect(codes(op('POST /api/meetings/{meetingId}/cancel'), 409)).toContain('meeting_not_scheduled');
    expect(codes(op('PATCH /api/meetings/{meetingId}'), 409)).toContain('capacity_below_confirmed');
    expect(codes(op('POST /api/meetings/{meetingId}/bookings'), 409)).toContain('already_booked');
    expect(codes(op('POST /api/meetings/{meetingId}/bookings'), 422)).toContain('idempotency_key_reused');
    expect(codes(op('POST /api/invitations/{invitationId}/resend'), 429)).toEqual(['invitation_resend_too_soon']);
    expect(codes(op('POST /api/auth/password-reset'), 429)).toEqual(['too_many_password_reset_requests']);
    expect(codes(op('POST /api/auth/password-reset/confirm'), 400)).toContain('password_reset_invalid');
    expect(codes(op('POST /api/unsubscribe/{unsubscribeToken}'), 404)).toEqual(['not_found']);
    expect(codes(op('GET /api/calendar/{feedToken}.ics'), 404)).toEqual(['not_found']);
  });

  it('carries no set-password or reset link in any answer: they are only ever emailed', () => {
    const answers = operations().map(([, op]) => JSON.stringify(op.responses ?? {}));
    expect(answers.join()).not.toMatch(/setPassword|resetUrl/i);
    const properties = (schema: string) => Object.keys(doc.components.schemas[schema]?.properties ?? {});
    expect(properties('InvitationDto').filter((p) => /token|url|link/i.test(p))).toEqual([]);
    expect(properties('PasswordResetRequestedDto')).toEqual(['message']);
  });

  it('pages the roster of a meeting like the other lists', () => {
    const roster = operations().find(([n]) => n === 'GET /api/meetings/{meetingId}/bookings')![1];
    expect(roster.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'includeCancelled']));
    expect(JSON.stringify(roster.responses?.['200'])).toContain('#/components/schemas/RosterBookingPageDto');
  });

  it('explains every property of every schema', () => {
    const bare = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, p]) => !p.description && p.example === undefined && !p.$ref && !p.allOf && !p.items?.$ref)
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(bare).toEqual([]);
  });
});
