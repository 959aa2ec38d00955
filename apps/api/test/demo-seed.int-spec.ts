import { verify } from '@node-rs/argon2';
import {
  COMMITMENT_STATUSES,
  EMPLOYEE_BANDS,
  expandRecurrence,
  findCompetitors,
  isLocalAuthorityCode,
  isSic2007Code,
  normaliseCompaniesHouseNumber,
  normalisePostcode,
} from '@roundtable/domain';
import {
  ActionCommitmentEntity,
  ApplicationEntity,
  AttendanceEntity,
  AttendanceRevisionEntity,
  BookingEntity,
  CommitmentRevisionEntity,
  ensureDatabase,
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
import {
  DEMO_GROUPS,
  DEMO_MEMBER,
  DEMO_PASSWORD,
  DEMO_SKIPPED_REASON,
  existingDemoLogins,
  seedDemo,
} from '@roundtable/server-demo';
import { oweBriefs, oweRecaps } from '@roundtable/server-notifications';
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '@roundtable/server-core';
import { TEST_DATABASE_URL } from '@roundtable/server-testing';

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
    // Quick enough for `npm start`: one password hash and a few bulk inserts.
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

  const minutes = (m: MeetingEntity) => m.durationMinutes * 60_000;
  /** Meetings by id, and the facilitators of each group. */
  const lookups = async () => {
    const meetings = new Map((await ds.manager.find(MeetingEntity)).map((m) => [m.id, m]));
    const roles = await ds.manager.findBy(RoleAssignmentEntity, { role: 'facilitator' });
    const facilitates = (userId: string | null, groupId: string | null) =>
      roles.some((r) => r.userId === userId && r.groupId === groupId);
    return { meetings, facilitates };
  };

  it('gives each active group twelve monthly sessions at the same local time across the clock change', async () => {
    const groups = await ds.manager.findBy(PeerGroupEntity, { status: 'active' });
    expect(groups).toHaveLength(3);
    const { facilitates } = await lookups();
    for (const g of groups) {
      const [series, ...more] = await ds.manager.findBy(MeetingSeriesEntity, { groupId: g.id });
      expect(more).toEqual([]);
      expect(series.rrule).toMatch(/^FREQ=MONTHLY;BYDAY=[1-4](MO|TU|WE|TH|FR);COUNT=12$/);
      const meetings = await ds.manager.find(MeetingEntity, { where: { seriesId: series.id }, order: { startsAt: 'ASC' } });
      expect(meetings).toHaveLength(12);
      const starts = meetings.map((m) => m.startsAt.toISOString());
      const expanded = expandRecurrence(series.rrule, series.localStart, series.timezone);
      expect(starts).toEqual(expanded.map((o) => o.startsAt.toISOString()));
      const local = meetings.map((m) => DateTime.fromJSDate(m.startsAt, { zone: 'Europe/London' }));
      expect(new Set(local.map((d) => d.toFormat('HH:mm')))).toEqual(new Set([series.localStart.slice(11)]));
      expect(new Set(local.map((d) => d.offset)).size).toBe(2); // both GMT and BST
      const held = meetings.filter((m) => m.startsAt.getTime() + minutes(m) < Date.now()).length;
      expect(held).toBeGreaterThanOrEqual(6);
      expect(held).toBeLessThanOrEqual(8);
      meetings.forEach((m, i) => {
        expect(m.recurrenceId?.toISOString()).toBe(starts[i]);
        expect(m.icalUid).toBe(`${m.id}@roundtable`);
        expect([m.mode, m.capacity, m.venue, m.onlineLink]).toEqual([g.format, g.capacity, g.defaultVenue, g.defaultMeetingLink]);
        expect(facilitates(m.createdById, g.id)).toBe(true);
        expect(m.title).toMatch(new RegExp(`^Session ${i + 1}: \\S`));
        const agenda = m.agenda.split('\n');
        if (i > 0) expect(agenda[0]).toContain("Report back on last session's actions");
        expect(agenda[agenda.length - 1]).toContain('New commitments');
      });
    }
  });

  it('has held, cancelled and upcoming meetings, and open events for the whole programme', async () => {
    const meetings = await ds.manager.find(MeetingEntity);
    const now = Date.now();
    const byStatus = (s: string) => meetings.filter((m) => m.status === s);
    for (const s of ['completed', 'cancelled', 'scheduled']) expect(byStatus(s).length).toBeGreaterThanOrEqual(1);
    for (const m of byStatus('completed')) expect(m.startsAt.getTime()).toBeLessThan(now);
    for (const m of byStatus('scheduled')) expect(m.startsAt.getTime() + minutes(m)).toBeGreaterThan(now);
    for (const m of byStatus('cancelled')) {
      expect([m.startsAt.getTime() < now, m.cancelledAt! < m.startsAt, m.icalSequence]).toEqual([true, true, 1]);
      expect(m.cancellationMessage).toBeTruthy();
    }
    const forming = await ds.manager.findOneByOrFail(PeerGroupEntity, { status: 'forming' });
    const first = meetings.filter((m) => m.groupId === forming.id);
    expect(first.map((m) => [m.status, m.seriesId, m.startsAt.getTime() > now])).toEqual([
      ['scheduled', null, true],
      ['scheduled', null, true],
    ]);
    const open = meetings.filter((m) => m.groupId === null);
    expect(open.map((m) => m.status).sort()).toEqual(['completed', 'scheduled', 'scheduled']);
  });

  it('never confirms more seats than a meeting holds, and queues the full open event without gaps', async () => {
    const { meetings } = await lookups();
    const bookings = await ds.manager.find(BookingEntity, { order: { queueNumber: 'ASC' } });
    for (const m of meetings.values()) {
      const mine = bookings.filter((b) => b.meetingId === m.id);
      expect(mine.filter((b) => b.status === 'confirmed').length).toBeLessThanOrEqual(m.capacity);
      // Hybrid sessions ask how each person will join; others do not.
      expect(mine.every((b) => (b.mode !== null) === (m.mode === 'hybrid'))).toBe(true);
    }
    for (const b of bookings) {
      expect(b.confirmedAt === null).toBe(b.status === 'waitlisted');
      if (b.status === 'cancelled') expect([b.cancelledById, b.cancelledAt! > b.createdAt]).toEqual([b.userId, true]);
    }
    const waiting = bookings.filter((b) => b.status === 'waitlisted');
    const full = meetings.get(waiting[0]?.meetingId)!;
    expect([full.groupId, full.status]).toEqual([null, 'scheduled']);
    expect(waiting.every((b) => b.meetingId === full.id)).toBe(true);
    expect(waiting.map((b) => b.queueNumber)).toEqual(waiting.map((_, i) => i + 1));
    const seated = bookings.filter((b) => b.meetingId === full.id && b.status === 'confirmed');
    expect(seated).toHaveLength(full.capacity);
    const users = new Map((await ds.manager.find(UserEntity)).map((u) => [u.id, u]));
    const firms = new Set([...seated, ...waiting].map((b) => users.get(b.userId)?.firmId));
    expect(firms.size).toBe(seated.length + waiting.length);
    expect(firms.has(null)).toBe(false);
  });

  it('records attendance for held meetings only, with the history of every record', async () => {
    const { meetings, facilitates } = await lookups();
    const attendance = await ds.manager.find(AttendanceEntity);
    const revisions = await ds.manager.find(AttendanceRevisionEntity, { order: { changedAt: 'ASC' } });
    const bookings = await ds.manager.findBy(BookingEntity, { status: 'confirmed' });
    for (const a of attendance) {
      const m = meetings.get(a.meetingId)!;
      expect(m.status).toBe('completed');
      expect(bookings.some((b) => b.meetingId === m.id && b.userId === a.userId)).toBe(true);
      expect(a.mode !== null).toBe(m.mode === 'hybrid' && ['present', 'late'].includes(a.status));
      if (m.groupId) expect(facilitates(a.recordedById, m.groupId)).toBe(true);
      const history = revisions.filter((r) => r.attendanceId === a.id);
      expect(history.length).toBeGreaterThanOrEqual(1);
      const last = history[history.length - 1];
      expect([last.status, last.mode, last.changedAt.getTime()]).toEqual([a.status, a.mode, a.recordedAt.getTime()]);
    }
    const held = [...meetings.values()].filter((m) => m.status === 'completed');
    for (const m of held) expect(attendance.some((a) => a.meetingId === m.id)).toBe(true);
    const share = (s: string) => attendance.filter((a) => a.status === s).length / attendance.length;
    expect(share('present')).toBeGreaterThan(0.6);
    for (const s of ['late', 'apologies', 'no_show']) expect(share(s)).toBeGreaterThan(0.02);
    expect(new Set(revisions.map((r) => r.attendanceId)).size).toBeLessThanOrEqual(revisions.length - 3);
  });

  it('has commitments in every state, reviewed at a later session, with their history', async () => {
    const { meetings } = await lookups();
    const commitments = await ds.manager.find(ActionCommitmentEntity);
    const revisions = await ds.manager.find(CommitmentRevisionEntity, { order: { changedAt: 'ASC' } });
    const came = await ds.manager.find(AttendanceEntity);
    for (const s of COMMITMENT_STATUSES) expect(commitments.some((c) => c.status === s)).toBe(true);
    const done = commitments.filter((c) => c.status === 'done').length / commitments.length;
    expect(done).toBeGreaterThan(0.4);
    expect(done).toBeLessThan(0.65);
    for (const c of commitments) {
      const made = meetings.get(c.meetingId)!;
      expect([made.status, c.groupId, c.programmeId]).toEqual(['completed', made.groupId, made.programmeId]);
      expect(came.some((a) => a.meetingId === made.id && a.userId === c.userId && ['present', 'late'].includes(a.status))).toBe(
        true,
      );
      const history = revisions.filter((r) => r.commitmentId === c.id);
      expect(history[0]).toMatchObject({ status: 'open', meetingId: c.meetingId });
      if (c.status === 'open') {
        expect([c.outcome, c.reviewedMeetingId, c.reviewedAt, history.length]).toEqual([null, null, null, 1]);
      } else {
        const reviewed = meetings.get(c.reviewedMeetingId!)!;
        expect(reviewed.startsAt.getTime()).toBeGreaterThan(made.startsAt.getTime());
        expect([reviewed.groupId, reviewed.status, !!c.outcome, history.length]).toEqual([made.groupId, 'completed', true, 2]);
        expect(history[1]).toMatchObject({ status: c.status, outcome: c.outcome, meetingId: reviewed.id });
      }
    }
    // What was promised at each group's latest session waits for the next one.
    const latest = new Map<string, MeetingEntity>();
    for (const m of meetings.values()) {
      const before = m.groupId ? latest.get(m.groupId) : null;
      if (m.groupId && m.status === 'completed' && (!before || before.startsAt < m.startsAt)) latest.set(m.groupId, m);
    }
    expect(latest.size).toBe(3);
    const lastOnes = commitments.filter((c) => [...latest.values()].some((m) => m.id === c.meetingId));
    expect(lastOnes.length).toBeGreaterThan(0);
    expect(lastOnes.every((c) => c.status === 'open')).toBe(true);
  });

  it('keeps one facilitator note per held group session, and feedback only from those who came', async () => {
    const { meetings, facilitates } = await lookups();
    const notes = await ds.manager.find(MeetingNoteEntity);
    const held = [...meetings.values()].filter((m) => m.groupId && m.status === 'completed');
    expect(notes.map((n) => n.meetingId).sort()).toEqual(held.map((m) => m.id).sort());
    for (const n of notes) expect(facilitates(n.authorId, meetings.get(n.meetingId)!.groupId)).toBe(true);
    const feedback = await ds.manager.find(FeedbackEntity);
    const came = await ds.manager.find(AttendanceEntity);
    expect(feedback.length).toBeGreaterThan(0.5 * came.filter((a) => ['present', 'late'].includes(a.status)).length);
    for (const f of feedback) {
      expect(f.usefulness >= 1 && f.usefulness <= 5 && f.wouldRecommend >= 0 && f.wouldRecommend <= 10).toBe(true);
      expect(
        came.some((a) => a.meetingId === f.meetingId && a.userId === f.userId && ['present', 'late'].includes(a.status)),
      ).toBe(true);
    }
    const promoters = feedback.filter((f) => f.wouldRecommend >= 9).length;
    const detractors = feedback.filter((f) => f.wouldRecommend <= 6).length;
    expect(detractors).toBeGreaterThan(0);
    expect(promoters).toBeGreaterThan(2 * detractors);
  });

  it('gives the demo member a confirmed seat at an upcoming session of their group', async () => {
    const member = await ds.manager.findOneByOrFail(UserEntity, { email: DEMO_MEMBER.email });
    const rows: unknown[] = await ds.query(
      `SELECT 1 FROM booking b JOIN meeting m ON m.id = b.meeting_id
        WHERE b.user_id = $1 AND b.status = 'confirmed' AND m.status = 'scheduled' AND m.group_id IS NOT NULL
          AND m.starts_at > now()`,
      [member.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it('owes no email for its invented history: everything its changes owed is skipped as demo data', async () => {
    const byStatus: { status: string; reason: string | null; n: number }[] = await ds.query(
      `SELECT status, skipped_reason AS reason, count(*)::int AS n FROM notification GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    // The triggers did owe invitations, confirmations and reminders for the seeded sessions and bookings…
    const kinds: { kind: string }[] = await ds.query(`SELECT DISTINCT kind FROM notification`);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['meeting_invitation', 'booking_confirmed', 'reminder']));
    // …and none of them waits to be sent.
    expect(byStatus).toEqual([{ status: 'skipped', reason: DEMO_SKIPPED_REASON, n: expect.any(Number) }]);
    // The worker's schedules find the recaps and briefs of the seeded sessions already owed (and skipped).
    await expect(oweRecaps(ds)).resolves.toBe(0);
    await expect(oweBriefs(ds)).resolves.toBe(0);
  });

  it('does nothing on a database that already has data', async () => {
    await expect(seedDemo(ds)).resolves.toBeNull();
    await expect(ds.manager.count(ProgrammeEntity)).resolves.toBe(1);
  });
});
