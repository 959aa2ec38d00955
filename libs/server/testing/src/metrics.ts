import { CommitmentStatus } from '@roundtable/domain';
import { AttendanceEntity, FirmEntity, MeetingEntity, PeerGroupEntity, ProgrammeEntity } from '@roundtable/server-data';
import { Fixtures, SignedIn } from './fixtures';

/**
 * A small fixed programme for the metrics tests, every figure of which is worked out by hand in
 * apps/api/test/metrics-participation.int-spec.ts. Europe/London, 2026 (summer time from 29 March):
 *
 * - firm A (S12000017, SIC 62012 → J, 10-49): a1, a2, a3; in group 1
 * - firm B (S12000036, SIC 10710 → C, 0-4): b1; in group 1
 * - firm C (S12000017, SIC 47910 → G, 50-249): c1, c2, c3; in group 2
 *
 * Group 1 (facilitator f1):
 * - m1, 10 March 10:00 UTC, in person, held: a1 confirmed present, a2 confirmed no-show, b1 confirmed late,
 *   a3 not booked but present (a walk-in)
 * - m2, 31 March 23:30 UTC = 00:30 on 1 April in London, hybrid, held: a1 confirmed present online, a2 confirmed
 *   present in person, b1's booking cancelled and apologies recorded, a3 waitlisted (never seated)
 * - m3, 15 April, cancelled: a1 confirmed present (all left out with the session)
 * - m4, 5 May, scheduled (attendance never taken): a1 confirmed
 *
 * Group 2 (facilitator f2):
 * - m5, 20 March 10:00 UTC, hybrid, held: c1 confirmed present (how not recorded), c2 confirmed no-show, c3 waitlisted
 *
 * And an open event (no group) on 12 March, held, with a1 confirmed present: group sessions only are counted.
 *
 * Action commitments (apps/api/test/metrics-actions.int-spec.ts), with their history (status at a time, UTC):
 * - at m1: k1 a1, open → done 20 March 10:00, reviewed at m2; k2 a3, open → dropped 1 April, reviewed at m2;
 *   k3 b1, open → partly 25 March, not reviewed
 * - at m2 (1 April in London): k4 a1, open → done 3 April → partly 8 April → done 15 April 10:00 → done again
 *   (outcome edited) 30 April; k5 a2, open
 * - at m3 (cancelled) k6 a1, at m4 (not held) k7 a1, at the open event k10 a1 done: all left out
 * - at m5: k8 c1, open → done 27 March 09:00; k9 c1, open
 *
 * Feedback (usefulness 1–5, would recommend 0–10; apps/api/test/metrics-satisfaction.int-spec.ts):
 * - at m1: a1 5, 10; b1 3, 6; a3 none; a2 (a no-show) 1, 0, left out
 * - at m2 (1 April in London): a1 4, 9; a2 2, 7
 * - at m5: c1 5, 9
 * - at m3 (cancelled) and the open event, a1 1, 0: left out
 *
 * A second programme for the retention figures (apps/api/test/metrics-retention.int-spec.ts), Europe/London,
 * completion rule 2 of 3, managed by manager2; group 3 (facilitator f3) with firm D (S12000017, SIC 62012 → J,
 * 10-49: d1…d5, membership active) and firm E (S12000036, SIC 10710 → C, 0-4: e1, membership ended). Held
 * sessions, present unless said:
 * - s1, 30 April 23:30 UTC = 00:30 on 1 May in London: d1, d2, d3 (late)
 * - s2, 12 May: d1, d2
 * - s3, 9 June: d4, d5; d1 no-show
 * - s4, 7 July: d4, e1; d1 apologies
 * - s5, 4 August: d4
 * - s6, 1 September, scheduled (attendance not taken yet)
 */
export interface MetricsWorld {
  programme: ProgrammeEntity;
  manager: SignedIn;
  group1: PeerGroupEntity;
  group2: PeerGroupEntity;
  f1: SignedIn;
  f2: SignedIn;
  firmA: FirmEntity;
  firmB: FirmEntity;
  firmC: FirmEntity;
  a1: SignedIn;
  a2: SignedIn;
  a3: SignedIn;
  b1: SignedIn;
  c1: SignedIn;
  c2: SignedIn;
  c3: SignedIn;
  m1: MeetingEntity;
  m2: MeetingEntity;
  m3: MeetingEntity;
  m4: MeetingEntity;
  m5: MeetingEntity;
  openEvent: MeetingEntity;
  programme2: ProgrammeEntity;
  manager2: SignedIn;
  group3: PeerGroupEntity;
  f3: SignedIn;
  firmD: FirmEntity;
  firmE: FirmEntity;
  d: SignedIn[];
  e1: SignedIn;
  s: MeetingEntity[];
  /** The commitments' ids, k1 … k10 as listed above. */
  k: Record<string, string>;
}

