import { MembershipEntity } from '@roundtable/server-data';
import { buildProgrammeWorld, firmWithPerson, FirmWithPerson, ProgrammeWorld, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('memberships API', () => {
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

  /** A firm in a.group, joined through the API (apply, approve). */
  async function joinedFirm(): Promise<FirmWithPerson & { membershipId: string; applicationId: string }> {
    const joiner = await firmWithPerson(t.fixtures, a.programme.id);
    const applied = await t.http
      .post(`/api/groups/${a.group.id}/applications`)
      .set(joiner.person.auth)
      .send({ answers: {} })
      .expect(201);
    await t.http.post(`/api/applications/${applied.body.id}/approve`).set(a.facilitator.auth).send({}).expect(200);
    const membership = await t.db.manager.findOneByOrFail(MembershipEntity, { applicationId: applied.body.id });
    return { ...joiner, membershipId: membership.id, applicationId: applied.body.id };
  }

  describe('a firm’s memberships', () => {
    it('shows the firm’s people and the programme’s staff every membership with its group', async () => {
      const joiner = await joinedFirm();
      for (const who of [joiner.person, a.manager, a.facilitator, a.otherFacilitator, admin]) {
        const res = await t.http.get(`/api/firms/${joiner.firm.id}/memberships`).set(who.auth).expect(200);
        expect(res.body).toMatchObject([
          {
            id: joiner.membershipId,
            groupId: a.group.id,
            groupName: a.group.name,
            firmId: joiner.firm.id,
            applicationId: joiner.applicationId,
            status: 'active',
            endedAt: null,
            endReason: null,
          },
        ]);
        expect(res.body[0].joinedAt).toEqual(expect.any(String));
      }
    });

    it('refuses people of other firms (403) and other programmes (404)', async () => {
      for (const [who, firmId] of [
        [a.member, a.otherFirm.id],
        [a.otherMember, a.firm.id],
      ] as const) {
        await t.http.get(`/api/firms/${firmId}/memberships`).set(who.auth).expect(403);
      }
      for (const who of [b.manager, b.facilitator, b.member]) {
        await t.http.get(`/api/firms/${a.firm.id}/memberships`).set(who.auth).expect(404);
      }
      await t.http.get('/api/firms/00000000-0000-4000-8000-000000000000/memberships').set(admin.auth).expect(404);
      await t.http.get('/api/firms/x/memberships').set(admin.auth).expect(400);
    });
  });

  describe('leaving', () => {
    it('lets the firm leave with a reason, keeping the row as history', async () => {
      const joiner = await joinedFirm();
      const res = await t.http
        .post(`/api/memberships/${joiner.membershipId}/leave`)
        .set(joiner.person.auth)
        .send({ reason: '  Moving to the Aberdeen group  ' })
        .expect(200);
      expect(res.body).toMatchObject({ id: joiner.membershipId, status: 'left', endReason: 'Moving to the Aberdeen group' });
      expect(res.body.endedAt).toEqual(expect.any(String));
      const row = await t.db.manager.findOneByOrFail(MembershipEntity, { id: joiner.membershipId });
      expect(row).toMatchObject({ status: 'left', endedById: joiner.person.user.id });

      const again = await t.http
        .post(`/api/memberships/${joiner.membershipId}/leave`)
        .set(joiner.person.auth)
        .send({ reason: 'x' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('membership_not_active');
      // No longer in the roster, no longer allowed to see it.
      await t.http.get(`/api/groups/${a.group.id}/members`).set(joiner.person.auth).expect(403);
      const history = await t.http.get(`/api/groups/${a.group.id}/members?status=left`).set(a.facilitator.auth).expect(200);
      expect(history.body.map((m: { membershipId: string }) => m.membershipId)).toContain(joiner.membershipId);
    });

    it('requires a reason of 1 to 500 characters', async () => {
      const joiner = await joinedFirm();
      const url = `/api/memberships/${joiner.membershipId}/leave`;
      for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 7 }]) {
        const res = await t.http.post(url).set(joiner.person.auth).send(body).expect(400);
        expect(fields(res.body)).toContain('reason');
      }
      expect((await t.db.manager.findOneByOrFail(MembershipEntity, { id: joiner.membershipId })).status).toBe('active');
      await t.http
        .post(url)
        .set(joiner.person.auth)
        .send({ reason: 'x'.repeat(500) })
        .expect(200);
    });

    it('lets only the firm’s own people leave (403 in the programme, 404 outside it)', async () => {
      const joiner = await joinedFirm();
      const url = `/api/memberships/${joiner.membershipId}/leave`;
      for (const who of [a.facilitator, a.manager, a.member, a.otherMember, a.otherFacilitator, admin]) {
        await t.http.post(url).set(who.auth).send({ reason: 'Not mine to say' }).expect(403);
      }
      for (const who of [b.manager, b.facilitator, b.member]) {
        await t.http.post(url).set(who.auth).send({ reason: 'Not mine to say' }).expect(404);
      }
      await t.http
        .post('/api/memberships/00000000-0000-4000-8000-000000000000/leave')
        .set(joiner.person.auth)
        .send({ reason: 'x' })
        .expect(404);
      expect((await t.db.manager.findOneByOrFail(MembershipEntity, { id: joiner.membershipId })).status).toBe('active');
    });
  });

  describe('removing', () => {
    it('lets the group’s facilitator or a manager remove a firm, keeping the row as history', async () => {
      for (const remover of [a.facilitator, a.manager]) {
        const joiner = await joinedFirm();
        const res = await t.http
          .post(`/api/memberships/${joiner.membershipId}/remove`)
          .set(remover.auth)
          .send({ reason: 'Missed four sessions in a row' })
          .expect(200);
        expect(res.body).toMatchObject({ status: 'removed', endReason: 'Missed four sessions in a row' });
        const row = await t.db.manager.findOneByOrFail(MembershipEntity, { id: joiner.membershipId });
        expect(row).toMatchObject({ status: 'removed', endedById: remover.user.id });
        const again = await t.http.post(`/api/memberships/${joiner.membershipId}/remove`).set(remover.auth).send({ reason: 'x' });
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('membership_not_active');
        await t.http
          .post(`/api/memberships/${joiner.membershipId}/leave`)
          .set(joiner.person.auth)
          .send({ reason: 'x' })
          .expect(409);
      }
    });

    it('refuses the firm itself, other groups’ people (403) and other programmes (404)', async () => {
      const joiner = await joinedFirm();
      const url = `/api/memberships/${joiner.membershipId}/remove`;
      for (const who of [joiner.person, a.otherFacilitator, a.member, a.otherMember]) {
        await t.http.post(url).set(who.auth).send({ reason: 'No' }).expect(403);
      }
      for (const who of [b.manager, b.facilitator, b.member]) {
        await t.http.post(url).set(who.auth).send({ reason: 'No' }).expect(404);
      }
      const missing = await t.http.post(url).set(a.manager.auth).send({}).expect(400);
      expect(fields(missing.body)).toContain('reason');
      expect((await t.db.manager.findOneByOrFail(MembershipEntity, { id: joiner.membershipId })).status).toBe('active');
    });
  });

  describe('rejoining', () => {
    it('lets a firm that left apply again and join with a second membership row', async () => {
      const joiner = await joinedFirm();
      await t.http
        .post(`/api/memberships/${joiner.membershipId}/leave`)
        .set(joiner.person.auth)
        .send({ reason: 'A busy season' })
        .expect(200);

      const reapplied = await t.http
        .post(`/api/groups/${a.group.id}/applications`)
        .set(joiner.person.auth)
        .send({ answers: { why: 'Back after harvest' } })
        .expect(201);
      await t.http.post(`/api/applications/${reapplied.body.id}/approve`).set(a.manager.auth).send({}).expect(200);

      const res = await t.http.get(`/api/firms/${joiner.firm.id}/memberships`).set(joiner.person.auth).expect(200);
      expect(res.body).toHaveLength(2);
      expect(res.body[0]).toMatchObject({ status: 'active', applicationId: reapplied.body.id, endedAt: null });
      expect(res.body[1]).toMatchObject({ id: joiner.membershipId, status: 'left', endReason: 'A busy season' });
      expect(await t.db.manager.countBy(MembershipEntity, { firmId: joiner.firm.id, groupId: a.group.id })).toBe(2);

      const roster = await t.http.get(`/api/groups/${a.group.id}/members?status=all`).set(a.facilitator.auth).expect(200);
      expect(roster.body.filter((m: { firm: { id: string } }) => m.firm.id === joiner.firm.id)).toHaveLength(2);
    });
  });
});
