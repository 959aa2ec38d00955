import { INestApplicationContext } from '@nestjs/common';
import { AttendanceMode, AttendanceStatus, BookingStatus, GroupFormat, GroupStatus } from '@roundtable/domain';
import { hashToken, newToken, PasswordService, SessionService } from '@roundtable/server-auth';
import { APP_CONFIG, AppConfig } from '@roundtable/server-core';
import {
  AttendanceEntity,
  BookingEntity,
  FirmEntity,
  MeetingEntity,
  MembershipEntity,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

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

  /**
   * A meeting written as history loaded from elsewhere would be: any instant (the past too), any status. A group
   * meeting with `groupId`; an open event without. A cancelled one gets its cancellation time.
   */
  meeting(programmeId: string, values: Partial<MeetingEntity> & { startsAt: Date }): Promise<MeetingEntity> {
    return this.db.manager.save(
      this.db.manager.create(MeetingEntity, {
        programmeId,
        groupId: null,
        title: `Session ${uid()}`,
        agenda: '',
        timezone: 'Europe/London',
        durationMinutes: 120,
        mode: 'online',
        onlineLink: 'https://meet.example/s',
        capacity: 12,
        status: 'scheduled',
        cancelledAt: values.status === 'cancelled' ? new Date() : null,
        icalUid: `${randomUUID()}@roundtable.test`,
        icalSequence: 0,
        ...values,
      }),
    );
  }

  /** A booking as it stands, written directly (no seat rules): a waitlisted one gets the next queue number. */
  async booking(meetingId: string, userId: string, status: BookingStatus): Promise<BookingEntity> {
    const [{ next }] = (await this.db.query(
      `SELECT coalesce(max(queue_number), 0) + 1 AS next FROM booking WHERE meeting_id = $1`,
      [meetingId],
    )) as { next: number }[];
    return this.db.manager.save(
      this.db.manager.create(BookingEntity, {
        meetingId,
        userId,
        status,
        queueNumber: status === 'waitlisted' ? next : null,
        confirmedAt: status === 'confirmed' ? new Date() : null,
        cancelledAt: status === 'cancelled' ? new Date() : null,
      }),
    );
  }

  /** An attendance record, written directly (the API's PUT also completes the meeting; set its status yourself). */
  attendance(
    meetingId: string,
    userId: string,
    status: AttendanceStatus,
    mode: AttendanceMode | null = null,
  ): Promise<AttendanceEntity> {
    return this.db.manager.save(
      this.db.manager.create(AttendanceEntity, { meetingId, userId, status, mode, recordedAt: new Date() }),
    );
  }

  /**
   * Does what the worker does when it emails an invitation, without the email: settles the emails owed for it
   * (so a worker elsewhere cannot mint another link over this one), mints its set-password token, stores the hash
   * and a new expiry (INVITATION_TTL_HOURS), and returns the token the email would carry.
   */
  async mailInvitation(invitationId: string, ttlHours = 24 * 7): Promise<string> {
    const token = newToken();
    await this.db.transaction(async (em) => {
      await settleOwed(em, `invitation_id = $1 AND kind = 'account_invitation'`, [invitationId]);
      const [, updated] = (await em.query(
        `UPDATE invitation SET token_hash = $2, expires_at = now() + make_interval(hours => $3) WHERE id = $1`,
        [invitationId, hashToken(token), ttlHours],
      )) as [unknown, number];
      if (updated !== 1) throw new Error(`No invitation ${invitationId}`);
    });
    return token;
  }

  /**
   * Does what the worker does when it emails the user's open password reset (the one POST /api/auth/password-reset
   * made): settles its email, mints the token, stores the hash and an hour's expiry, and returns the token.
   */
  async mailPasswordReset(userId: string): Promise<string> {
    const token = newToken();
    await this.db.transaction(async (em) => {
      const [reset] = (await em.query(
        `SELECT id FROM password_reset WHERE user_id = $1 AND used_at IS NULL ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
        [userId],
      )) as { id: string }[];
      if (!reset) throw new Error(`No open password reset for ${userId}`);
      await settleOwed(em, `kind = 'password_reset' AND data->>'passwordResetId' = $1`, [reset.id]);
      await em.query(`UPDATE password_reset SET token_hash = $2, expires_at = now() + interval '1 hour' WHERE id = $1`, [
        reset.id,
        hashToken(token),
      ]);
    });
    return token;
  }
}

/**
 * Marks the emails `where` selects as skipped, waiting for a delivery in progress to finish first (the rows are
 * locked as the worker locks them): the API tests share their database with test files that run a worker, whose
 * relay takes every due row and would otherwise replace a link a test minted by hand.
 */
async function settleOwed(em: EntityManager, where: string, params: unknown[]): Promise<void> {
  const rows = (await em.query(`SELECT id FROM notification WHERE ${where} ORDER BY id FOR UPDATE`, params)) as {
    id: string;
  }[];
  await em.query(
    `UPDATE notification SET status = 'skipped', skipped_reason = 'delivered by the test fixtures', updated_at = now()
      WHERE id = ANY($1) AND status IN ('pending', 'queued')`,
    [rows.map((r) => r.id)],
  );
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
 * Fixtures over an app or application context: its DataSource, and its SessionService and PasswordService
 * when it has them (a context without AuthModule gets instances of its own, the same code).
 */
export function fixturesFor(app: INestApplicationContext): Fixtures {
  const db = app.get(DataSource);
  const sessions = optional(app, SessionService) ?? new SessionService(db, app.get<AppConfig>(APP_CONFIG));
  const passwords = optional(app, PasswordService) ?? new PasswordService();
  return new Fixtures(db, sessions, passwords);
}

function optional<T>(app: INestApplicationContext, token: new (...args: never[]) => T): T | null {
  try {
    return app.get(token, { strict: false });
  } catch {
    return null;
  }
}
