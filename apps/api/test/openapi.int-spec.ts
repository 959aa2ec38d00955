import { createTestApp, TestApp } from './support';

interface Schema {
  properties?: Record<
    string,
    { description?: string; example?: unknown; $ref?: string; allOf?: unknown[]; items?: { $ref?: string } }
  >;
}
interface Operation {
  summary?: string;
  description?: string;
  responses?: Record<string, { content?: unknown }>;
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
    const publicOps = new Set(['POST /api/auth/login', 'POST /api/invitations/accept', 'GET /api/health']);
    const gaps = operations()
      .filter(([name]) => !publicOps.has(name))
      .filter(([, op]) => !['401', '403', '404'].every((code) => op.responses?.[code]))
      .map(([name]) => name);
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
});
