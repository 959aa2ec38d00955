import { MembershipEntity, PeerGroupEntity } from '@roundtable/server-data';
import { buildProgrammeWorld, firmWithPerson, ProgrammeWorld, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('peer groups API', () => {
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

  const newGroup = (overrides: Record<string, unknown> = {}) => ({
    name: `Digital Leaders ${uid()}`,
    theme: 'Cloud accounting',
    format: 'hybrid',
    capacity: 8,
    defaultVenue: 'Inverness Campus',
    defaultMeetingLink: 'https://meet.example.org/dl',
    ...overrides,
  });

  describe('creating', () => {
    it('lets the programme manager create a forming group with no members or facilitators', async () => {
      const body = newGroup();
      const res = await t.http.post(`/api/programmes/${a.programme.id}/groups`).set(a.manager.auth).send(body).expect(201);
      expect(res.body).toMatchObject({
        ...body,
        programmeId: a.programme.id,
        status: 'forming',
        activeMemberCount: 0,
        facilitators: [],
      });
      const row = await t.db.manager.findOneByOrFail(PeerGroupEntity, { id: res.body.id });
      expect(row.capacity).toBe(8);
    });

    it('lets an admin create a group in any programme', async () => {
      await t.http
        .post(`/api/programmes/${b.programme.id}/groups`)
        .set(admin.auth)
        .send(newGroup({ status: 'active', defaultVenue: null }))
        .expect(201);
    });

    it('names the invalid fields', async () => {
      const url = `/api/programmes/${a.programme.id}/groups`;
      const cases: [Record<string, unknown>, string][] = [
        [newGroup({ capacity: 3 }), 'capacity'],
        [newGroup({ capacity: 21 }), 'capacity'],
        [newGroup({ capacity: 7.5 }), 'capacity'],
        [newGroup({ format: 'zoom' }), 'format'],
        [newGroup({ status: 'paused' }), 'status'],
        [newGroup({ name: undefined }), 'name'],
        [newGroup({ defaultMeetingLink: 'not a link' }), 'defaultMeetingLink'],
        [newGroup({ defaultVenue: 'x'.repeat(301) }), 'defaultVenue'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post(url).set(a.manager.auth).send(body).expect(400);
        expect(res.body.code).toBe('validation_failed');
        expect(fields(res.body)).toContain(field);
      }
      const unknown = await t.http
        .post(url)
        .set(a.manager.auth)
        .send(newGroup({ activeMemberCount: 3 }))
        .expect(400);
      expect(unknown.body.message).toMatch(/property activeMemberCount should not exist/);
    });

    it('refuses a name already used in the programme', async () => {
      const body = newGroup();
      await t.http.post(`/api/programmes/${a.programme.id}/groups`).set(a.manager.auth).send(body).expect(201);
      const res = await t.http.post(`/api/programmes/${a.programme.id}/groups`).set(a.manager.auth).send(body).expect(409);
      expect(res.body.code).toBe('group_name_taken');
      // Another programme may use the same name.
      await t.http.post(`/api/programmes/${b.programme.id}/groups`).set(b.manager.auth).send(body).expect(201);
    });

    it('refuses everyone but the programme’s managers and admins', async () => {
      const url = `/api/programmes/${a.programme.id}/groups`;
      for (const who of [a.facilitator, a.otherFacilitator, a.member]) {
        const res = await t.http.post(url).set(who.auth).send(newGroup()).expect(403);
        expect(res.body.code).toBe('forbidden');
      }
      for (const who of [b.manager, b.facilitator, b.member]) {
        await t.http.post(url).set(who.auth).send(newGroup()).expect(404);
      }
      await t.http.post(`/api/programmes/not-a-uuid/groups`).set(admin.auth).send(newGroup()).expect(400);
      await t.http.post(url).send(newGroup()).expect(401);
    });
  });

  describe('browsing', () => {
    it('lists the programme’s groups for anyone in it, with counts and facilitators but no roster', async () => {
      for (const who of [a.member, a.otherMember, a.facilitator, a.manager, admin]) {
        const res = await t.http.get(`/api/programmes/${a.programme.id}/groups?pageSize=100`).set(who.auth).expect(200);
        const group = res.body.items.find((g: { id: string }) => g.id === a.group.id);
        expect(group).toMatchObject({
          id: a.group.id,
          name: a.group.name,
          theme: a.group.theme,
          format: a.group.format,
          capacity: a.group.capacity,
          status: 'active',
          defaultVenue: null,
          defaultMeetingLink: null,
          activeMemberCount: 1,
          facilitators: [{ userId: a.facilitator.user.id, name: a.facilitator.user.name }],
        });
        expect(Object.keys(group).sort()).toEqual(
          [
            'activeMemberCount',
            'capacity',
            'createdAt',
            'defaultMeetingLink',
            'defaultVenue',
            'facilitators',
            'format',
            'id',
            'name',
            'nextMeetingId',
            'nextMeetingStartsAt',
            'programmeId',
            'status',
            'theme',
            'updatedAt',
          ].sort(),
        );
        expect(res.body.items.every((g: { programmeId: string }) => g.programmeId === a.programme.id)).toBe(true);
      }
    });

    it('filters by status and name, sorts and pages', async () => {
      const p = await t.fixtures.programme();
      const manager = await t.fixtures.user({ managerOf: p.id });
      const tag = uid();
      await t.fixtures.group(p.id, { name: `Alpha ${tag}`, capacity: 12, status: 'forming' });
      await t.fixtures.group(p.id, { name: `Bravo ${tag}`, capacity: 6, status: 'active' });
      await t.fixtures.group(p.id, { name: `Charlie ${tag}`, capacity: 9, status: 'closed' });
      await t.fixtures.group(p.id, { name: 'Delta', capacity: 4, status: 'active' });
      const url = `/api/programmes/${p.id}/groups`;
      const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((g) => g.name);

      const active = await t.http.get(`${url}?status=active`).set(manager.auth).expect(200);
      expect(names(active)).toEqual([`Bravo ${tag}`, 'Delta']);
      const q = await t.http.get(`${url}?q=${tag}`).set(manager.auth).expect(200);
      expect(q.body.total).toBe(3);
      const byCapacity = await t.http.get(`${url}?sort=capacity&order=desc`).set(manager.auth).expect(200);
      expect(byCapacity.body.items.map((g: { capacity: number }) => g.capacity)).toEqual([12, 9, 6, 4]);
      const page2 = await t.http.get(`${url}?pageSize=3&page=2`).set(manager.auth).expect(200);
      expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(names(page2)).toEqual(['Delta']);

      const bad = await t.http.get(`${url}?sort=password&status=paused`).set(manager.auth).expect(400);
      expect(fields(bad.body)).toEqual(expect.arrayContaining(['sort', 'status']));
    });

    it('hides groups of other programmes (404)', async () => {
      for (const who of [b.manager, b.facilitator, b.member]) {
        await t.http.get(`/api/programmes/${a.programme.id}/groups`).set(who.auth).expect(404);
        await t.http.get(`/api/groups/${a.group.id}`).set(who.auth).expect(404);
      }
      await t.http.get(`/api/groups/00000000-0000-4000-8000-000000000000`).set(admin.auth).expect(404);
      await t.http.get(`/api/groups/nope`).set(admin.auth).expect(400);
    });

    it('shows one group to anyone in its programme', async () => {
      for (const who of [a.member, a.otherMember, a.otherFacilitator, a.manager, admin]) {
        const res = await t.http.get(`/api/groups/${a.group.id}`).set(who.auth).expect(200);
        expect(res.body).toMatchObject({ id: a.group.id, activeMemberCount: 1 });
      }
    });
  });

  describe('changing', () => {
    it('lets the manager change any field', async () => {
      const group = await t.fixtures.group(a.programme.id);
      const res = await t.http
        .patch(`/api/groups/${group.id}`)
        .set(a.manager.auth)
        .send({ name: `Renamed ${uid()}`, capacity: 12, status: 'closed', format: 'in_person', defaultVenue: 'Town Hall' })
        .expect(200);
      expect(res.body).toMatchObject({ capacity: 12, status: 'closed', format: 'in_person', defaultVenue: 'Town Hall' });
      const cleared = await t.http.patch(`/api/groups/${group.id}`).set(a.manager.auth).send({ defaultVenue: null }).expect(200);
      expect(cleared.body.defaultVenue).toBeNull();
    });

    it('lets the group’s facilitator change only theme, venue and meeting link', async () => {
      const ok = await t.http
        .patch(`/api/groups/${a.group.id}`)
        .set(a.facilitator.auth)
        .send({ theme: 'Cyber security', defaultVenue: 'Eden Court', defaultMeetingLink: 'https://meet.example.org/x' })
        .expect(200);
      expect(ok.body).toMatchObject({ theme: 'Cyber security', defaultVenue: 'Eden Court' });
      for (const extra of [{ capacity: 12 }, { status: 'closed' }, { name: 'Mine now' }, { format: 'online' }]) {
        const res = await t.http
          .patch(`/api/groups/${a.group.id}`)
          .set(a.facilitator.auth)
          .send({ theme: 'x', ...extra })
          .expect(403);
        expect(res.body.message).toContain(Object.keys(extra)[0]);
      }
      const row = await t.db.manager.findOneByOrFail(PeerGroupEntity, { id: a.group.id });
      expect(row.theme).toBe('Cyber security');
    });

    it('refuses other people in the programme (403) and outside it (404)', async () => {
      for (const who of [a.otherFacilitator, a.member, a.otherMember]) {
        await t.http.patch(`/api/groups/${a.group.id}`).set(who.auth).send({ theme: 'x' }).expect(403);
      }
      for (const who of [b.manager, b.facilitator]) {
        await t.http.patch(`/api/groups/${a.group.id}`).set(who.auth).send({ theme: 'x' }).expect(404);
      }
    });

    it('names bad fields, including nulls for required ones', async () => {
      for (const [body, field] of [
        [{ name: null }, 'name'],
        [{ capacity: null }, 'capacity'],
        [{ capacity: 2 }, 'capacity'],
        [{ theme: null }, 'theme'],
        [{ defaultMeetingLink: 'ftp//x' }, 'defaultMeetingLink'],
      ] as const) {
        const res = await t.http.patch(`/api/groups/${a.group.id}`).set(a.manager.auth).send(body).expect(400);
        expect(fields(res.body)).toContain(field);
      }
    });

    it('refuses to lower capacity below the active members (409), and the database refuses too', async () => {
      const group = await t.fixtures.group(a.programme.id, { capacity: 6 });
      for (let i = 0; i < 5; i += 1) {
        const firm = await t.fixtures.firm(a.programme.id);
        await t.fixtures.membership(group.id, firm.id);
      }
      const res = await t.http.patch(`/api/groups/${group.id}`).set(a.manager.auth).send({ capacity: 4 }).expect(409);
      expect(res.body.code).toBe('capacity_below_members');
      expect((await t.db.manager.findOneByOrFail(PeerGroupEntity, { id: group.id })).capacity).toBe(6);
      await expect(t.db.query('UPDATE peer_group SET capacity = 4 WHERE id = $1', [group.id])).rejects.toMatchObject({
        driverError: expect.objectContaining({ constraint: 'ck_peer_group_capacity_floor' }),
      });
      const ok = await t.http.patch(`/api/groups/${group.id}`).set(a.manager.auth).send({ capacity: 5 }).expect(200);
      expect(ok.body).toMatchObject({ capacity: 5, activeMemberCount: 5 });
    });
  });

  describe('facilitators', () => {
    it('lets the manager assign and unassign a staff user, who gains and loses the group', async () => {
      const group = await t.fixtures.group(a.programme.id);
      const coach = await t.fixtures.user({
        name: `Coach ${uid()}`,
        facilitatorOf: { groupId: a.otherGroup.id, programmeId: a.programme.id },
      });
      await t.http.patch(`/api/groups/${group.id}`).set(coach.auth).send({ theme: 'x' }).expect(403);

      const put = await t.http.put(`/api/groups/${group.id}/facilitators/${coach.user.id}`).set(a.manager.auth).expect(200);
      expect(put.body.facilitators).toEqual([{ userId: coach.user.id, name: coach.user.name }]);
      await t.http.put(`/api/groups/${group.id}/facilitators/${coach.user.id}`).set(a.manager.auth).expect(200);
      const roles = await t.db.query(`SELECT programme_id FROM role_assignment WHERE user_id = $1 AND group_id = $2`, [
        coach.user.id,
        group.id,
      ]);
      expect(roles).toEqual([{ programme_id: a.programme.id }]);
      await t.http.patch(`/api/groups/${group.id}`).set(coach.auth).send({ theme: 'Exporting' }).expect(200);

      const del = await t.http.delete(`/api/groups/${group.id}/facilitators/${coach.user.id}`).set(a.manager.auth).expect(200);
      expect(del.body.facilitators).toEqual([]);
      await t.http.patch(`/api/groups/${group.id}`).set(coach.auth).send({ theme: 'x' }).expect(403);
    });

    it('gives one 404 for everyone who is not staff of the programme, and grants them nothing', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const account = await t.fixtures.user();
      const candidates = [unknown, a.member.user.id, b.manager.user.id, b.facilitator.user.id, b.member.user.id, account.user.id];
      const answers = new Set<string>();
      for (const userId of candidates) {
        const url = `/api/groups/${a.group.id}/facilitators/${userId}`;
        const put = await t.http.put(url).set(a.manager.auth);
        const del = await t.http.delete(url).set(a.manager.auth);
        answers.add(JSON.stringify([put.status, put.body, del.status, del.body]));
      }
      expect([...answers]).toEqual([
        JSON.stringify([
          404,
          { statusCode: 404, code: 'not_found', message: 'Staff member of this programme not found' },
          404,
          { statusCode: 404, code: 'not_found', message: 'Staff member of this programme not found' },
        ]),
      ]);
      const granted = await t.db.query(`SELECT 1 FROM role_assignment WHERE group_id = $1 AND user_id = ANY($2)`, [
        a.group.id,
        candidates,
      ]);
      expect(granted).toEqual([]);
      await t.http.put(`/api/groups/${a.group.id}/facilitators/not-a-uuid`).set(a.manager.auth).expect(400);
    });

    it('refuses facilitators and members (403) and other programmes (404)', async () => {
      const coach = await t.fixtures.user({ facilitatorOf: { groupId: a.otherGroup.id, programmeId: a.programme.id } });
      const url = `/api/groups/${a.group.id}/facilitators/${coach.user.id}`;
      for (const who of [a.facilitator, a.otherFacilitator, a.member]) {
        await t.http.put(url).set(who.auth).expect(403);
        await t.http.delete(url).set(who.auth).expect(403);
      }
      await t.http.put(url).set(b.manager.auth).expect(404);
      await t.http.delete(url).set(b.manager.auth).expect(404);
      await t.http.put(url).set(admin.auth).expect(200);
    });
  });

  describe('roster', () => {
    it('shows the group’s facilitator, managers and current members the active roster with firm details', async () => {
      const colleague = await t.fixtures.user({ firmId: a.firm.id, name: `Colleague ${uid()}` });
      for (const who of [a.facilitator, a.manager, admin, a.member, colleague]) {
        const res = await t.http.get(`/api/groups/${a.group.id}/members`).set(who.auth).expect(200);
        expect(res.body).toHaveLength(1);
        expect(res.body[0]).toMatchObject({
          status: 'active',
          endedAt: null,
          firm: {
            id: a.firm.id,
            name: a.firm.name,
            sicCode: a.firm.sicCode,
            localAuthorityCode: a.firm.localAuthorityCode,
            employeeBand: a.firm.employeeBand,
          },
        });
        expect(res.body[0].joinedAt).toEqual(expect.any(String));
        expect(res.body[0].people.map((p: { name: string }) => p.name).sort()).toEqual(
          [a.member.user.name, colleague.user.name].sort(),
        );
      }
    });

    it('refuses members and facilitators of other groups (403) and other programmes (404)', async () => {
      for (const who of [a.otherMember, a.otherFacilitator]) {
        const res = await t.http.get(`/api/groups/${a.group.id}/members`).set(who.auth).expect(403);
        expect(res.body.code).toBe('forbidden');
      }
      for (const who of [b.manager, b.facilitator, b.member]) {
        await t.http.get(`/api/groups/${a.group.id}/members`).set(who.auth).expect(404);
      }
    });

    it('shows past members to staff only, and refuses a firm whose membership ended', async () => {
      const group = await t.fixtures.group(a.programme.id);
      const staying = await firmWithPerson(t.fixtures, a.programme.id);
      const leaving = await firmWithPerson(t.fixtures, a.programme.id);
      await t.fixtures.membership(group.id, staying.firm.id);
      const ended = await t.fixtures.membership(group.id, leaving.firm.id);
      await t.db.manager.update(
        MembershipEntity,
        { id: ended.id },
        { status: 'left', endedAt: new Date(), endReason: 'Too busy this year' },
      );
      const url = `/api/groups/${group.id}/members`;

      const all = await t.http.get(`${url}?status=all`).set(a.manager.auth).expect(200);
      expect(all.body.map((m: { status: string }) => m.status).sort()).toEqual(['active', 'left']);
      const left = await t.http.get(`${url}?status=left`).set(a.manager.auth).expect(200);
      expect(left.body).toMatchObject([{ firm: { id: leaving.firm.id }, endReason: 'Too busy this year' }]);
      const active = await t.http.get(url).set(staying.person.auth).expect(200);
      expect(active.body.map((m: { firm: { id: string } }) => m.firm.id)).toEqual([staying.firm.id]);

      await t.http.get(`${url}?status=all`).set(staying.person.auth).expect(403);
      await t.http.get(url).set(leaving.person.auth).expect(403);
      const bad = await t.http.get(`${url}?status=everything`).set(a.manager.auth).expect(400);
      expect(fields(bad.body)).toContain('status');
    });
  });
  it('shows a group’s meeting link only to its facilitators, managers and current members', async () => {
    const link = 'https://meet.example.org/private-room';
    await t.http.patch(`/api/groups/${a.group.id}`).set(a.facilitator.auth).send({ defaultMeetingLink: link }).expect(200);
    for (const who of [a.facilitator, a.manager, a.member]) {
      expect((await t.http.get(`/api/groups/${a.group.id}`).set(who.auth).expect(200)).body.defaultMeetingLink).toBe(link);
    }
    for (const who of [a.otherMember, a.otherFacilitator]) {
      expect((await t.http.get(`/api/groups/${a.group.id}`).set(who.auth).expect(200)).body.defaultMeetingLink).toBeNull();
      const list = await t.http.get(`/api/programmes/${a.programme.id}/groups?pageSize=100`).set(who.auth).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(link);
    }
  });
});
