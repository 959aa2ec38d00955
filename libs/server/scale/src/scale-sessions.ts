import { CommitmentTheme, expandRecurrence } from '@roundtable/domain';
import { ScaleRng, scaleId } from './scale-random';
import { KIND, monthStart, MONTHS, ScaleGroup, ScalePerson, ScaleProgramme } from './scale-structure';
import { ScaleTables } from './scale-tables';
import {
  CANCELLATION_MESSAGES,
  COMMITMENTS,
  FEEDBACK_GOOD,
  FEEDBACK_POOR,
  OPEN_EVENT_TITLES,
  OUTCOMES,
  TOPICS,
} from './scale-texts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const DAYS = ['MO', 'TU', 'WE', 'TH'];

export type Counters = Record<keyof typeof KIND, number>;

export function newCounters(): Counters {
  return Object.fromEntries(Object.keys(KIND).map((k) => [k, 0])) as Counters;
}

interface Session {
  id: string;
  startsAt: number;
  durationMinutes: number;
  mode: 'in_person' | 'online' | 'hybrid';
  capacity: number;
  month: number;
  main: boolean;
  /** Attendance taken (status completed). */
  held: boolean;
}

interface Commitment {
  id: string;
  meetingId: string;
  userId: string;
  text: string;
  theme: CommitmentTheme;
  dueDate: string;
  createdAt: number;
  status: 'open' | 'done' | 'partly' | 'dropped';
  outcome: string | null;
  reviewedMeetingId: string | null;
  reviewedAt: number | null;
}

/** Generates a group's sessions (a monthly session and a mid-month online action check-in) and what happened at them. */
export class SessionWriter {
  constructor(
    private readonly rng: ScaleRng,
    private readonly anchor: Date,
    private readonly t: ScaleTables,
    private readonly n: Counters,
  ) {}

