import { verify } from '@node-rs/argon2';
import {
  EMPLOYEE_BANDS,
  findCompetitors,
  isLocalAuthorityCode,
  isSic2007Code,
  normaliseCompaniesHouseNumber,
  normalisePostcode,
} from '@roundtable/domain';
import {
  ApplicationEntity,
  ensureDatabase,
  FirmEntity,
  MembershipEntity,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { DEMO_GROUPS, DEMO_MEMBER, DEMO_PASSWORD, existingDemoLogins, seedDemo } from '@roundtable/server-demo';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../src/database';
import { TEST_DATABASE_URL } from './support/test-env';

/** Postcode areas of each local authority the demo uses, so a firm's postcode matches its council. */
const POSTCODE_AREAS: Record<string, string[]> = {
  S12000017: ['IV', 'PH', 'KW'], // Highland
  S12000036: ['EH'], // City of Edinburgh
  S12000049: ['G'], // Glasgow City
  S12000041: ['DD'], // Angus
  S12000042: ['DD'], // Dundee City
  S12000033: ['AB'], // Aberdeen City
  S12000048: ['PH', 'KY', 'FK'], // Perth and Kinross
  S12000034: ['AB'], // Aberdeenshire
  E08000003: ['M'], // Manchester
  E08000021: ['NE'], // Newcastle upon Tyne
  E06000047: ['DH', 'DL'], // County Durham
  E08000035: ['LS'], // Leeds
  E06000057: ['NE', 'TD'], // Northumberland
};

// The seed expects an empty database, so this suite makes its own rather than sharing the test database.
describe('demo seed', () => {
  const name = `roundtable_test_seed_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${name}` }).toString();
  let ds: DataSource;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  let seedMs: number;

  beforeAll(async () => {
    await ensureDatabase(url);
    ds = new DataSource(appDataSourceOptions(url, 4));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const started = Date.now();
    seeded = await seedDemo(ds);
    seedMs = Date.now() - started;
  });

  afterAll(async () => {
    await ds?.destroy();
    const admin = Object.assign(new URL(TEST_DATABASE_URL), { pathname: '/postgres' });
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });

  it('returns the admin, programme manager, facilitator and member logins, in that order', async () => {
    expect(seeded).toEqual([
      { role: 'admin', email: 'admin@demo.roundtable.local', password: DEMO_PASSWORD },
      { role: 'programme manager', email: 'pm@demo.roundtable.local', password: DEMO_PASSWORD },
      { role: 'facilitator', email: 'facilitator1@demo.roundtable.local', password: DEMO_PASSWORD },
      { role: 'member', email: 'member@demo.roundtable.local', password: DEMO_PASSWORD },
    ]);
    expect(await existingDemoLogins(ds)).toEqual(seeded);
    // Quick enough for `npm start`: one password hash and a handful of inserts.
    expect(seedMs).toBeLessThan(5000);
  });

  it('creates one programme, four groups and three facilitators', async () => {
    const programmes = await ds.manager.find(ProgrammeEntity);
    expect(programmes.map((p) => p.name)).toEqual(['Peer Works Highlands & Lowlands']);
    const groups = await ds.manager.find(PeerGroupEntity);
    expect(groups).toHaveLength(4);
    expect(new Set(groups.map((g) => g.format))).toEqual(new Set(['in_person', 'online', 'hybrid']));
    expect(new Set(groups.map((g) => g.status))).toEqual(new Set(['active', 'forming']));
    const roles = await ds.manager.find(RoleAssignmentEntity, { where: { role: 'facilitator' }, relations: { user: true } });
    expect(new Set(roles.map((r) => r.user?.email))).toEqual(
      new Set([1, 2, 3].map((i) => `facilitator${i}@demo.roundtable.local`)),
    );
    expect(new Set(roles.map((r) => r.groupId))).toEqual(new Set(groups.map((g) => g.id)));
    expect(roles.every((r) => r.programmeId === programmes[0].id)).toBe(true);
  });

  it('creates about forty firms whose codes pass the domain validators and match their area', async () => {
    const firms = await ds.manager.find(FirmEntity);
    expect(firms.length).toBeGreaterThanOrEqual(38);
    expect(firms.length).toBeLessThanOrEqual(45);
    for (const f of firms) {
      const ch = f.companiesHouseNumber ?? '';
      expect({ firm: f.name, ok: normaliseCompaniesHouseNumber(ch) === ch }).toEqual({ firm: f.name, ok: true });
      expect({ firm: f.name, sic: isSic2007Code(f.sicCode), la: isLocalAuthorityCode(f.localAuthorityCode) }).toEqual({
        firm: f.name,
        sic: true,
        la: true,
      });
      expect(normalisePostcode(f.postcode)).toBe(f.postcode);
      expect(EMPLOYEE_BANDS).toContain(f.employeeBand);
      // Scottish councils (S12) have Scottish companies (SC/SO), English ones English numbers.
      expect(/^S[CO]/.test(ch)).toBe(f.localAuthorityCode.startsWith('S12'));
      expect(POSTCODE_AREAS[f.localAuthorityCode]).toContain(f.postcode.match(/^[A-Z]+/)?.[0]);
    }
    expect(new Set(firms.map((f) => f.localAuthorityCode)).size).toBeGreaterThanOrEqual(10);
  });

  it('gives every firm one or two active people, all sharing the demo password', async () => {
    const users = await ds.manager.find(UserEntity);
    const firms = await ds.manager.find(FirmEntity);
    for (const f of firms) {
      const people = users.filter((u) => u.firmId === f.id);
      expect({ firm: f.name, people: people.length >= 1 && people.length <= 2 }).toEqual({ firm: f.name, people: true });
    }
    expect(users.every((u) => u.status === 'active' && u.timezone === 'Europe/London')).toBe(true);
    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(1);
    expect(await verify(users[0].passwordHash as string, DEMO_PASSWORD)).toBe(true);
  });

  it('makes the member login the owner of an active member firm of the first group', async () => {
    const member = await ds.manager.findOneByOrFail(UserEntity, { email: DEMO_MEMBER.email });
    const firm = await ds.manager.findOneByOrFail(FirmEntity, { id: member.firmId as string });
    expect(firm.name).toBe(DEMO_MEMBER.firm);
    const group = await ds.manager.findOneByOrFail(PeerGroupEntity, { name: DEMO_GROUPS[0].name });
    await expect(ds.manager.countBy(MembershipEntity, { groupId: group.id, firmId: firm.id, status: 'active' })).resolves.toBe(1);
  });

  it('has applications in every state, decided ones by a facilitator with a date', async () => {
    const applications = await ds.manager.find(ApplicationEntity);
    const byStatus = (s: string) => applications.filter((a) => a.status === s);
    expect(byStatus('pending').length).toBeGreaterThanOrEqual(3);
    for (const s of ['approved', 'rejected', 'withdrawn']) expect(byStatus(s).length).toBeGreaterThanOrEqual(1);
    const facilitatorIds = (await ds.manager.findBy(RoleAssignmentEntity, { role: 'facilitator' })).map((r) => r.userId);
    for (const a of [...byStatus('approved'), ...byStatus('rejected')]) {
      expect(facilitatorIds).toContain(a.decidedById);
      expect(a.decidedAt!.getTime()).toBeGreaterThan(a.createdAt.getTime());
    }
    for (const a of [...byStatus('rejected'), ...byStatus('withdrawn')]) expect(a.decisionNote).toBeTruthy();
    const memberships = await ds.manager.find(MembershipEntity);
    expect(new Set(memberships.map((m) => m.applicationId))).toEqual(new Set(byStatus('approved').map((a) => a.id)));
  });

  it('flags pending applications from competitors of active members, and only those', async () => {
    const firms = new Map((await ds.manager.find(FirmEntity)).map((f) => [f.id, f]));
    const active = await ds.manager.findBy(MembershipEntity, { status: 'active' });
    const profile = (firmId: string) => ({ firmId, ...firms.get(firmId)! });
    const pending = await ds.manager.findBy(ApplicationEntity, { status: 'pending' });
    for (const a of pending) {
      const members = active.filter((m) => m.groupId === a.groupId).map((m) => profile(m.firmId));
      const expected = findCompetitors(profile(a.firmId), members);
      expect(a.conflictingFirmIds.sort()).toEqual(expected.sort());
      expect(a.competitorConflict).toBe(expected.length > 0);
    }
    expect(pending.filter((a) => a.competitorConflict).length).toBeGreaterThanOrEqual(1);
    // Active members of one group never compete with each other.
    for (const m of active) {
      const others = active.filter((o) => o.groupId === m.groupId).map((o) => profile(o.firmId));
      expect(findCompetitors(profile(m.firmId), others)).toEqual([]);
    }
  });

  it('fills the active groups to 6–10 members within capacity, and keeps history of firms that left', async () => {
    const groups = await ds.manager.find(PeerGroupEntity);
    const memberships = await ds.manager.find(MembershipEntity);
    for (const g of groups) {
      const active = memberships.filter((m) => m.groupId === g.id && m.status === 'active').length;
      expect(active).toBeLessThanOrEqual(g.capacity);
      if (g.status === 'active') {
        expect(active).toBeGreaterThanOrEqual(6);
        expect(active).toBeLessThanOrEqual(10);
      }
    }
    const left = memberships.filter((m) => m.status === 'left');
    expect(left.length).toBeGreaterThanOrEqual(1);
    for (const m of left) {
      expect(m.endReason).toBeTruthy();
      expect(m.endedAt!.getTime()).toBeGreaterThan(m.joinedAt.getTime());
    }
  });

  it('does nothing on a database that already has data', async () => {
    await expect(seedDemo(ds)).resolves.toBeNull();
    await expect(ds.manager.count(ProgrammeEntity)).resolves.toBe(1);
  });
});
