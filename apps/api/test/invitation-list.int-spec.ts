import { buildProgrammeWorld, ProgrammeWorld, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/** GET /api/invitations narrowed to one programme: what a manager's or an admin's programme page lists. */
describe('pending invitations of one programme', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;
  let admin: SignedIn;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
    admin = await t.fixtures.user({ admin: true });
    const invite = async (by: SignedIn, body: object) =>
      (await t.http.post('/api/invitations').set(by.auth).send(body).expect(201)).body.id as string;
    const address = (label: string) => `${label}-${uid()}@test.roundtable.local`;
    ids.aPool = await invite(a.manager, {
      email: address('pool'),
      name: 'A Pool',
      role: 'facilitator',
      programmeId: a.programme.id,
    });
    ids.aFirm = await invite(a.manager, { email: address('firm'), name: 'A Firm', role: 'member', firmId: a.firm.id });
    ids.aOtherFirm = await invite(a.manager, {
      email: address('other'),
      name: 'A Other',
      role: 'member',
      firmId: a.otherFirm.id,
    });
    ids.bGroup = await invite(b.manager, { email: address('group'), name: 'B Group', role: 'facilitator', groupId: b.group.id });
    // Accepted and withdrawn invitations are not pending: never listed.
    const withdrawn = await invite(a.manager, { email: address('gone'), name: 'A Gone', role: 'member', firmId: a.firm.id });
    await t.http.delete(`/api/invitations/${withdrawn}`).set(a.manager.auth).expect(204);
    ids.withdrawn = withdrawn;
  });
  afterAll(() => t.close());

  const list = (who: SignedIn, programmeId: string, extra = '') =>
    t.http.get(`/api/invitations?programmeId=${programmeId}&pageSize=100${extra}`).set(who.auth);
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

  it('lists only that programme’s pending invitations, to its managers and to admins', async () => {
    const byManager = await list(a.manager, a.programme.id).expect(200);
    expect(idsOf(byManager.body)).toEqual([ids.aPool, ids.aFirm, ids.aOtherFirm].sort());
    expect(byManager.body.total).toBe(3);
    expect(byManager.body.items.every((i: { programmeId: string }) => i.programmeId === a.programme.id)).toBe(true);
    expect(idsOf((await list(admin, a.programme.id).expect(200)).body)).toEqual(idsOf(byManager.body));
    expect(idsOf((await list(admin, b.programme.id).expect(200)).body)).toEqual([ids.bGroup]);
    // Without the filter an admin sees both programmes'.
    const all = await t.http.get('/api/invitations?pageSize=100').set(admin.auth).expect(200);
    expect(idsOf(all.body)).toEqual(expect.arrayContaining([ids.aPool, ids.bGroup]));
    // The other filters still apply.
    const searched = await list(a.manager, a.programme.id, '&q=pool').expect(200);
    expect(idsOf(searched.body)).toEqual([ids.aPool]);
  });

  it('inside the programme, narrows what the caller could see anyway', async () => {
    // Its facilitators see the invitations into its firms, not the staff ones; a firm's people their own firm's.
    expect(idsOf((await list(a.facilitator, a.programme.id).expect(200)).body)).toEqual([ids.aFirm, ids.aOtherFirm].sort());
    expect(idsOf((await list(a.member, a.programme.id).expect(200)).body)).toEqual([ids.aFirm]);
    expect((await list(a.otherMember, a.programme.id).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([
      ids.aOtherFirm,
    ]);
  });

  it('is 404 for a programme that is not the caller’s, or does not exist', async () => {
    for (const who of [b.manager, b.facilitator, b.member]) {
      const res = await list(who, a.programme.id).expect(404);
      expect(res.body.code).toBe('not_found');
    }
    await list(admin, '00000000-0000-4000-8000-000000000000').expect(404);
    await list(a.manager, '00000000-0000-4000-8000-000000000000').expect(404);
    expect((await list(a.manager, 'not-a-uuid').expect(400)).body.code).toBe('validation_failed');
    await t.http.get(`/api/invitations?programmeId=${a.programme.id}`).expect(401);
  });
});
