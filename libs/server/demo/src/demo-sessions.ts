import { AttendanceMode, AttendanceStatus, CommitmentStatus, instantToLocal } from '@roundtable/domain';
import { ActionCommitmentEntity } from '@roundtable/server-data';
import { randomUUID } from 'node:crypto';
import { Rng } from './demo-random';
import { COMMITMENT_OUTCOMES, commitmentTexts, CommitmentText, FEEDBACK_COMMENTS, NOTE_TEMPLATES } from './demo-texts';
import { DemoPerson, HeldMeeting, MeetingRows } from './demo-types';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONE = 'Europe/London';

/** Roughly what programme evaluations report: most come, a few send apologies or do not show. */
const ATTENDANCE: [AttendanceStatus, number][] = [
  ['present', 75],
  ['late', 8],
  ['apologies', 10],
  ['no_show', 7],
];

/**
 * How reviewed commitments turn out. About one in five commitments is still open (made at
 * the last session, or its owner has not been back since), so overall this gives roughly
 * 52% done, 20% partly, 10% dropped.
 */
const REVIEW: [Exclude<CommitmentStatus, 'open'>, number][] = [
  ['done', 63],
  ['partly', 25],
  ['dropped', 12],
];

const USEFULNESS: [number, number][] = [
  [5, 45],
  [4, 38],
  [3, 12],
  [2, 4],
  [1, 1],
];
const RECOMMEND_HAPPY: [number, number][] = [
  [10, 32],
  [9, 32],
  [8, 22],
  [7, 9],
  [6, 5],
];
const RECOMMEND_UNHAPPY: [number, number][] = [
  [7, 30],
  [6, 30],
  [5, 25],
  [3, 15],
];

export interface SessionContext {
  rng: Rng;
  rows: MeetingRows;
  now: Date;
  programmeId: string;
  /** A group's name (its commitments and notes are recorded), or null for an open event. */
  groupName: string | null;
  /** Someone who is sure to come to the last of these meetings (so the demo member has open actions). */
  keenId?: string;
}

/**
 * Records what happened at held meetings, oldest first: attendance with its history; for a
 * group, the report-back on earlier commitments, new commitments and the facilitator's note;
 * and feedback from some of those who came.
 */
export function recordSessions(ctx: SessionContext, held: HeldMeeting[]): void {
  const { rng, rows, now } = ctx;
  const texts = ctx.groupName ? commitmentTexts(ctx.groupName) : null;
  /** Commitments not yet reported back on. */
  let pending: Partial<ActionCommitmentEntity>[] = [];
  const used = new Map<string, Set<string>>();
  const notAfterNow = (d: Date) => new Date(Math.min(d.getTime(), now.getTime() - MINUTE));
  const at = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE);

  held.forEach((meeting, index) => {
    const ends = at(meeting.startsAt, meeting.durationMinutes);
    const { came, apologised } = recordAttendance(ctx, meeting, index === held.length - 1, notAfterNow);
    // Those who sent apologies usually send their report-back with them.
    const reporting = new Set([...came, ...apologised.filter(() => rng.chance(0.7))].map((p) => p.id));

    if (texts) {
      // The session opens with members reporting back on what they committed to.
      pending = pending.filter((c) => {
        if (!reporting.has(c.userId as string)) return true;
        const status = rng.weighted(REVIEW);
        const outcome = rng.pick(COMMITMENT_OUTCOMES[status]);
        const reviewedAt = at(meeting.startsAt, rng.int(10, 45));
        Object.assign(c, { status, outcome, reviewedMeetingId: meeting.id, reviewedAt, updatedAt: reviewedAt });
        rows.commitmentRevisions.push({
          id: randomUUID(),
          commitmentId: c.id,
          status,
          outcome,
          meetingId: meeting.id,
          changedById: meeting.recorderId,
          changedAt: reviewedAt,
        });
        return false;
      });
      // ... and closes with new ones.
      for (const person of came) {
        for (let n = rng.chance(0.35) ? 2 : 1; n > 0; n--) {
          const commitment = commit(ctx, meeting, person, pickText(rng, texts, used, person.id), ends);
          rows.commitments.push(commitment);
          pending.push(commitment);
        }
      }
      addNote(ctx, meeting, came, notAfterNow(at(ends, rng.int(20, 180))));
    }

    for (const person of came) {
      if (!rng.chance(0.7)) continue;
      const usefulness = rng.weighted(USEFULNESS);
      const happy = usefulness >= 4;
      const comment = rng.chance(0.35) ? rng.pick(happy ? FEEDBACK_COMMENTS.good : FEEDBACK_COMMENTS.poor) : null;
      rows.feedback.push({
        id: randomUUID(),
        meetingId: meeting.id,
        userId: person.id,
        usefulness,
        wouldRecommend: rng.weighted(happy ? RECOMMEND_HAPPY : RECOMMEND_UNHAPPY),
        comment,
        createdAt: notAfterNow(at(ends, rng.int(30, 48 * 60))),
      });
    }
  });
}

