import { hash } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from '@roundtable/server-auth';
import {
  ApplicationEntity,
  FirmEntity,
  MembershipEntity,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { DataSource, In } from 'typeorm';
import { buildDemo } from './demo-builder';
import { DEMO_MEMBER, DEMO_STAFF, facilitatorEmail } from './demo-data';

export const DEMO_PASSWORD = 'roundtable-demo';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** The logins printed after seeding, one per role, in this order. */
const DEMO_LOGINS: Omit<DemoLogin, 'password'>[] = [
  { role: 'admin', email: DEMO_STAFF.admin.email },
  { role: 'programme manager', email: DEMO_STAFF.manager.email },
  { role: 'facilitator', email: facilitatorEmail(0) },
  { role: 'member', email: DEMO_MEMBER.email },
];

/**
 * Seeds the demo programme (staff, groups, firms and their people, applications and
 * memberships) into an empty database, in one transaction; returns the logins to print, or
 * null when the database already has programmes or users.
 */
export async function seedDemo(ds: DataSource): Promise<DemoLogin[] | null> {
  const [{ used }]: { used: boolean }[] = await ds.query(
    'SELECT EXISTS (SELECT 1 FROM programme) OR EXISTS (SELECT 1 FROM app_user) AS used',
  );
  if (used) return null;
  // One hash for every demo account: argon2id costs ~80 ms a hash, and `npm start` runs this.
  const passwordHash = await hash(DEMO_PASSWORD, ARGON2_OPTIONS);
  const demo = buildDemo(new Date(), passwordHash);
  await ds.transaction(async (em) => {
    // Parents before children: every foreign key points at a row inserted earlier.
    await em.insert(ProgrammeEntity, demo.programme);
    await em.insert(FirmEntity, demo.firms);
    await em.insert(UserEntity, demo.users);
    await em.insert(PeerGroupEntity, demo.groups);
    await em.insert(RoleAssignmentEntity, demo.roles);
    await em.insert(ApplicationEntity, demo.applications);
    await em.insert(MembershipEntity, demo.memberships);
  });
  return DEMO_LOGINS.map((l) => ({ ...l, password: DEMO_PASSWORD }));
}

/** The demo logins still present in a database seeded earlier (their password is the demo one unless changed). */
export async function existingDemoLogins(ds: DataSource): Promise<DemoLogin[]> {
  const users = await ds.manager.find(UserEntity, {
    select: { email: true },
    where: { email: In(DEMO_LOGINS.map((l) => l.email)) },
  });
  const present = new Set(users.map((u) => u.email));
  return DEMO_LOGINS.filter((l) => present.has(l.email)).map((l) => ({ ...l, password: DEMO_PASSWORD }));
}
