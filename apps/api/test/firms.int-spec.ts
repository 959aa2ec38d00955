import { FirmEntity, ProgrammeEntity } from '@roundtable/server-data';
import { randomInt } from 'node:crypto';
import { buildProgrammeWorld, ProgrammeWorld, SignedIn, uid } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/** A Companies House number no fixture hands out (fixtures use SC1xxxxx). */
const chNumber = () => `NI${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

const validFirm = (values: Record<string, unknown> = {}) => ({
  name: `Glen Digital ${uid()}`,
  companiesHouseNumber: chNumber(),
  sicCode: '62012',
  employeeBand: '10-49',
  localAuthorityCode: 'S12000017',
  postcode: 'IV2 3BS',
  ...values,
});

/** The distinct fields an error names (one field may break several rules). */
const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];

describe('firms API', () => {
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

  describe('POST /programmes/:programmeId/firms', () => {
    it('lets the manager add a firm, storing the normalised Companies House number and postcode', async () => {
      const res = await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm({ name: '  Cairngorm Bakery  ', companiesHouseNumber: 'sc 654 321', postcode: ' iv23bs ' }))
        .expect(201);
      expect(res.body).toMatchObject({
        programmeId: a.programme.id,
        name: 'Cairngorm Bakery',
        companiesHouseNumber: 'SC654321',
        sicCode: '62012',
        employeeBand: '10-49',
        localAuthorityCode: 'S12000017',
        postcode: 'IV2 3BS',
      });
      const stored = await t.db.manager.findOneByOrFail(FirmEntity, { id: res.body.id });
      expect(stored).toMatchObject({ companiesHouseNumber: 'SC654321', postcode: 'IV2 3BS', programmeId: a.programme.id });
      const fetched = await t.http.get(`/api/firms/${res.body.id}`).set(a.manager.auth).expect(200);
      expect(fetched.body).toEqual(res.body);
    });

    it('pads a short all-digit Companies House number and accepts a firm without one', async () => {
      const padded = await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm({ companiesHouseNumber: String(randomInt(100_000, 999_999)) }))
        .expect(201);
      expect(padded.body.companiesHouseNumber).toMatch(/^00\d{6}$/);
      const none = await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm({ companiesHouseNumber: undefined }))
        .expect(201);
      expect(none.body.companiesHouseNumber).toBeNull();
      const explicitNull = await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm({ companiesHouseNumber: null }))
        .expect(201);
      expect(explicitNull.body.companiesHouseNumber).toBeNull();
    });

    it('lets an admin add a firm to any programme', async () => {
      await t.http.post(`/api/programmes/${b.programme.id}/firms`).set(admin.auth).send(validFirm()).expect(201);
    });

    it.each([
      ['companiesHouseNumber', { companiesHouseNumber: 'SC12345' }],
      ['companiesHouseNumber', { companiesHouseNumber: '00000000' }],
      ['companiesHouseNumber', { companiesHouseNumber: 'ABC12345' }],
      ['sicCode', { sicCode: '6201' }],
      ['sicCode', { sicCode: '00110' }],
      ['sicCode', { sicCode: 62012 }],
      ['employeeBand', { employeeBand: '10-50' }],
      ['localAuthorityCode', { localAuthorityCode: 'E10000002' }],
      ['localAuthorityCode', { localAuthorityCode: 's12000017' }],
      ['postcode', { postcode: 'IV1' }],
      ['postcode', { postcode: '12345' }],
      ['name', { name: '   ' }],
      ['name', { name: 'x'.repeat(201) }],
    ])('refuses a bad %s (%j) with 400 naming the field', async (field, values) => {
      const res = await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm(values))
        .expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(fields(res.body)).toEqual([field]);
      expect(res.body.message).toContain(field);
    });

    it('names every missing required field, and refuses unknown fields', async () => {
      const missing = await t.http.post(`/api/programmes/${a.programme.id}/firms`).set(a.manager.auth).send({}).expect(400);
      expect(new Set(fields(missing.body))).toEqual(
        new Set(['name', 'sicCode', 'employeeBand', 'localAuthorityCode', 'postcode']),
      );
      const unknown = await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm({ programmeId: b.programme.id, id: 'x' }))
        .expect(400);
      expect(unknown.body.message).toMatch(/property programmeId should not exist/);
    });

    it('refuses a Companies House number already in the programme (409), however it is written', async () => {
      const number = chNumber();
      await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm({ companiesHouseNumber: number }))
        .expect(201);
      const dup = await t.http
        .post(`/api/programmes/${a.programme.id}/firms`)
        .set(a.manager.auth)
        .send(validFirm({ companiesHouseNumber: ` ${number.toLowerCase().slice(0, 4)} ${number.slice(4)}` }))
        .expect(409);
      expect(dup.body).toMatchObject({ statusCode: 409, code: 'duplicate_companies_house_number' });
      expect(fields(dup.body)).toEqual(['companiesHouseNumber']);
      // Another programme may hold the same company.
      await t.http
        .post(`/api/programmes/${b.programme.id}/firms`)
        .set(b.manager.auth)
        .send(validFirm({ companiesHouseNumber: number }))
        .expect(201);
    });

    it('adds a company once when the same number is posted many times at once', async () => {
      const number = chNumber();
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.http
            .post(`/api/programmes/${a.programme.id}/firms`)
            .set(a.manager.auth)
            .send(validFirm({ companiesHouseNumber: number })),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((r) => r.status === 409)) expect(r.body.code).toBe('duplicate_companies_house_number');
      expect(await t.db.manager.countBy(FirmEntity, { programmeId: a.programme.id, companiesHouseNumber: number })).toBe(1);
    });

    it('refuses everyone but the programme’s managers and admins', async () => {
      const url = `/api/programmes/${a.programme.id}/firms`;
      const before = await t.db.manager.countBy(FirmEntity, { programmeId: a.programme.id });
      for (const who of [a.facilitator, a.otherFacilitator, a.member]) {
        const res = await t.http.post(url).set(who.auth).send(validFirm()).expect(403);
        expect(res.body.code).toBe('forbidden');
      }
      for (const who of [b.manager, b.facilitator, b.member]) {
        const res = await t.http.post(url).set(who.auth).send(validFirm()).expect(404);
        expect(res.body.code).toBe('not_found');
      }
      expect(await t.db.manager.countBy(FirmEntity, { programmeId: a.programme.id })).toBe(before);
    });

    it('answers 404 for an unknown programme and 400 for a malformed id', async () => {
      await t.http
        .post(`/api/programmes/00000000-0000-4000-8000-000000000000/firms`)
        .set(admin.auth)
        .send(validFirm())
        .expect(404);
      await t.http.post(`/api/programmes/not-a-uuid/firms`).set(admin.auth).send(validFirm()).expect(400);
    });
  });

  describe('GET /programmes/:programmeId/firms', () => {
    let programme: ProgrammeEntity;
    let manager: SignedIn;
    let names: Record<string, string>;

    beforeAll(async () => {
      programme = await t.fixtures.programme();
      manager = await t.fixtures.user({ managerOf: programme.id });
      const tag = uid();
      names = {
        alder: `Alder Software ${tag}`,
        birch: `Birch Bakery ${tag}`,
        cedar: `Cedar Software ${tag}`,
        damson: `Damson_Data ${tag}`,
      };
      // Created one by one so createdAt follows this order.
      await t.fixtures.firm(programme.id, {
        name: names.cedar,
        sicCode: '62012',
        employeeBand: '10-49',
        localAuthorityCode: 'S12000017',
      });
      await t.fixtures.firm(programme.id, {
        name: names.alder,
        sicCode: '62020',
        employeeBand: '0-4',
        localAuthorityCode: 'S12000036',
      });
      await t.fixtures.firm(programme.id, {
        name: names.birch,
        sicCode: '10710',
        employeeBand: '10-49',
        localAuthorityCode: 'S12000017',
      });
      await t.fixtures.firm(programme.id, {
        name: names.damson,
        sicCode: '62090',
        employeeBand: '50-249',
        localAuthorityCode: 'E06000001',
        companiesHouseNumber: null,
      });
    });

    const list = async (query: string, who: SignedIn = manager) => {
      const res = await t.http.get(`/api/programmes/${programme.id}/firms?${query}`).set(who.auth).expect(200);
      return res.body as { items: { name: string }[]; total: number; page: number; pageSize: number };
    };
    const namesOf = (page: { items: { name: string }[] }) => page.items.map((f) => f.name);

    it('lists only this programme’s firms, sorted by name by default', async () => {
      const page = await list('');
      expect(namesOf(page)).toEqual([names.alder, names.birch, names.cedar, names.damson]);
      expect(page).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    });

    it('sorts by createdAt in either direction and pages', async () => {
      expect(namesOf(await list('sort=createdAt'))).toEqual([names.cedar, names.alder, names.birch, names.damson]);
      expect(namesOf(await list('sort=createdAt&order=desc'))).toEqual([names.damson, names.birch, names.alder, names.cedar]);
      const second = await list('pageSize=3&page=2');
      expect(namesOf(second)).toEqual([names.damson]);
      expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    });

    it('filters by name, local authority, SIC prefix and employee band', async () => {
      expect(namesOf(await list('q=software'))).toEqual([names.alder, names.cedar]);
      expect(namesOf(await list('q=_'))).toEqual([names.damson]);
      expect(namesOf(await list('localAuthorityCode=S12000017'))).toEqual([names.birch, names.cedar]);
      expect(namesOf(await list('sicCode=62'))).toEqual([names.alder, names.cedar, names.damson]);
      expect(namesOf(await list('sicCode=6201'))).toEqual([names.cedar]);
      expect(namesOf(await list('sicCode=10710'))).toEqual([names.birch]);
      expect(namesOf(await list('employeeBand=10-49'))).toEqual([names.birch, names.cedar]);
      const combined = await list('sicCode=62&localAuthorityCode=S12000017&employeeBand=10-49&q=cedar');
      expect(namesOf(combined)).toEqual([names.cedar]);
      expect(combined.total).toBe(1);
    });

    it.each([
      ['sicCode', 'sicCode=6'],
      ['sicCode', 'sicCode=62a'],
      ['localAuthorityCode', 'localAuthorityCode=X1'],
      ['employeeBand', 'employeeBand=huge'],
      ['sort', 'sort=postcode'],
      ['pageSize', 'pageSize=1000'],
    ])('refuses a bad %s filter (%s) with 400 naming it', async (field, query) => {
      const res = await t.http.get(`/api/programmes/${programme.id}/firms?${query}`).set(manager.auth).expect(400);
      expect(fields(res.body)).toEqual([field]);
    });

    it('is open to the programme’s managers, facilitators of any of its groups and admins', async () => {
      const url = `/api/programmes/${a.programme.id}/firms?pageSize=100`;
      const ids = [a.firm.id, a.otherFirm.id];
      for (const who of [a.manager, a.facilitator, a.otherFacilitator, admin]) {
        const res = await t.http.get(url).set(who.auth).expect(200);
        expect(res.body.items.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(ids));
        expect(res.body.items.every((f: { programmeId: string }) => f.programmeId === a.programme.id)).toBe(true);
      }
    });

    it('refuses members (403) and people of other programmes (404)', async () => {
      const url = `/api/programmes/${a.programme.id}/firms`;
      const member = await t.http.get(url).set(a.member.auth).expect(403);
      expect(member.body.code).toBe('forbidden');
      for (const who of [b.manager, b.facilitator, b.member]) {
        const res = await t.http.get(url).set(who.auth).expect(404);
        expect(res.body.code).toBe('not_found');
      }
      await t.http.get(`/api/programmes/00000000-0000-4000-8000-000000000000/firms`).set(admin.auth).expect(404);
    });
  });

  describe('GET /firms/:firmId', () => {
    it('shows the firm to its own people, the programme’s staff and admins', async () => {
      for (const who of [a.member, a.manager, a.facilitator, a.otherFacilitator, admin]) {
        const res = await t.http.get(`/api/firms/${a.firm.id}`).set(who.auth).expect(200);
        expect(res.body).toMatchObject({ id: a.firm.id, programmeId: a.programme.id, name: a.firm.name });
      }
    });

    it('hides it (404) from other members of the programme and from other programmes', async () => {
      for (const who of [a.otherMember, b.member, b.manager, b.facilitator]) {
        const res = await t.http.get(`/api/firms/${a.firm.id}`).set(who.auth).expect(404);
        expect(res.body.code).toBe('not_found');
      }
      await t.http.get(`/api/firms/00000000-0000-4000-8000-000000000000`).set(admin.auth).expect(404);
      await t.http.get(`/api/firms/123`).set(admin.auth).expect(400);
    });

    it('requires a session', async () => {
      const res = await t.http.get(`/api/firms/${a.firm.id}`).expect(401);
      expect(res.body.code).toBe('unauthenticated');
    });
  });

  describe('PATCH /firms/:firmId', () => {
    it('lets the firm’s own people change it, with the same normalisation', async () => {
      const firm = await t.fixtures.firm(a.programme.id);
      const person = await t.fixtures.user({ firmId: firm.id });
      const res = await t.http
        .patch(`/api/firms/${firm.id}`)
        .set(person.auth)
        .send({ employeeBand: '50-249', postcode: 'eh11yz', companiesHouseNumber: 'oc 301 234' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: firm.id,
        employeeBand: '50-249',
        postcode: 'EH1 1YZ',
        companiesHouseNumber: 'OC301234',
      });
      expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThan(firm.updatedAt.getTime());
      const stored = await t.db.manager.findOneByOrFail(FirmEntity, { id: firm.id });
      expect(stored).toMatchObject({ employeeBand: '50-249', postcode: 'EH1 1YZ', name: firm.name, sicCode: firm.sicCode });
    });

    it('lets the programme’s manager and an admin change it, and clear the Companies House number', async () => {
      const firm = await t.fixtures.firm(a.programme.id);
      await t.http.patch(`/api/firms/${firm.id}`).set(a.manager.auth).send({ name: 'Renamed Ltd' }).expect(200);
      const cleared = await t.http
        .patch(`/api/firms/${firm.id}`)
        .set(admin.auth)
        .send({ companiesHouseNumber: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ name: 'Renamed Ltd', companiesHouseNumber: null });
    });

    it('validates as on creation and refuses nulls for required fields and unknown fields', async () => {
      const url = `/api/firms/${a.firm.id}`;
      for (const [field, body] of [
        ['postcode', { postcode: 'nowhere' }],
        ['sicCode', { sicCode: '123' }],
        ['sicCode', { sicCode: null }],
        ['localAuthorityCode', { localAuthorityCode: 'S13002516' }],
        ['companiesHouseNumber', { companiesHouseNumber: 'SC1234567' }],
        ['employeeBand', { employeeBand: null }],
        ['name', { name: null }],
      ] as const) {
        const res = await t.http.patch(url).set(a.member.auth).send(body).expect(400);
        expect(fields(res.body)).toEqual([field]);
      }
      const moved = await t.http.patch(url).set(a.member.auth).send({ programmeId: b.programme.id }).expect(400);
      expect(moved.body.message).toMatch(/property programmeId should not exist/);
      expect((await t.db.manager.findOneByOrFail(FirmEntity, { id: a.firm.id })).programmeId).toBe(a.programme.id);
    });

    it('refuses a Companies House number another firm of the programme has (409)', async () => {
      const firm = await t.fixtures.firm(a.programme.id);
      const res = await t.http
        .patch(`/api/firms/${firm.id}`)
        .set(a.manager.auth)
        .send({ companiesHouseNumber: a.otherFirm.companiesHouseNumber })
        .expect(409);
      expect(res.body.code).toBe('duplicate_companies_house_number');
      // Re-saving a firm's own number is not a duplicate.
      await t.http
        .patch(`/api/firms/${firm.id}`)
        .set(a.manager.auth)
        .send({ companiesHouseNumber: firm.companiesHouseNumber })
        .expect(200);
    });

    it('refuses facilitators (403), other members and other programmes (404)', async () => {
      const url = `/api/firms/${a.firm.id}`;
      const before = await t.db.manager.findOneByOrFail(FirmEntity, { id: a.firm.id });
      for (const who of [a.facilitator, a.otherFacilitator]) {
        const res = await t.http.patch(url).set(who.auth).send({ name: 'Hijacked' }).expect(403);
        expect(res.body.code).toBe('forbidden');
      }
      for (const who of [a.otherMember, b.member, b.manager, b.facilitator]) {
        await t.http.patch(url).set(who.auth).send({ name: 'Hijacked' }).expect(404);
      }
      expect((await t.db.manager.findOneByOrFail(FirmEntity, { id: a.firm.id })).name).toBe(before.name);
    });
  });

  describe('GET /firms/:firmId/people', () => {
    it('lists the firm’s people, including someone invited through POST /invitations', async () => {
      const firm = await t.fixtures.firm(a.programme.id);
      const owner = await t.fixtures.user({ firmId: firm.id, name: 'Aileen Owner' });
      const email = `colleague-${uid()}@test.roundtable.local`;
      await t.http
        .post('/api/invitations')
        .set(a.manager.auth)
        .send({ email, name: 'Zed Colleague', role: 'member', firmId: firm.id })
        .expect(201);
      const res = await t.http.get(`/api/firms/${firm.id}/people`).set(owner.auth).expect(200);
      expect(res.body).toEqual([
        { id: owner.user.id, name: 'Aileen Owner', email: owner.user.email, status: 'active', timezone: 'Europe/London' },
        { id: expect.any(String), name: 'Zed Colleague', email, status: 'invited', timezone: a.programme.timezone },
      ]);
    });

    it('follows the read rule of the firm', async () => {
      const url = `/api/firms/${a.firm.id}/people`;
      for (const who of [a.member, a.manager, a.facilitator, a.otherFacilitator, admin]) {
        const res = await t.http.get(url).set(who.auth).expect(200);
        expect(res.body.map((p: { id: string }) => p.id)).toContain(a.member.user.id);
        expect(Object.keys(res.body[0]).sort()).toEqual(['email', 'id', 'name', 'status', 'timezone']);
      }
      for (const who of [a.otherMember, b.member, b.manager, b.facilitator]) {
        await t.http.get(url).set(who.auth).expect(404);
      }
    });
  });
  it('keeps the competitor-screen fields (SIC code, local authority) to the programme’s managers', async () => {
    const own = await t.http.patch(`/api/firms/${a.firm.id}`).set(a.member.auth).send({ sicCode: '47710' }).expect(403);
    expect(own.body.message).toMatch(/sicCode/);
    await t.http.patch(`/api/firms/${a.firm.id}`).set(a.member.auth).send({ localAuthorityCode: 'S12000036' }).expect(403);
    await t.http
      .patch(`/api/firms/${a.firm.id}`)
      .set(a.member.auth)
      .send({ sicCode: a.firm.sicCode, name: 'Renamed by owner' })
      .expect(200);
    const byManager = await t.http.patch(`/api/firms/${a.firm.id}`).set(a.manager.auth).send({ sicCode: '47710' }).expect(200);
    expect(byManager.body.sicCode).toBe('47710');
  });
});