/** Takes the register; returns who came (present or late) and who sent apologies. Some records are corrected later. */
function recordAttendance(
  ctx: SessionContext,
  meeting: HeldMeeting,
  last: boolean,
  notAfterNow: (d: Date) => Date,
): { came: DemoPerson[]; apologised: DemoPerson[] } {
  const { rng, rows } = ctx;
  const came: DemoPerson[] = [];
  const apologised: DemoPerson[] = [];
  for (const { person, mode: booked } of meeting.seated) {
    const status = last && person.id === ctx.keenId ? 'present' : rng.weighted(ATTENDANCE);
    const attended = status === 'present' || status === 'late';
    let mode: AttendanceMode | null = null;
    if (attended && meeting.mode === 'hybrid') {
      // Mostly as booked; now and then someone joins online instead, or turns up in the room.
      const planned = booked ?? 'in_person';
      mode = rng.chance(0.9) ? planned : planned === 'online' ? 'in_person' : 'online';
    }
    const id = randomUUID();
    const taken = new Date(meeting.startsAt.getTime() + rng.int(10, 40) * MINUTE);
    let recordedAt = taken;
    // A late arrival or an emailed apology first marked as a no-show, then put right.
    if ((status === 'late' || status === 'apologies') && rng.chance(0.3)) {
      rows.attendanceRevisions.push({
        id: randomUUID(),
        attendanceId: id,
        status: 'no_show',
        mode: null,
        changedById: meeting.recorderId,
        changedAt: taken,
      });
      recordedAt = notAfterNow(new Date(taken.getTime() + rng.int(60, 72 * 60) * MINUTE));
    }
    rows.attendanceRevisions.push({
      id: randomUUID(),
      attendanceId: id,
      status,
      mode,
      changedById: meeting.recorderId,
      changedAt: recordedAt,
    });
    rows.attendance.push({
      id,
      meetingId: meeting.id,
      userId: person.id,
      status,
      mode,
      recordedById: meeting.recorderId,
      recordedAt,
    });
    if (attended) came.push(person);
    if (status === 'apologies') apologised.push(person);
  }
  return { came, apologised };
}

/** A text the person has not committed to before, while there are any left. */
function pickText(rng: Rng, texts: CommitmentText[], used: Map<string, Set<string>>, userId: string): CommitmentText {
  const mine = used.get(userId) ?? new Set<string>();
  used.set(userId, mine);
  const fresh = texts.filter(([, text]) => !mine.has(text));
  const choice = rng.pick(fresh.length > 0 ? fresh : texts);
  mine.add(choice[1]);
  return choice;
}

function commit(
  ctx: SessionContext,
  meeting: HeldMeeting,
  person: DemoPerson,
  [theme, text]: CommitmentText,
  ends: Date,
): Partial<ActionCommitmentEntity> {
  const { rng } = ctx;
  const id = randomUUID();
  const createdAt = new Date(ends.getTime() - rng.int(5, 25) * MINUTE);
  const due = rng.chance(0.45) ? new Date(meeting.startsAt.getTime() + rng.int(14, 28) * DAY) : null;
  ctx.rows.commitmentRevisions.push({
    id: randomUUID(),
    commitmentId: id,
    status: 'open',
    outcome: null,
    meetingId: meeting.id,
    changedById: meeting.recorderId,
    changedAt: createdAt,
  });
  return {
    id,
    meetingId: meeting.id,
    groupId: meeting.groupId,
    programmeId: ctx.programmeId,
    userId: person.id,
    text,
    theme,
    dueDate: due ? instantToLocal(due, ZONE).slice(0, 10) : null,
    status: 'open',
    outcome: null,
    reviewedMeetingId: null,
    reviewedAt: null,
    createdById: meeting.recorderId,
    createdAt,
    updatedAt: createdAt,
  };
}

function addNote(ctx: SessionContext, meeting: HeldMeeting, came: DemoPerson[], createdAt: Date): void {
  const { rng } = ctx;
  const [a, b] = rng.shuffle(came.length >= 2 ? came : meeting.seated.map((s) => s.person));
  const first = (p: DemoPerson | undefined) => p?.name.split(' ')[0] ?? 'One member';
  const body = rng
    .pick(NOTE_TEMPLATES)
    .replaceAll('{a}', first(a))
    .replaceAll('{b}', first(b ?? a));
  ctx.rows.notes.push({
    id: randomUUID(),
    meetingId: meeting.id,
    authorId: meeting.recorderId,
    body,
    createdAt,
    updatedAt: createdAt,
  });
}