  group(g: ScaleGroup): void {
    const rng = this.rng;
    const zone = g.programme.timezone;
    const months = g.endMonth - g.startMonth + 1;
    const first = monthStart(this.anchor, g.startMonth).toISOString().slice(0, 7);
    const nth = rng.int(1, 2);
    const day = rng.pick(DAYS.slice(1));
    const mainTime = rng.pick(['09:00', '09:30', '10:00', '14:00', '18:00']);
    const duration = rng.pick([150, 180, 180, 210]);
    const checkTime = rng.pick(['08:30', '12:30', '17:30']);
    const created = monthStart(this.anchor, g.startMonth).getTime() - 21 * DAY;
    const sessions: Session[] = [];
    for (const [main, rule, localTime, minutes, mode, title] of [
      [true, `FREQ=MONTHLY;BYDAY=${nth}${day};COUNT=${months}`, mainTime, duration, g.format, `${g.name}: monthly session`],
      [false, `FREQ=MONTHLY;BYDAY=${nth + 2}${day};COUNT=${months}`, checkTime, 75, 'online', `${g.name}: action check-in`],
    ] as const) {
      const seriesId = scaleId(KIND.series, ++this.n.series);
      const link = mode === 'in_person' ? null : (g.link ?? `https://meet.scale.roundtable.local/check-in-${seriesId.slice(-8)}`);
      const venue = mode === 'online' ? null : g.venue;
      this.t.meeting_series.add(
        seriesId,
        g.programme.id,
        g.id,
        rule,
        localTime,
        zone,
        title,
        '',
        minutes,
        mode,
        venue,
        link,
        g.capacity,
        g.facilitatorId,
        iso(created),
        iso(created),
      );
      expandRecurrence(rule, `${first}-01T${localTime}`, zone).forEach((o, k) => {
        const id = scaleId(KIND.meeting, ++this.n.meeting);
        const topic = TOPICS[k % TOPICS.length];
        const meetingTitle = main ? `Session ${k + 1}: ${topic}` : `Action check-in ${k + 1}`;
        const agenda = main
          ? `1. ${k === 0 ? 'Introductions, ground rules and confidentiality' : "Report back on last session's actions"}\n2. ${topic}: short input, then discussion\n3. New commitments`
          : "1. Quick round: progress on this month's actions\n2. One thing you are stuck on";
        const startsAt = o.startsAt.getTime();
        const status = this.status(startsAt, minutes);
        const cancelledAt = status === 'cancelled' ? startsAt - rng.int(1, 6) * DAY : null;
        this.t.meeting.add(
          id,
          g.programme.id,
          g.id,
          seriesId,
          o.startsAt.toISOString(),
          meetingTitle,
          agenda,
          o.startsAt.toISOString(),
          zone,
          minutes,
          mode,
          venue,
          link,
          g.capacity,
          status,
          cancelledAt === null ? null : iso(cancelledAt),
          cancelledAt === null ? null : rng.pick(CANCELLATION_MESSAGES),
          `${id}@roundtable`,
          g.facilitatorId,
          iso(created),
          iso(cancelledAt ?? (status === 'completed' ? startsAt + minutes * MINUTE + DAY : created)),
        );
        const month = g.startMonth + k;
        if (status === 'cancelled')
          this.cancelledBookings(
            id,
            startsAt,
            cancelledAt!,
            g.people.filter((p) => p.joinMonth <= month && month < p.leaveMonth),
            g.facilitatorId,
          );
        else
          sessions.push({
            id,
            startsAt,
            durationMinutes: minutes,
            mode,
            capacity: g.capacity,
            month,
            main,
            held: status === 'completed',
          });
      });
    }
    sessions.sort((a, b) => a.startsAt - b.startsAt);
    const pending = new Map<string, Commitment[]>();
    const all: Commitment[] = [];
    for (const s of sessions) {
      const audience = g.people.filter((p) => p.joinMonth <= s.month && s.month < p.leaveMonth);
      const attended = this.seat(s, audience, 0.97, g.facilitatorId);
      if (!attended) continue;
      if (s.main && attended.length && rng.chance(0.25)) {
        const at = iso(s.startsAt + s.durationMinutes * MINUTE + 2 * HOUR);
        this.t.meeting_note.add(scaleId(KIND.note, ++this.n.note), s.id, g.facilitatorId, rng.pick(NOTES), at, at);
      }
      if (!s.main) continue;
      const end = s.startsAt + s.durationMinutes * MINUTE;
      for (const person of attended) {
        for (const c of pending.get(person.id) ?? []) {
          if (c.status !== 'open') continue;
          const status = rng.weighted([
            ['done', 50],
            ['partly', 25],
            ['dropped', 10],
            ['open', 15],
          ] as const);
          if (status === 'open') continue;
          Object.assign(c, { status, outcome: rng.pick(OUTCOMES[status]), reviewedMeetingId: s.id, reviewedAt: end });
        }
        const made = rng.weighted([
          [0, 20],
          [1, 45],
          [2, 27],
          [3, 8],
        ] as const);
        for (let k = 0; k < made; k++) {
          const theme: CommitmentTheme = rng.chance(0.7)
            ? rng.pick(g.themes)
            : rng.pick(Object.keys(COMMITMENTS) as CommitmentTheme[]);
          const c: Commitment = {
            id: scaleId(KIND.commitment, ++this.n.commitment),
            meetingId: s.id,
            userId: person.id,
            text: rng.pick(COMMITMENTS[theme]),
            theme,
            dueDate: iso(s.startsAt + 28 * DAY).slice(0, 10),
            createdAt: end,
            status: 'open',
            outcome: null,
            reviewedMeetingId: null,
            reviewedAt: null,
          };
          all.push(c);
          pending.set(person.id, [...(pending.get(person.id) ?? []).filter((x) => x.status === 'open'), c]);
        }
      }
    }
    for (const c of all) {
      this.t.action_commitment.add(
        c.id,
        c.meetingId,
        g.id,
        g.programme.id,
        c.userId,
        c.text,
        c.theme,
        c.dueDate,
        c.status,
        c.outcome,
        c.reviewedMeetingId,
        c.reviewedAt === null ? null : iso(c.reviewedAt),
        g.facilitatorId,
        iso(c.createdAt),
        iso(c.reviewedAt ?? c.createdAt),
      );
      if (c.reviewedAt !== null) {
        this.t.commitment_revision.add(
          scaleId(KIND.revision, ++this.n.revision),
          c.id,
          c.status,
          c.outcome,
          c.reviewedMeetingId,
          g.facilitatorId,
          iso(c.reviewedAt),
        );
      }
    }
  }

