import { hash } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from '@roundtable/server-auth';
import {
  ActionCommitmentEntity,
  ApplicationEntity,
  AttendanceEntity,
  AttendanceRevisionEntity,
  BookingEntity,
  CommitmentRevisionEntity,
  FeedbackEntity,
  FirmEntity,
  MeetingEntity,
  MeetingNoteEntity,
  MeetingSeriesEntity,
  MembershipEntity,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { oweBriefs, oweRecaps } from '@roundtable/server-notifications';
import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
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

/** Rows a statement: well under PostgreSQL's 65,535 bind parameters for any of these tables. */
const CHUNK = 500;

async function insertAll<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em.insert(entity, rows.slice(i, i + CHUNK) as QueryDeepPartialEntity<T>[]);
  }
}

/**
 * Seeds the demo programme (staff, groups, firms and their people, applications and
 * memberships, and a year of meetings with bookings, attendance, commitments, notes and
 * feedback) into an empty database, in one transaction; returns the logins to print, or null
 * when the database already has programmes or users.
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
    await insertAll(em, MeetingSeriesEntity, demo.series);
    await insertAll(em, MeetingEntity, demo.meetings);
    await insertAll(em, BookingEntity, demo.bookings);
    await insertAll(em, AttendanceEntity, demo.attendance);
    await insertAll(em, AttendanceRevisionEntity, demo.attendanceRevisions);
    await insertAll(em, ActionCommitmentEntity, demo.commitments);
    await insertAll(em, CommitmentRevisionEntity, demo.commitmentRevisions);
    await insertAll(em, MeetingNoteEntity, demo.notes);
    await insertAll(em, FeedbackEntity, demo.feedback);
    await skipDemoNotifications(em);
  });
  return DEMO_LOGINS.map((l) => ({ ...l, password: DEMO_PASSWORD }));
}

/** Why the emails the demo data would owe are not sent. */
export const DEMO_SKIPPED_REASON = 'demo data';

/**
 * The inserts above fire the notification triggers as any change would: invitations to every
 * upcoming session, booking confirmations, reminders. A newcomer's inbox should show what they do,
 * not a few hundred emails about invented history, so every email the seed owes is marked skipped
 * (with its reason) in the seed's own transaction, before the relay can see it. The recaps and briefs
 * the worker's schedules would owe for the sessions just held or about to happen are owed here first,
 * so their keys exist and the schedules leave them alone. The database had no users before this
 * transaction, and every notification names a user or an invitation, so every row is the seed's.
 */
async function skipDemoNotifications(em: EntityManager): Promise<void> {
  await oweRecaps(em);
  await oweBriefs(em);
  await em.query(
    `UPDATE notification SET status = 'skipped', skipped_reason = $1, updated_at = now() WHERE status IN ('pending', 'queued')`,
    [DEMO_SKIPPED_REASON],
  );
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
