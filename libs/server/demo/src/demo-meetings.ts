import {
  AttendanceMode,
  expandRecurrence,
  instantToLocal,
  localToInstant,
  MeetingStatus,
  Occurrence,
  parseLocalDateTime,
} from '@roundtable/domain';
import { MeetingEntity } from '@roundtable/server-data';
import { randomUUID } from 'node:crypto';
import { DemoOneOff, DemoSeries } from './demo-data';
import { makeRng, Rng } from './demo-random';
import { recordSessions } from './demo-sessions';
import { agendaFor, CANCELLATION_MESSAGE, DemoOpenEvent, OPEN_EVENTS } from './demo-texts';
import { DemoCast, DemoCastGroup, DemoPerson, HeldMeeting, MeetingRows } from './demo-types';

const ZONE = 'Europe/London';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** How likely members are to have booked the upcoming sessions yet: the next one, the one after, … */
const UPCOMING_UPTAKE = [1, 0.75, 0.5, 0.3, 0.15];
/** A forming group's first sessions: every owner books the welcome session. */
const FIRST_SESSIONS_UPTAKE = [1.12, 0.8];

/**
 * Builds a year of meetings: a monthly series of twelve sessions for each active group (about
 * seven held, five to come), the forming group's first sessions, and programme-wide open events;
 * with bookings, and for held meetings attendance, commitments, notes and feedback.
 */
export function buildMeetings(cast: DemoCast): MeetingRows {
  const rng = makeRng(20240612);
  const rows: MeetingRows = {
    series: [],
    meetings: [],
    bookings: [],
    attendance: [],
    attendanceRevisions: [],
    commitments: [],
    commitmentRevisions: [],
    notes: [],
    feedback: [],
  };
  const builder = new MeetingBuilder(cast, rng, rows);
  for (const group of cast.groups) {
    if (group.spec.series) builder.addSeries(group, group.spec.series);
    if (group.spec.firstSessions) builder.addFirstSessions(group, group.spec.firstSessions);
  }
  for (const event of OPEN_EVENTS) builder.addOpenEvent(event);
  return rows;
}

/** The local wall-clock time `local` (yyyy-MM-ddTHH:mm) in London, as an instant. */
function londonInstant(local: string): Date {
  const parsed = parseLocalDateTime(local);
  if (!parsed) throw new Error(`Demo data: "${local}" is not a local date and time`);
  return localToInstant(parsed, ZONE);
}

/**
 * The twelve occurrences of a monthly rule, starting in the month that leaves exactly seven of
 * them over by `now` (the one in the current month counts once it has ended).
 */
export function planSeries(now: Date, series: DemoSeries): { rrule: string; occurrences: Occurrence[] } {
  const rule = (count: number) => `FREQ=MONTHLY;BYDAY=${series.byDay};COUNT=${count}`;
  const [year, month] = instantToLocal(now, ZONE).split('-').map(Number);
  const monthStart = (offset: number) =>
    `${new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7)}-01T${series.localTime}`;
  const [thisMonth] = expandRecurrence(rule(1), monthStart(0), ZONE);
  const over = thisMonth.startsAt.getTime() + series.durationMinutes * MINUTE < now.getTime();
  return { rrule: rule(12), occurrences: expandRecurrence(rule(12), monthStart(over ? -6 : -7), ZONE) };
}

const shortFirm = (name: string) => name.replace(/ (Ltd|LLP)$/, '');
const firstName = (p: DemoPerson) => p.name.split(' ')[0];

class MeetingBuilder {
  private readonly now: Date;
  /** How each person prefers to join a hybrid session. */
  private readonly preferredMode = new Map<string, AttendanceMode>();

  constructor(
    private readonly cast: DemoCast,
    private readonly rng: Rng,
    private readonly rows: MeetingRows,
  ) {
    this.now = cast.now;
  }

