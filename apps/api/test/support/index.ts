import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { GroupFormat, GroupStatus } from '@roundtable/domain';
import { PasswordService, SessionService } from '@roundtable/server-auth';
import { AppConfig, loadConfig } from '@roundtable/server-core';
import {
  FirmEntity,
  MembershipEntity,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp, createAdapter } from '../../src/configure';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: DataSource;
  config: AppConfig;
  fixtures: Fixtures;
  close(): Promise<void>;
}

/** The real application (real PostgreSQL, real Redis) behind supertest. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    ...process.env,
    // Each test file gets its own Redis key space, so throttle counters never leak between files.
    REDIS_KEY_PREFIX: `rt-test:${randomUUID()}:`,
    DATABASE_POOL_SIZE: '10',
    // Off by default in tests: a role change made by one request and used by the very next one
    // must not depend on when the NOTIFY arrives. session-cache.int-spec.ts tests the cache itself.
    SESSION_CACHE_SECONDS: '0',
    ...overrides,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  // The adapter main.ts uses, with the same options.
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { ...APP_OPTIONS, logger: false });
  // Every answer of every test must be one its route declares: an undeclared error fails loudly.
  await configureApp(app, config, { declaredErrorsOnly: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    config,
    fixtures: new Fixtures(db, app.get(SessionService), app.get(PasswordService)),
    close: () => app.close(),
  };
}

export const uid = () => randomUUID().slice(0, 8);

let sequence = 0;
function nextSeq(): number {
  sequence += 1;
  return sequence;
}

export interface SignedIn {
  user: UserEntity;
  token: string;
  auth: { Authorization: string };
}

export class Fixtures {
  constructor(
    readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordService,
  ) {}

  programme(values: Partial<ProgrammeEntity> = {}): Promise<ProgrammeEntity> {
    return this.db.manager.save(
      this.db.manager.create(ProgrammeEntity, {
        name: `Programme ${uid()}`,
        region: 'Highlands',
        funder: 'Scottish Enterprise',
        timezone: 'Europe/London',
        ...values,
      }),
    );
  }

  firm(programmeId: string, values: Partial<FirmEntity> = {}): Promise<FirmEntity> {
    return this.db.manager.save(
      this.db.manager.create(FirmEntity, {
        programmeId,
        name: `Firm ${uid()}`,
        companiesHouseNumber: `SC${String(100000 + (nextSeq() % 900000)).padStart(6, '0')}`.slice(0, 8),
        sicCode: '62012',
        employeeBand: '10-49',
        localAuthorityCode: 'S12000017',
        postcode: 'IV1 1AA',
        ...values,
      }),
    );
  }

  group(programmeId: string, values: Partial<PeerGroupEntity> & { format?: GroupFormat; status?: GroupStatus } = {}) {
    return this.db.manager.save(
      this.db.manager.create(PeerGroupEntity, {
        programmeId,
        name: `Group ${uid()}`,
        theme: 'Digital adoption',
        format: 'online',
        capacity: 10,
        status: 'active',
        ...values,
      }),
    );
  }

  /** An active user, signed in. Password hashing is skipped unless a password is given. */
  async user(
    opts: {
      email?: string;
      name?: string;
      password?: string;
      firmId?: string;
      admin?: boolean;
      managerOf?: string;
      facilitatorOf?: { groupId: string; programmeId: string };
    } = {},
  ): Promise<SignedIn> {
    const user = await this.db.manager.save(
      this.db.manager.create(UserEntity, {
        email: (opts.email ?? `user-${uid()}@test.roundtable.local`).toLowerCase(),
        name: opts.name ?? `Person ${uid()}`,
        status: 'active',
        firmId: opts.firmId ?? null,
        passwordHash: opts.password ? await this.passwords.hash(opts.password) : null,
      }),
    );
    const roles: Partial<RoleAssignmentEntity>[] = [];
    if (opts.admin) roles.push({ userId: user.id, role: 'admin' });
    if (opts.managerOf) roles.push({ userId: user.id, role: 'programme_manager', programmeId: opts.managerOf });
    if (opts.facilitatorOf) {
      roles.push({ userId: user.id, role: 'facilitator', ...opts.facilitatorOf });
    }
    if (roles.length) await this.db.manager.insert(RoleAssignmentEntity, roles);
    const { token } = await this.sessions.issue(user.id, { ip: '127.0.0.1' });
    return { user, token, auth: { Authorization: `Bearer ${token}` } };
  }

  async membership(groupId: string, firmId: string): Promise<MembershipEntity> {
    return this.db.manager.save(this.db.manager.create(MembershipEntity, { groupId, firmId, status: 'active' }));
  }
}

