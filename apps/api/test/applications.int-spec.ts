import { ApplicationEntity, MembershipEntity } from '@roundtable/server-data';
import { buildProgrammeWorld, firmWithPerson, FirmWithPerson, ProgrammeWorld, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('applications API', () => {
  let t: TestApp;
  let admin: SignedIn;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.fixtures.user({ admin: true });
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
  });
  afterAll(() => t.close());

  const apply = (who: SignedIn, groupId: string, answers: Record<string, unknown> = { why: 'To learn from peers' }) =>
    t.http.post(`/api/groups/${groupId}/applications`).set(who.auth).send({ answers });

  /** A fresh firm in programme a, with one person, that has applied to a.group. */
  async function pendingApplicant(): Promise<FirmWithPerson & { applicationId: string }> {
    const applicant = await firmWithPerson(t.fixtures, a.programme.id, { sicCode: '47110', localAuthorityCode: 'S12000036' });
    const res = await apply(applicant.person, a.group.id).expect(201);
    return { ...applicant, applicationId: res.body.id };
  }

  describe('applying', () => {
    it('lets a person of a firm in the programme apply, and shows it in their own list', async () => {
      const applicant = await firmWithPerson(t.fixtures, a.programme.id, {}, `Applicant ${uid()}`);
      const answers = { why: 'We want to sell online', challenge: 'Finding reliable IT support' };
      const res = await apply(applicant.person, a.group.id, answers).expect(201);
      expect(res.body).toMatchObject({
        groupId: a.group.id,
        groupName: a.group.name,
        firm: { id: applicant.firm.id, name: applicant.firm.name, sicCode: applicant.firm.sicCode },
        applicant: { id: applicant.person.user.id, name: applicant.person.user.name },
        answers,
        status: 'pending',
        // The screening describes the roster, which the applicant may not see.
        competitorConflict: null,
        conflictingFirms: null,
        decidedBy: null,
        decidedAt: null,
      });
      const mine = await t.http.get('/api/me/applications').set(applicant.person.auth).expect(200);
      expect(mine.body).toMatchObject({ total: 1, items: [{ id: res.body.id, status: 'pending' }] });
    });

    it('names the answers field when they are not an object of at most 20 short strings', async () => {
      const applicant = await firmWithPerson(t.fixtures, a.programme.id);
      const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`q${i}`, 'yes']));
      for (const answers of [tooMany, { why: 'x'.repeat(2001) }, { why: 42 }, ['a'], 'text', null]) {
        const res = await t.http
          .post(`/api/groups/${a.group.id}/applications`)
          .set(applicant.person.auth)
          .send({ answers })
          .expect(400);
        expect(fields(res.body)).toEqual(['answers']);
      }
      const missing = await t.http.post(`/api/groups/${a.group.id}/applications`).set(applicant.person.auth).send({}).expect(400);
      expect(fields(missing.body)).toContain('answers');
      const extra = await t.http
        .post(`/api/groups/${a.group.id}/applications`)
        .set(applicant.person.auth)
        .send({ answers: {}, status: 'approved' })
        .expect(400);
      expect(extra.body.message).toMatch(/property status should not exist/);
      expect(await t.db.manager.countBy(ApplicationEntity, { firmId: applicant.firm.id })).toBe(0);
      const max = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i}`, 'y'.repeat(2000)]));
      await apply(applicant.person, a.group.id, max).expect(201);
    });

    it('refuses staff (403), other programmes (404), a closed group, a member firm and a second pending application', async () => {
      for (const who of [a.manager, a.facilitator, a.otherFacilitator, admin]) {
        await apply(who, a.group.id).expect(403);
      }
      for (const who of [b.member, b.manager]) await apply(who, a.group.id).expect(404);

      const closed = await t.fixtures.group(a.programme.id, { status: 'closed' });
      expect((await apply(a.otherMember, closed.id).expect(409)).body.code).toBe('group_closed');
      expect((await apply(a.member, a.group.id).expect(409)).body.code).toBe('already_member');

      const forming = await t.fixtures.group(a.programme.id, { status: 'forming' });
      await apply(a.otherMember, forming.id).expect(201);
      expect((await apply(a.otherMember, forming.id).expect(409)).body.code).toBe('application_pending');
      const colleague = await t.fixtures.user({ firmId: a.otherFirm.id });
      expect((await apply(colleague, forming.id).expect(409)).body.code).toBe('application_pending');
    });

    it('lets parallel submissions for one firm create only one pending application', async () => {
      const applicant = await firmWithPerson(t.fixtures, a.programme.id);
      const group = await t.fixtures.group(a.programme.id);
      const results = await Promise.all(Array.from({ length: 5 }, () => apply(applicant.person, group.id)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'application_pending')).toBe(true);
    });
  });

  describe('reviewing', () => {
    it('shows the group’s reviewers every application with firm, applicant and screening', async () => {
      const pending = await pendingApplicant();
      for (const who of [a.facilitator, a.manager, admin]) {
        const res = await t.http
          .get(`/api/groups/${a.group.id}/applications?status=pending&pageSize=100`)
          .set(who.auth)
          .expect(200);
        const item = res.body.items.find((i: { id: string }) => i.id === pending.applicationId);
        expect(item).toMatchObject({
          firm: {
            id: pending.firm.id,
            name: pending.firm.name,
            sicCode: '47110',
            localAuthorityCode: 'S12000036',
            employeeBand: pending.firm.employeeBand,
          },
          applicant: { id: pending.person.user.id, name: pending.person.user.name },
          competitorConflict: false,
          conflictingFirms: [],
          decidedBy: null,
          decisionNote: null,
        });
        expect(res.body.items.every((i: { status: string }) => i.status === 'pending')).toBe(true);
      }
      const byName = await t.http
        .get(`/api/groups/${a.group.id}/applications?q=${encodeURIComponent(pending.firm.name)}`)
        .set(a.facilitator.auth);
      expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual([pending.applicationId]);
      const bad = await t.http.get(`/api/groups/${a.group.id}/applications?status=maybe`).set(a.facilitator.auth).expect(400);
      expect(fields(bad.body)).toContain('status');
    });

    it('refuses the list to others in the programme (403) and outside it (404)', async () => {
      for (const who of [a.otherFacilitator, a.member, a.otherMember]) {
        await t.http.get(`/api/groups/${a.group.id}/applications`).set(who.auth).expect(403);
      }
      for (const who of [b.manager, b.facilitator, b.member]) {
        await t.http.get(`/api/groups/${a.group.id}/applications`).set(who.auth).expect(404);
      }
    });

    it('shows one application to its reviewers and the applicant firm, and to nobody else', async () => {
      const pending = await pendingApplicant();
      const url = `/api/applications/${pending.applicationId}`;
      const colleague = await t.fixtures.user({ firmId: pending.firm.id });
      for (const who of [pending.person, colleague]) {
        const res = await t.http.get(url).set(who.auth).expect(200);
        expect(res.body).toMatchObject({ id: pending.applicationId, competitorConflict: null, conflictingFirms: null });
      }
      for (const who of [a.facilitator, a.manager, admin]) {
        const res = await t.http.get(url).set(who.auth).expect(200);
        expect(res.body).toMatchObject({ competitorConflict: false, conflictingFirms: [] });
      }
      for (const who of [a.member, a.otherMember, a.otherFacilitator, b.manager, b.member]) {
        await t.http.get(url).set(who.auth).expect(404);
      }
      await t.http.get('/api/applications/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
      await t.http.get('/api/applications/123').set(admin.auth).expect(400);
    });

    it('lets the facilitator approve: the firm becomes an active member, in the roster', async () => {
      const pending = await pendingApplicant();
      const res = await t.http
        .post(`/api/applications/${pending.applicationId}/approve`)
        .set(a.facilitator.auth)
        .send({ note: 'Welcome!' })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'approved',
        decidedBy: { id: a.facilitator.user.id, name: a.facilitator.user.name },
        decisionNote: 'Welcome!',
      });
      expect(res.body.decidedAt).toEqual(expect.any(String));
      const membership = await t.db.manager.findOneByOrFail(MembershipEntity, { applicationId: pending.applicationId });
      expect(membership).toMatchObject({ groupId: a.group.id, firmId: pending.firm.id, status: 'active' });
      const roster = await t.http.get(`/api/groups/${a.group.id}/members`).set(pending.person.auth).expect(200);
      expect(roster.body.map((m: { firm: { id: string } }) => m.firm.id)).toContain(pending.firm.id);

      for (const action of ['approve', 'reject']) {
        const again = await t.http
          .post(`/api/applications/${pending.applicationId}/${action}`)
          .set(a.manager.auth)
          .send({})
          .expect(409);
        expect(again.body.code).toBe('application_not_pending');
      }
      const withdraw = await t.http
        .post(`/api/applications/${pending.applicationId}/withdraw`)
        .set(pending.person.auth)
        .expect(409);
      expect(withdraw.body.code).toBe('application_not_pending');
    });

    it('lets the manager reject with a note that the applicant then sees', async () => {
      const pending = await pendingApplicant();
      const note = 'This group is for manufacturers; try the retail group.';
      await t.http.post(`/api/applications/${pending.applicationId}/reject`).set(a.manager.auth).send({ note }).expect(200);
      const mine = await t.http.get('/api/me/applications').set(pending.person.auth).expect(200);
      expect(mine.body.items).toMatchObject([{ id: pending.applicationId, status: 'rejected', decisionNote: note }]);
      expect(await t.db.manager.countBy(MembershipEntity, { firmId: pending.firm.id })).toBe(0);
      const tooLong = await t.http
        .post(`/api/applications/${pending.applicationId}/reject`)
        .set(a.manager.auth)
        .send({ note: 'x'.repeat(2001) })
        .expect(400);
      expect(fields(tooLong.body)).toEqual(['note']);
    });

    it('refuses decisions to the applicant (403) and to anyone who cannot see the application (404)', async () => {
      const pending = await pendingApplicant();
      for (const action of ['approve', 'reject']) {
        const url = `/api/applications/${pending.applicationId}/${action}`;
        await t.http.post(url).set(pending.person.auth).send({}).expect(403);
        for (const who of [a.otherFacilitator, a.member, a.otherMember, b.manager, b.facilitator]) {
          await t.http.post(url).set(who.auth).send({}).expect(404);
        }
      }
      const row = await t.db.manager.findOneByOrFail(ApplicationEntity, { id: pending.applicationId });
      expect(row.status).toBe('pending');
    });

    it('refuses approval into a closed group and keeps the application pending', async () => {
      const group = await t.fixtures.group(a.programme.id, { status: 'active' });
      const applicant = await firmWithPerson(t.fixtures, a.programme.id);
      const applied = await apply(applicant.person, group.id).expect(201);
      await t.http.patch(`/api/groups/${group.id}`).set(a.manager.auth).send({ status: 'closed' }).expect(200);
      const res = await t.http.post(`/api/applications/${applied.body.id}/approve`).set(a.manager.auth).expect(409);
      expect(res.body.code).toBe('group_closed');
      expect((await t.db.manager.findOneByOrFail(ApplicationEntity, { id: applied.body.id })).status).toBe('pending');
    });
  });

  describe('withdrawing', () => {
    it('lets the applicant firm withdraw a pending application, once', async () => {
      const pending = await pendingApplicant();
      const url = `/api/applications/${pending.applicationId}/withdraw`;
      for (const who of [a.facilitator, a.manager]) await t.http.post(url).set(who.auth).expect(403);
      for (const who of [a.member, a.otherFacilitator, b.manager, b.member]) await t.http.post(url).set(who.auth).expect(404);
      const res = await t.http.post(url).set(pending.person.auth).expect(200);
      expect(res.body).toMatchObject({ status: 'withdrawn', decidedBy: { id: pending.person.user.id } });
      expect((await t.http.post(url).set(pending.person.auth).expect(409)).body.code).toBe('application_not_pending');
      // Withdrawn, the firm may apply again.
      await apply(pending.person, a.group.id).expect(201);
    });
  });

  describe('my applications', () => {
    it('lists only the caller’s own firm’s applications, and nothing for staff without a firm', async () => {
      const mineA = await pendingApplicant();
      const other = await pendingApplicant();
      const res = await t.http.get('/api/me/applications?pageSize=100').set(mineA.person.auth).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([mineA.applicationId]);
      expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(other.applicationId);
      for (const who of [a.manager, a.facilitator, admin]) {
        const staff = await t.http.get('/api/me/applications').set(who.auth).expect(200);
        expect(staff.body).toMatchObject({ items: [], total: 0 });
      }
      await t.http.get('/api/me/applications').expect(401);
    });
  });

  describe('competitor screening', () => {
    it('flags an applicant in the same SIC class and local authority as a member, names the firm, and still allows approval', async () => {
      const group = await t.fixtures.group(a.programme.id, { capacity: 10 });
      const incumbent = await t.fixtures.firm(a.programme.id, {
        name: `Incumbent ${uid()}`,
        sicCode: '62012',
        localAuthorityCode: 'S12000017',
      });
      await t.fixtures.membership(group.id, incumbent.id);
      const rival = await firmWithPerson(t.fixtures, a.programme.id, { sicCode: '62019', localAuthorityCode: 'S12000017' });
      const elsewhere = await firmWithPerson(t.fixtures, a.programme.id, { sicCode: '62012', localAuthorityCode: 'S12000036' });
      const otherTrade = await firmWithPerson(t.fixtures, a.programme.id, { sicCode: '62020', localAuthorityCode: 'S12000017' });
      const ids: Record<string, string> = {};
      for (const [key, who] of Object.entries({ rival, elsewhere, otherTrade })) {
        ids[key] = (await apply(who.person, group.id).expect(201)).body.id;
      }
      const stored = await t.db.manager.findOneByOrFail(ApplicationEntity, { id: ids.rival });
      expect(stored).toMatchObject({ competitorConflict: true, conflictingFirmIds: [incumbent.id] });

      const list = await t.http.get(`/api/groups/${group.id}/applications`).set(a.manager.auth).expect(200);
      const byId = (id: string) => list.body.items.find((i: { id: string }) => i.id === id);
      expect(byId(ids.rival)).toMatchObject({
        competitorConflict: true,
        conflictingFirms: [{ id: incumbent.id, name: incumbent.name }],
      });
      expect(byId(ids.elsewhere)).toMatchObject({ competitorConflict: false, conflictingFirms: [] });
      expect(byId(ids.otherTrade)).toMatchObject({ competitorConflict: false, conflictingFirms: [] });

      const approved = await t.http.post(`/api/applications/${ids.rival}/approve`).set(a.manager.auth).send({}).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', competitorConflict: true });
      expect(approved.body.conflictingFirms).toEqual([{ id: incumbent.id, name: incumbent.name }]);
    });

    it('screens pending applications against the members as they are now', async () => {
      const group = await t.fixtures.group(a.programme.id, { capacity: 10 });
      const early = await firmWithPerson(t.fixtures, a.programme.id, { sicCode: '56101', localAuthorityCode: 'E06000001' });
      const earlyApp = (await apply(early.person, group.id).expect(201)).body.id;
      const before = await t.http.get(`/api/applications/${earlyApp}`).set(a.manager.auth).expect(200);
      expect(before.body).toMatchObject({ competitorConflict: false, conflictingFirms: [] });

      const latecomer = await t.fixtures.firm(a.programme.id, { sicCode: '56102', localAuthorityCode: 'E06000001' });
      await t.fixtures.membership(group.id, latecomer.id);

      const after = await t.http.get(`/api/applications/${earlyApp}`).set(a.manager.auth).expect(200);
      expect(after.body).toMatchObject({
        competitorConflict: true,
        conflictingFirms: [{ id: latecomer.id, name: latecomer.name }],
      });
      const stored = await t.db.manager.findOneByOrFail(ApplicationEntity, { id: earlyApp });
      expect(stored.competitorConflict).toBe(false);
      const rejected = await t.http.post(`/api/applications/${earlyApp}/reject`).set(a.manager.auth).send({}).expect(200);
      expect(rejected.body).toMatchObject({ competitorConflict: true, conflictingFirms: [{ id: latecomer.id }] });
    });
  });

  describe('concurrency', () => {
    it('never lets parallel approvals exceed capacity: 4 seats, 1 taken, 10 approvals → 3 succeed, 7 group_full', async () => {
      const group = await t.fixtures.group(a.programme.id, { capacity: 4, status: 'active' });
      const founder = await t.fixtures.firm(a.programme.id);
      await t.fixtures.membership(group.id, founder.id);
      const applicationIds: string[] = [];
      for (let i = 0; i < 10; i += 1) {
        const applicant = await firmWithPerson(t.fixtures, a.programme.id);
        applicationIds.push((await apply(applicant.person, group.id).expect(201)).body.id);
      }

      const results = await Promise.all(
        applicationIds.map((id) => t.http.post(`/api/applications/${id}/approve`).set(a.manager.auth).send({})),
      );

      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'group_full')).toHaveLength(7);
      expect(await t.db.manager.countBy(MembershipEntity, { groupId: group.id, status: 'active' })).toBe(4);
      expect(await t.db.manager.countBy(ApplicationEntity, { groupId: group.id, status: 'approved' })).toBe(3);
      expect(await t.db.manager.countBy(ApplicationEntity, { groupId: group.id, status: 'pending' })).toBe(7);
      const shown = await t.http.get(`/api/groups/${group.id}`).set(a.member.auth).expect(200);
      expect(shown.body).toMatchObject({ capacity: 4, activeMemberCount: 4 });
    });
  });
});