  addSeries(group: DemoCastGroup, spec: DemoSeries): void {
    const { rng, now } = this;
    const { rrule, occurrences } = planSeries(now, spec);
    const first = occurrences[0].startsAt;
    const createdAt = new Date(Math.max(first.getTime() - rng.int(7, 12) * DAY, group.createdAt.getTime() + DAY));
    const seriesId = randomUUID();
    const fields = this.groupFields(group, spec.durationMinutes);
    this.rows.series.push({
      id: seriesId,
      programmeId: this.cast.programmeId,
      groupId: group.id,
      rrule,
      localStart: occurrences[0].localStart,
      timezone: ZONE,
      title: `${group.spec.name}: monthly session`,
      agenda: agendaFor(2, 'Topic of the month', 'one member'),
      ...fields,
      createdById: group.facilitatorId,
      createdAt,
      updatedAt: createdAt,
    });
    const held: HeldMeeting[] = [];
    let upcoming = 0;
    occurrences.forEach(({ startsAt }, k) => {
      const session = k + 1;
      const over = startsAt.getTime() + spec.durationMinutes * MINUTE < now.getTime();
      const cancelled = session === spec.cancelledSession && over;
      const owners = this.tenuresAt(group, startsAt).map((t) => t.people[0]);
      const hotSeat = session > 1 && owners.length > 0 ? owners[k % owners.length] : null;
      const meeting = this.meeting({
        groupId: group.id,
        seriesId,
        recurrenceId: startsAt,
        title: `Session ${session}: ${spec.topics[k]}`,
        agenda: agendaFor(session, spec.topics[k], hotSeat && `${firstName(hotSeat)} (${shortFirm(hotSeat.firmName)})`),
        startsAt,
        ...fields,
        createdById: group.facilitatorId,
        createdAt,
        status: cancelled ? 'cancelled' : over ? 'completed' : 'scheduled',
      });
      // The demo member comes to everything so far and has booked the next two sessions.
      const uptake = over ? 1 : (UPCOMING_UPTAKE[upcoming] ?? 0.1);
      const seated = this.bookGroupMeeting(group, meeting, createdAt, uptake, over || upcoming <= 1);
      if (!over) upcoming++;
      if (meeting.status === 'completed') held.push(this.held(meeting, seated, group.facilitatorId));
    });
    recordSessions(
      { rng, rows: this.rows, now, programmeId: this.cast.programmeId, groupName: group.spec.name, keenId: this.cast.memberId },
      held,
    );
  }

  /** A forming group's first one-off sessions, all still to come. */
  addFirstSessions(group: DemoCastGroup, sessions: DemoOneOff[]): void {
    const createdAt = new Date(this.now.getTime() - this.rng.int(3, 6) * DAY);
    sessions.forEach((s, i) => {
      const meeting = this.meeting({
        groupId: group.id,
        seriesId: null,
        recurrenceId: null,
        title: s.title,
        agenda: agendaFor(i + 1, s.title.replace(/^Session \d+: /, ''), null),
        startsAt: this.londonDaysAhead(s.daysAhead, s.localTime),
        ...this.groupFields(group, s.durationMinutes),
        createdById: group.facilitatorId,
        createdAt,
        status: 'scheduled',
      });
      this.bookGroupMeeting(group, meeting, createdAt, FIRST_SESSIONS_UPTAKE[i] ?? 0.5, false);
    });
  }