export interface ProgrammeWorld {
  programme: ProgrammeEntity;
  manager: SignedIn;
  group: PeerGroupEntity;
  otherGroup: PeerGroupEntity;
  facilitator: SignedIn;
  otherFacilitator: SignedIn;
  firm: FirmEntity;
  member: SignedIn;
  otherFirm: FirmEntity;
  otherMember: SignedIn;
}

/**
 * A programme with a manager, two groups each with its own facilitator, and two firms:
 * `member`'s firm belongs to `group`, `otherMember`'s firm to `otherGroup`.
 */
export async function buildProgrammeWorld(f: Fixtures): Promise<ProgrammeWorld> {
  const programme = await f.programme();
  const manager = await f.user({ managerOf: programme.id });
  const group = await f.group(programme.id);
  const otherGroup = await f.group(programme.id);
  const facilitator = await f.user({ facilitatorOf: { groupId: group.id, programmeId: programme.id } });
  const otherFacilitator = await f.user({ facilitatorOf: { groupId: otherGroup.id, programmeId: programme.id } });
  const firm = await f.firm(programme.id, { sicCode: '62012', localAuthorityCode: 'S12000017' });
  const otherFirm = await f.firm(programme.id, { sicCode: '10710', localAuthorityCode: 'S12000036' });
  const member = await f.user({ firmId: firm.id });
  const otherMember = await f.user({ firmId: otherFirm.id });
  await f.membership(group.id, firm.id);
  await f.membership(otherGroup.id, otherFirm.id);
  return { programme, manager, group, otherGroup, facilitator, otherFacilitator, firm, member, otherFirm, otherMember };
}

/** The token of a set-password link returned by POST /api/invitations. */
export function invitationToken(setPasswordUrl: string): string {
  const token = new URL(setPasswordUrl).searchParams.get('token');
  if (!token) throw new Error(`No token in ${setPasswordUrl}`);
  return token;
}

/** The Set-Cookie header of a response for one cookie, e.g. `rt_session=…; Path=/; HttpOnly; SameSite=Lax`. */
export function setCookie(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const header = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
  return cookies.find((c) => c.startsWith(`${name}=`));
}

export interface FirmWithPerson {
  firm: FirmEntity;
  person: SignedIn;
}

/** A firm in the programme with one signed-in person of it. */
export async function firmWithPerson(
  f: Fixtures,
  programmeId: string,
  values: Partial<FirmEntity> = {},
  name?: string,
): Promise<FirmWithPerson> {
  const firm = await f.firm(programmeId, values);
  const person = await f.user({ firmId: firm.id, name });
  return { firm, person };
}

/** A `localStart` (wall clock in the programme's zone) `days` from now; negative days are in the past. */
export function localStartIn(days: number, time = '09:30'): string {
  return `${new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10)}T${time}`;
}

/**
 * Schedules a meeting through the API and returns its id: a group meeting with `groupId`, an open
 * event with `programmeId`. A meeting `days` in the past has started (attendance can be taken): the
 * API refuses new meetings in the past, so it is scheduled for tomorrow and then moved back in the
 * database, as history loaded from elsewhere would be.
 */
export async function scheduleMeeting(
  t: TestApp,
  by: SignedIn,
  opts: { groupId?: string; programmeId?: string; days: number; mode?: GroupFormat; capacity?: number; title?: string },
): Promise<string> {
  const path = opts.groupId ? `/api/groups/${opts.groupId}/meetings` : `/api/programmes/${opts.programmeId}/events`;
  const res = await t.http
    .post(path)
    .set(by.auth)
    .send({
      title: opts.title ?? `Session ${uid()}`,
      localStart: localStartIn(Math.max(opts.days, 1)),
      durationMinutes: 120,
      mode: opts.mode,
      // An open event needs a capacity; a group meeting takes the group's.
      capacity: opts.capacity ?? (opts.groupId ? undefined : 30),
    });
  if (res.status !== 201) throw new Error(`Scheduling failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (opts.days < 1) {
    await t.db.query(`UPDATE meeting SET starts_at = starts_at + make_interval(days => $2) WHERE id = $1`, [
      res.body.id,
      opts.days - 1,
    ]);
  }
  return res.body.id as string;
}