export async function buildMetricsWorld(f: Fixtures): Promise<MetricsWorld> {
  const programme = await f.programme({ timezone: 'Europe/London' });
  const manager = await f.user({ managerOf: programme.id });
  const group1 = await f.group(programme.id, { format: 'hybrid' });
  const group2 = await f.group(programme.id, { format: 'hybrid' });
  const f1 = await f.user({ facilitatorOf: { groupId: group1.id, programmeId: programme.id } });
  const f2 = await f.user({ facilitatorOf: { groupId: group2.id, programmeId: programme.id } });
  const firmA = await f.firm(programme.id, { sicCode: '62012', localAuthorityCode: 'S12000017', employeeBand: '10-49' });
  const firmB = await f.firm(programme.id, { sicCode: '10710', localAuthorityCode: 'S12000036', employeeBand: '0-4' });
  const firmC = await f.firm(programme.id, { sicCode: '47910', localAuthorityCode: 'S12000017', employeeBand: '50-249' });
  await f.membership(group1.id, firmA.id);
  await f.membership(group1.id, firmB.id);
  await f.membership(group2.id, firmC.id);
  const [a1, a2, a3, b1, c1, c2, c3] = await Promise.all([
    f.user({ firmId: firmA.id }),
    f.user({ firmId: firmA.id }),
    f.user({ firmId: firmA.id }),
    f.user({ firmId: firmB.id }),
    f.user({ firmId: firmC.id }),
    f.user({ firmId: firmC.id }),
    f.user({ firmId: firmC.id }),
  ]);
  const session = (group: PeerGroupEntity, startsAt: string, mode: MeetingEntity['mode'], status: MeetingEntity['status']) =>
    f.meeting(programme.id, { groupId: group.id, startsAt: new Date(startsAt), mode, status });

  const m1 = await session(group1, '2026-03-10T10:00:00Z', 'in_person', 'completed');
  await f.booking(m1.id, a1.user.id, 'confirmed');
  await f.booking(m1.id, a2.user.id, 'confirmed');
  await f.booking(m1.id, b1.user.id, 'confirmed');
  await f.attendance(m1.id, a1.user.id, 'present');
  await f.attendance(m1.id, a2.user.id, 'no_show');
  await f.attendance(m1.id, b1.user.id, 'late');
  await f.attendance(m1.id, a3.user.id, 'present');

  const m2 = await session(group1, '2026-03-31T23:30:00Z', 'hybrid', 'completed');
  await f.booking(m2.id, a1.user.id, 'confirmed');
  await f.booking(m2.id, a2.user.id, 'confirmed');
  await f.booking(m2.id, b1.user.id, 'cancelled');
  await f.booking(m2.id, a3.user.id, 'waitlisted');
  await f.attendance(m2.id, a1.user.id, 'present', 'online');
  await f.attendance(m2.id, a2.user.id, 'present', 'in_person');
  await f.attendance(m2.id, b1.user.id, 'apologies');

  const m3 = await session(group1, '2026-04-15T09:00:00Z', 'online', 'cancelled');
  await f.booking(m3.id, a1.user.id, 'confirmed');
  await f.attendance(m3.id, a1.user.id, 'present');

  const m4 = await session(group1, '2026-05-05T09:00:00Z', 'online', 'scheduled');
  await f.booking(m4.id, a1.user.id, 'confirmed');

  const m5 = await session(group2, '2026-03-20T10:00:00Z', 'hybrid', 'completed');
  await f.booking(m5.id, c1.user.id, 'confirmed');
  await f.booking(m5.id, c2.user.id, 'confirmed');
  await f.booking(m5.id, c3.user.id, 'waitlisted');
  await f.attendance(m5.id, c1.user.id, 'present');
  await f.attendance(m5.id, c2.user.id, 'no_show');

  const openEvent = await f.meeting(programme.id, {
    startsAt: new Date('2026-03-12T18:00:00Z'),
    status: 'completed',
    capacity: 30,
  });
  await f.booking(openEvent.id, a1.user.id, 'confirmed');
  await f.attendance(openEvent.id, a1.user.id, 'present');

  const programme2 = await f.programme({ timezone: 'Europe/London', completionMinAttended: 2, completionOfSessions: 3 });
  const manager2 = await f.user({ managerOf: programme2.id });
  const group3 = await f.group(programme2.id, { format: 'hybrid' });
  const f3 = await f.user({ facilitatorOf: { groupId: group3.id, programmeId: programme2.id } });
  const firmD = await f.firm(programme2.id, { sicCode: '62012', localAuthorityCode: 'S12000017', employeeBand: '10-49' });
  const firmE = await f.firm(programme2.id, { sicCode: '10710', localAuthorityCode: 'S12000036', employeeBand: '0-4' });
  await f.membership(group3.id, firmD.id);
  const left = await f.membership(group3.id, firmE.id);
  const d = await Promise.all([1, 2, 3, 4, 5].map(() => f.user({ firmId: firmD.id })));
  const e1 = await f.user({ firmId: firmE.id });
  const s: MeetingEntity[] = [];
  for (const startsAt of [
    '2026-04-30T23:30:00Z',
    '2026-05-12T09:00:00Z',
    '2026-06-09T09:00:00Z',
    '2026-07-07T09:00:00Z',
    '2026-08-04T09:00:00Z',
  ]) {
    s.push(await f.meeting(programme2.id, { groupId: group3.id, startsAt: new Date(startsAt), status: 'completed' }));
  }
  s.push(await f.meeting(programme2.id, { groupId: group3.id, startsAt: new Date('2026-09-01T09:00:00Z') }));
  const went: [number, SignedIn, AttendanceEntity['status']][] = [
    [0, d[0], 'present'],
    [0, d[1], 'present'],
    [0, d[2], 'late'],
    [1, d[0], 'present'],
    [1, d[1], 'present'],
    [2, d[3], 'present'],
    [2, d[4], 'present'],
    [2, d[0], 'no_show'],
    [3, d[3], 'present'],
    [3, e1, 'present'],
    [3, d[0], 'apologies'],
    [4, d[3], 'present'],
  ];
  for (const [i, who, status] of went) await f.attendance(s[i].id, who.user.id, status);
  await f.db.query(`UPDATE membership SET status = 'left', ended_at = now() WHERE id = $1`, [left.id]);

  const k: Record<string, string> = {};
  const commit = async (
    name: string,
    meeting: MeetingEntity,
    who: SignedIn,
    history: [CommitmentStatus, string][],
    reviewedAt?: MeetingEntity,
  ) => {
    const status = history.length ? history[history.length - 1][0] : 'open';
    const [{ id }] = (await f.db.query(
      `INSERT INTO action_commitment (meeting_id, group_id, programme_id, user_id, text, status, reviewed_meeting_id, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::uuid IS NULL THEN NULL ELSE $8::timestamptz END) RETURNING id`,
      [
        meeting.id,
        meeting.groupId,
        meeting.programmeId,
        who.user.id,
        `Commitment ${name}`,
        status,
        reviewedAt?.id ?? null,
        reviewedAt?.startsAt ?? null,
      ],
    )) as { id: string }[];
    k[name] = id;
    for (const [revised, at] of [['open', meeting.startsAt.toISOString()] as [CommitmentStatus, string], ...history]) {
      await f.db.query(`INSERT INTO commitment_revision (commitment_id, status, changed_at) VALUES ($1, $2, $3)`, [
        id,
        revised,
        at,
      ]);
    }
  };
  await commit('k1', m1, a1, [['done', '2026-03-20T10:00:00Z']], m2);
  await commit('k2', m1, a3, [['dropped', '2026-04-01T09:00:00Z']], m2);
  await commit('k3', m1, b1, [['partly', '2026-03-25T09:00:00Z']]);
  await commit('k4', m2, a1, [
    ['done', '2026-04-03T10:00:00Z'],
    ['partly', '2026-04-08T10:00:00Z'],
    ['done', '2026-04-15T10:00:00Z'],
    ['done', '2026-04-30T10:00:00Z'],
  ]);
  await commit('k5', m2, a2, []);
  await commit('k6', m3, a1, []);
  await commit('k7', m4, a1, []);
  await commit('k8', m5, c1, [['done', '2026-03-27T09:00:00Z']]);
  await commit('k9', m5, c1, []);
  await commit('k10', openEvent, a1, [['done', '2026-03-13T09:00:00Z']]);

  const feedback: [MeetingEntity, SignedIn, number, number][] = [
    [m1, a1, 5, 10],
    [m1, b1, 3, 6],
    [m1, a2, 1, 0],
    [m2, a1, 4, 9],
    [m2, a2, 2, 7],
    [m5, c1, 5, 9],
    [m3, a1, 1, 0],
    [openEvent, a1, 1, 0],
  ];
  for (const [meeting, who, usefulness, wouldRecommend] of feedback) {
    await f.db.query(`INSERT INTO feedback (meeting_id, user_id, usefulness, would_recommend) VALUES ($1, $2, $3, $4)`, [
      meeting.id,
      who.user.id,
      usefulness,
      wouldRecommend,
    ]);
  }

  return {
    k,
    programme2,
    manager2,
    group3,
    f3,
    firmD,
    firmE,
    d,
    e1,
    s,
    programme,
    manager,
    group1,
    group2,
    f1,
    f2,
    firmA,
    firmB,
    firmC,
    a1,
    a2,
    a3,
    b1,
    c1,
    c2,
    c3,
    m1,
    m2,
    m3,
    m4,
    m5,
    openEvent,
  };
}