  /** A programme-wide event booked by people of various firms; over capacity, they wait in a queue. */
  addOpenEvent(spec: DemoOpenEvent): void {
    const { rng, now } = this;
    const startsAt = this.londonDaysAhead(spec.daysAhead, spec.localTime);
    const over = spec.daysAhead < 0;
    const createdAt = new Date(Math.min(startsAt.getTime() - rng.int(30, 45) * DAY, now.getTime() - rng.int(5, 9) * DAY));
    const meeting = this.meeting({
      groupId: null,
      seriesId: null,
      recurrenceId: null,
      title: spec.title,
      agenda: spec.agenda,
      startsAt,
      durationMinutes: spec.durationMinutes,
      mode: spec.mode,
      venue: spec.venue,
      onlineLink: spec.onlineLink,
      capacity: spec.capacity,
      createdById: this.cast.managerId,
      createdAt,
      status: over ? 'completed' : 'scheduled',
    });
    const people = rng
      .shuffle(this.cast.firmPeople)
      .slice(0, spec.bookings)
      .map((firm) => rng.pick(firm));
    const full = spec.bookings > spec.capacity;
    // Spread over the time between announcing the event and it starting (or now), in booking order.
    const span = Math.min(startsAt.getTime(), now.getTime()) - createdAt.getTime();
    const seated: HeldMeeting['seated'] = [];
    let confirmed = 0;
    let queue = 0;
    people.forEach((person, i) => {
      const bookedAt = new Date(createdAt.getTime() + Math.round(((i + 1) * span) / (people.length + 1)));
      const mode = this.bookingMode(meeting, person);
      if (!full && rng.chance(0.1)) {
        this.cancelledBooking(meeting, person, mode, bookedAt);
      } else if (confirmed < spec.capacity) {
        confirmed++;
        this.booking(meeting, person, mode, bookedAt, 'confirmed', null);
        seated.push({ person, mode });
      } else {
        this.booking(meeting, person, mode, bookedAt, 'waitlisted', ++queue);
      }
    });
    if (over) {
      recordSessions({ rng, rows: this.rows, now, programmeId: this.cast.programmeId, groupName: null }, [
        this.held(meeting, seated, this.cast.managerId),
      ]);
    }
  }

  /**
   * Most people of the firms in the group at the time book (owners more than colleagues, scaled by
   * `uptake`); a few cancel in time. Never more seats than capacity. With `memberBooks`, the demo
   * member is sure to hold a seat.
   */
  private bookGroupMeeting(
    group: DemoCastGroup,
    meeting: Partial<MeetingEntity>,
    scheduledAt: Date,
    uptake: number,
    memberBooks: boolean,
  ): HeldMeeting['seated'] {
    const { rng } = this;
    const startsAt = meeting.startsAt as Date;
    const candidates = this.tenuresAt(group, startsAt).flatMap((t) => t.people.map((person) => ({ person, t })));
    const seated: HeldMeeting['seated'] = [];
    const keen = (p: DemoPerson) => memberBooks && p.id === this.cast.memberId;
    const ordered = [...candidates.filter((c) => keen(c.person)), ...rng.shuffle(candidates.filter((c) => !keen(c.person)))];
    for (const { person, t } of ordered) {
      if (!keen(person) && !rng.chance((person.owner ? 0.9 : 0.55) * uptake)) continue;
      const earliest = Math.max(scheduledAt.getTime(), t.joinedAt.getTime()) + HOUR;
      const latest = Math.min(startsAt.getTime(), this.now.getTime(), meeting.cancelledAt?.getTime() ?? Infinity) - HOUR;
      const wanted = Math.min(
        startsAt.getTime() - rng.int(4 * 24, 30 * 24) * HOUR,
        this.now.getTime() - rng.int(2, 30 * 24) * HOUR,
      );
      const bookedAt = new Date(Math.min(Math.max(wanted, earliest), latest));
      const mode = this.bookingMode(meeting, person);
      if (!keen(person) && !meeting.cancelledAt && rng.chance(0.07)) {
        this.cancelledBooking(meeting, person, mode, bookedAt);
      } else if (seated.length < (meeting.capacity as number)) {
        this.booking(meeting, person, mode, bookedAt, 'confirmed', null);
        seated.push({ person, mode });
      }
    }
    return seated;
  }

  private booking(
    meeting: Partial<MeetingEntity>,
    person: DemoPerson,
    mode: AttendanceMode | null,
    createdAt: Date,
    status: 'confirmed' | 'waitlisted',
    queueNumber: number | null,
  ): void {
    this.rows.bookings.push({
      id: randomUUID(),
      meetingId: meeting.id,
      userId: person.id,
      status,
      mode,
      queueNumber,
      confirmedAt: status === 'confirmed' ? createdAt : null,
      createdAt,
      updatedAt: createdAt,
    });
  }