  /** A programme's open events: about one a month and a half, open to every member, with a bigger room. */
  programme(p: ScaleProgramme): void {
    const rng = this.rng;
    for (let month = 0; month < MONTHS; month++) {
      for (let e = 0; e < (rng.chance(0.6) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0); e++) {
        const id = scaleId(KIND.meeting, ++this.n.meeting);
        const startsAt = monthStart(this.anchor, month).getTime() + rng.int(2, 26) * DAY + rng.pick([8, 10, 13]) * HOUR;
        const minutes = rng.pick([90, 120, 180]);
        const mode = rng.weighted([
          ['online', 50],
          ['in_person', 30],
          ['hybrid', 20],
        ] as const);
        const capacity = rng.pick([30, 40, 50, 60]);
        const status = this.status(startsAt, minutes);
        const cancelledAt = status === 'cancelled' ? startsAt - rng.int(2, 10) * DAY : null;
        const created = startsAt - rng.int(30, 60) * DAY;
        this.t.meeting.add(
          id,
          p.id,
          null,
          null,
          null,
          rng.pick(OPEN_EVENT_TITLES),
          '',
          iso(startsAt),
          p.timezone,
          minutes,
          mode,
          mode === 'online' ? null : 'Conference suite, city centre',
          mode === 'in_person' ? null : `https://meet.scale.roundtable.local/event-${id.slice(-8)}`,
          capacity,
          status,
          cancelledAt === null ? null : iso(cancelledAt),
          cancelledAt === null ? null : rng.pick(CANCELLATION_MESSAGES),
          `${id}@roundtable`,
          p.managerId,
          iso(created),
          iso(cancelledAt ?? created),
        );
        const active = p.people.filter((x) => x.joinMonth <= month && month < x.leaveMonth);
        const audience = rng.shuffle(active).slice(0, Math.min(active.length, rng.int(capacity - 15, capacity + 6)));
        if (status === 'cancelled') this.cancelledBookings(id, startsAt, cancelledAt!, audience, p.managerId);
        else
          this.seat(
            { id, startsAt, durationMinutes: minutes, mode, capacity, month, main: false, held: status === 'completed' },
            audience,
            0.8,
            p.managerId,
          );
      }
    }
  }

  private status(startsAt: number, minutes: number): 'scheduled' | 'completed' | 'cancelled' {
    const past = startsAt + minutes * MINUTE < this.anchor.getTime();
    if (this.rng.chance(past ? 0.025 : 0.01)) return 'cancelled';
    // Now and then a facilitator never takes attendance: the session stays scheduled, with no attendance.
    return past && !this.rng.chance(0.015) ? 'completed' : 'scheduled';
  }

  private cancelledBookings(meetingId: string, startsAt: number, cancelledAt: number, audience: ScalePerson[], by: string): void {
    for (const p of audience) {
      if (!this.rng.chance(0.6 * p.reliability)) continue;
      const booked = Math.min(cancelledAt - HOUR, startsAt - this.rng.int(7, 30) * DAY);
      this.t.booking.add(
        scaleId(KIND.booking, ++this.n.booking),
        meetingId,
        p.id,
        'cancelled',
        null,
        null,
        iso(booked),
        null,
        iso(cancelledAt),
        by,
        iso(booked),
        iso(cancelledAt),
      );
    }
  }

