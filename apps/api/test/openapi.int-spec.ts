import type { OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serialiseOpenApi } from '../src/openapi';
import { createTestApp, TestApp } from './support';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  description?: string;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  properties?: Record<string, Schema>;
}
interface ErrorResponse {
  description?: string;
  headers?: Record<string, unknown>;
  content?: {
    'application/json'?: { schema?: { allOf?: Array<{ $ref?: string; properties?: { code?: { enum?: string[] } } }> } };
  };
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
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
        // Health's 503 is the health report itself, saying which dependency is down.
        .filter(([status]) => Number(status) >= 400 && !(name === 'GET /api/health' && status === '503'))
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

  it('says when to retry with every 429 and 503 refusal', () => {
    const gaps = operations().flatMap(([name, op]) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => (status === '429' || status === '503') && name !== 'GET /api/health')
        .filter(([, res]) => !res.headers?.['Retry-After'])
        .map(([status]) => `${name} ${status}`),
    );
    expect(gaps).toEqual([]);
  });

  it('explains every property of every schema', () => {
    const bare = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, p]) => !p.description && p.example === undefined && !p.$ref && !p.allOf && !p.items?.$ref)
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(bare).toEqual([]);
  });
  /** Every property of the document's object schemas, nested ones too, and every parameter, with where it is. */
  const values = (): Array<[where: string, name: string, schema: Schema]> => {
    const out: Array<[string, string, Schema]> = [];
    const visit = (where: string, name: string, schema: Schema | undefined) => {
      if (!schema) return;
      out.push([where, name, schema]);
      for (const [prop, s] of Object.entries(schema.properties ?? {})) visit(`${where}.${prop}`, prop, s);
      for (const s of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(where, name, s);
      visit(`${where}[]`, name, schema.items);
      if (typeof schema.additionalProperties === 'object') visit(`${where}{}`, name, schema.additionalProperties);
    };
    // A named enum is the one place its values are listed.
    for (const [name, schema] of Object.entries(doc.components.schemas)) if (!schema.enum) visit(name, name, schema);
    for (const [op, operation] of operations()) {
      for (const p of operation.parameters ?? []) visit(`${op} ${p.in} ${p.name}`, p.name, p.schema);
    }
    return out;
  };

  it('names every enum: no property or parameter lists its values inline', () => {
    const inline = values()
      .filter(([, , s]) => s.enum)
      .map(([where]) => where);
    expect(inline).toEqual([]);
    const dangling = values()
      .map(([where, , s]) => [where, s.$ref?.replace('#/components/schemas/', '')] as const)
      .filter(([, ref]) => ref !== undefined && !doc.components.schemas[ref])
      .map(([where, ref]) => `${where} -> ${ref}`);
    expect(dangling).toEqual([]);
  });

  it('gives every property and parameter a type, so the generated client never types one `unknown`', () => {
    const untyped = values()
      .filter(([, , s]) => !s.type && !s.$ref && !s.allOf && !s.oneOf && !s.anyOf)
      .map(([where]) => where);
    expect(untyped).toEqual([]);
  });

  it('keeps the default of a query parameter whose enum is named', () => {
    const param = (op: string, name: string) =>
      operations()
        .find(([n]) => n === op)?.[1]
        .parameters?.find((p) => p.name === name)?.schema;
    expect(param('GET /api/me/commitments', 'order')).toEqual({
      allOf: [{ $ref: '#/components/schemas/SortOrder' }],
      default: 'desc',
    });
    expect(param('GET /api/programmes', 'order')).toMatchObject({ default: 'asc' });
    expect(param('GET /api/groups/{groupId}/members', 'status')).toMatchObject({ default: 'active' });
  });

  it('types every instant as date-time, every calendar date as date, and a local wall-clock time as neither', () => {
    const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
    const DATE = /^\d{4}-\d\d-\d\d$/;
    const LOCAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d$/;
    const named = (s: Schema) => s.allOf?.map((a) => a.$ref) ?? [];
    const wrong = values().flatMap(([where, name, s]) => {
      if (s === doc.components.schemas.LocalDateTime) return [];
      const example = typeof s.example === 'string' ? s.example : '';
      if (/At$/.test(name) || INSTANT.test(example)) return s.format === 'date-time' ? [] : [`${where}: not date-time`];
      if (/Date$/.test(name) || DATE.test(example)) return s.format === 'date' ? [] : [`${where}: not date`];
      if (LOCAL.test(example)) {
        return !s.format && named(s).includes('#/components/schemas/LocalDateTime') ? [] : [`${where}: not LocalDateTime`];
      }
      return [];
    });
    expect(wrong).toEqual([]);
    expect(doc.components.schemas.LocalDateTime).toMatchObject({ type: 'string', pattern: expect.any(String) });
  });

  it('is the document committed in libs/api-client/openapi.json, byte for byte', () => {
    const file = resolve(__dirname, '../../../libs/api-client/openapi.json');
    const committed = readFileSync(file, 'utf8');
    const served = serialiseOpenApi(doc as unknown as OpenAPIObject);
    if (committed === served) return;
    const [a, b] = [committed.split('\n'), served.split('\n')];
    let line = 0;
    while (a[line] === b[line]) line++;
    throw new Error(
      `libs/api-client/openapi.json is not the document the API serves (first difference at line ${line + 1}: ` +
        `committed ${JSON.stringify(a[line])}, served ${JSON.stringify(b[line])}). Run \`npm run openapi\` and commit the result.`,
    );
  });
});