  /** A booking its holder cancelled in time, some while before the meeting. */
  private cancelledBooking(
    meeting: Partial<MeetingEntity>,
    person: DemoPerson,
    mode: AttendanceMode | null,
    createdAt: Date,
  ): void {
    const latest = Math.min((meeting.startsAt as Date).getTime() - HOUR, this.now.getTime() - MINUTE);
    const wait = Math.max(this.rng.int(10, 90) * 0.01 * (latest - createdAt.getTime()), 10 * MINUTE);
    const cancelledAt = new Date(createdAt.getTime() + Math.round(wait));
    this.rows.bookings.push({
      id: randomUUID(),
      meetingId: meeting.id,
      userId: person.id,
      status: 'cancelled',
      mode,
      confirmedAt: createdAt,
      cancelledAt,
      cancelledById: person.id,
      createdAt,
      updatedAt: cancelledAt,
    });
  }

  private bookingMode(meeting: Partial<MeetingEntity>, person: DemoPerson): AttendanceMode | null {
    if (meeting.mode !== 'hybrid') return null;
    let preferred = this.preferredMode.get(person.id);
    if (!preferred) {
      preferred = this.rng.chance(0.65) ? 'in_person' : 'online';
      this.preferredMode.set(person.id, preferred);
    }
    if (this.rng.chance(0.85)) return preferred;
    return preferred === 'online' ? 'in_person' : 'online';
  }

  /** A meeting row as the scheduling service writes it; cancellation and completion as they would have happened. */
  private meeting(
    fields: Omit<Partial<MeetingEntity>, 'status'> & {
      startsAt: Date;
      durationMinutes: number;
      createdAt: Date;
      status: MeetingStatus;
    },
  ): Partial<MeetingEntity> {
    const id = randomUUID();
    const cancelled = fields.status === 'cancelled';
    const cancelledAt = cancelled ? new Date(fields.startsAt.getTime() - this.rng.int(26, 60) * HOUR) : null;
    // Taking attendance completes a meeting, early in the session.
    const completedAt = new Date(fields.startsAt.getTime() + 45 * MINUTE);
    const row: Partial<MeetingEntity> = {
      id,
      programmeId: this.cast.programmeId,
      timezone: ZONE,
      ...fields,
      cancelledAt,
      cancellationMessage: cancelled ? CANCELLATION_MESSAGE : null,
      icalUid: `${id}@roundtable`,
      icalSequence: cancelled ? 1 : 0,
      updatedAt: cancelledAt ?? (fields.status === 'completed' ? completedAt : fields.createdAt),
    };
    this.rows.meetings.push(row);
    return row;
  }

  private held(meeting: Partial<MeetingEntity>, seated: HeldMeeting['seated'], recorderId: string): HeldMeeting {
    return {
      id: meeting.id as string,
      groupId: meeting.groupId ?? null,
      startsAt: meeting.startsAt as Date,
      durationMinutes: meeting.durationMinutes as number,
      mode: meeting.mode as HeldMeeting['mode'],
      seated,
      recorderId,
    };
  }

  /** A group's defaults, as the scheduling service copies them onto its meetings. */
  private groupFields(group: DemoCastGroup, durationMinutes: number) {
    return {
      durationMinutes,
      mode: group.spec.format,
      venue: group.spec.defaultVenue,
      onlineLink: group.spec.defaultMeetingLink,
      capacity: group.spec.capacity,
    };
  }

  /** The firms in the group when a meeting starts (upcoming: its current members). */
  private tenuresAt(group: DemoCastGroup, at: Date) {
    return group.tenures.filter((t) => t.joinedAt < at && (t.endedAt === null || t.endedAt > at));
  }

  /** About `days` days from now, moved on to the next Tuesday, Wednesday or Thursday, at `localTime` in London. */
  private londonDaysAhead(days: number, localTime: string): Date {
    const [year, month, day] = instantToLocal(new Date(this.now.getTime() + days * DAY), ZONE)
      .slice(0, 10)
      .split('-')
      .map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    while (![2, 3, 4].includes(date.getUTCDay())) date.setUTCDate(date.getUTCDate() + 1);
    return londonInstant(`${date.toISOString().slice(0, 10)}T${localTime}`);
  }
}