  /**
   * Bookings in the order people made them: confirmed up to capacity, then a waitlist; some cancel, and the first
   * on the waitlist is promoted into the seat. A held session then has its attendance and feedback. Returns who came
   * (present or late) to a held session, or null when it was not held.
   */
  private seat(s: Session, audience: ScalePerson[], rate: number, staff: string): ScalePerson[] | null {
    const rng = this.rng;
    const soon = s.startsAt - this.anchor.getTime() > 35 * DAY ? 0.55 : 1;
    interface Seat {
      id: string;
      person: ScalePerson;
      status: 'confirmed' | 'waitlisted' | 'cancelled';
      queue: number | null;
      at: number;
      promoted: number | null;
      cancelled: number | null;
      mode: string | null;
    }
    const seats: Seat[] = [];
    let confirmed = 0;
    let queue = 0;
    for (const person of rng.shuffle(audience)) {
      if (!rng.chance(rate * soon * (0.75 + 0.25 * person.reliability))) continue;
      const at = s.startsAt - rng.int(2, 28) * DAY - rng.int(0, 23) * HOUR;
      const full = confirmed >= s.capacity;
      const mode = s.mode === 'hybrid' ? (person.online ? 'online' : 'in_person') : null;
      seats.push({
        id: scaleId(KIND.booking, ++this.n.booking),
        person,
        status: full ? 'waitlisted' : 'confirmed',
        queue: full ? ++queue : null,
        at,
        promoted: null,
        cancelled: null,
        mode,
      });
      if (!full) confirmed++;
    }
    for (const seat of seats) {
      if (seat.status === 'cancelled' || !rng.chance(seat.status === 'confirmed' ? 0.07 : 0.15)) continue;
      const wasConfirmed = seat.status === 'confirmed';
      seat.status = 'cancelled';
      seat.cancelled = Math.min(s.startsAt - HOUR, seat.at + rng.int(1, 10) * DAY);
      const next = wasConfirmed ? seats.find((x) => x.status === 'waitlisted') : undefined;
      if (next) Object.assign(next, { status: 'confirmed', promoted: Math.max(next.at + HOUR, seat.cancelled) });
    }
    for (const x of seats) {
      const updated = x.cancelled ?? x.promoted ?? x.at;
      this.t.booking.add(
        x.id,
        s.id,
        x.person.id,
        x.status,
        x.mode,
        x.queue,
        x.status === 'confirmed' ? iso(x.promoted ?? x.at) : null,
        x.promoted === null ? null : iso(x.promoted),
        x.cancelled === null ? null : iso(x.cancelled),
        x.cancelled === null ? null : x.person.id,
        iso(x.at),
        iso(updated),
      );
    }
    if (!s.held) return null;
    return this.attend(s, seats, staff);
  }

  private attend(
    s: Session,
    seats: { person: ScalePerson; status: string; mode: string | null }[],
    staff: string,
  ): ScalePerson[] {
    const rng = this.rng;
    const came: ScalePerson[] = [];
    const end = s.startsAt + s.durationMinutes * MINUTE;
    for (const seat of seats) {
      let status: 'present' | 'late' | 'apologies' | 'no_show';
      if (seat.status === 'confirmed') {
        const attends = rng.chance(0.45 + 0.37 * seat.person.reliability);
        status = attends ? (rng.chance(0.9) ? 'present' : 'late') : rng.chance(0.55) ? 'apologies' : 'no_show';
      } else if (seat.status === 'cancelled' && rng.chance(0.4)) status = 'apologies';
      else continue;
      const attended = status === 'present' || status === 'late';
      this.t.attendance.add(
        scaleId(KIND.attendance, ++this.n.attendance),
        s.id,
        seat.person.id,
        status,
        attended ? seat.mode : null,
        staff,
        iso(end + rng.int(0, 48) * HOUR),
      );
      if (!attended) continue;
      came.push(seat.person);
      if (!rng.chance(0.6)) continue;
      const good = rng.chance(0.85);
      const usefulness = good
        ? rng.weighted([
            [5, 45],
            [4, 55],
          ] as const)
        : rng.weighted([
            [3, 60],
            [2, 30],
            [1, 10],
          ] as const);
      const recommend = good
        ? rng.weighted([
            [10, 35],
            [9, 30],
            [8, 25],
            [7, 10],
          ] as const)
        : rng.int(2, 7);
      const comment = rng.chance(0.2) ? rng.pick(good ? FEEDBACK_GOOD : FEEDBACK_POOR) : null;
      this.t.feedback.add(
        scaleId(KIND.feedback, ++this.n.feedback),
        s.id,
        seat.person.id,
        usefulness,
        recommend,
        comment,
        iso(end + rng.int(1, 72) * HOUR),
      );
    }
    return came;
  }
}

const NOTES = [
  'Good energy today. One member was quieter than usual: cash flow worries after a late payment. Check in before next session.',
  'Two members have started helping each other outside the sessions. Worth encouraging.',
  'Hot seat ran long but was the most useful part.',
  'Strong report-back round: most actions done.',
  'Ran out of time for new commitments; took them by email.',
];
