import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, ApiError, likePattern, Page, pageOf, preparedQuery } from '@roundtable/server-core';
import { BookingEntity, MeetingEntity } from '@roundtable/server-data';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { BookingDto, CreateBookingDto, RosterBookingDto, RosterQueryDto } from './dto/booking.dto';
import { loadMeeting } from './meeting-access';
import { idempotent, Replay } from './idempotency';
import { KeyedLimit, WaitTimeout } from './keyed-limit';

/**
 * Bookings of one meeting that may wait on its row lock at once per process: enough to keep the
 * lock busy while answers travel, few enough to leave the rest of the pool to other requests.
 */
const BOOKINGS_IN_FLIGHT = 4;

/** When a booking that gave up waiting should try again: long enough for a rush to drain, short for a person. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL's lock_not_available (lock_timeout) and query_canceled (statement_timeout). */
const GAVE_UP_WAITING = new Set(['55P03', '57014']);

/**
 * Seats and the waitlist. Every write locks the meeting row first: bookings, cancellations and
 * capacity changes of one meeting run one at a time, so capacity is never exceeded and the
 * waitlist is served first come, first served.
 */
@Injectable()
export class BookingsService {
  private readonly inFlight = new KeyedLimit(BOOKINGS_IN_FLIGHT);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Without an Idempotency-Key the booking is the one statement `book_seat` (migrations
   * book-seat-function, book-seat-lock-timeout) on its own, so the meeting lock is held only while
   * PostgreSQL runs it and commits. With a key it runs inside the key's transaction, after the key's
   * checks. Either way at most BOOKINGS_IN_FLIGHT of one meeting hold a pool connection at once (see
   * KeyedLimit), and the whole wait, for a turn and then for locks, is bounded by BOOKING_WAIT_MS:
   * a meeting whose lock is stuck answers 503 busy instead of holding its requests forever.
   */
  async book(actor: Actor, meetingId: string, dto: CreateBookingDto, idempotencyKey?: string): Promise<Replay<BookingDto>> {
    const scope = `POST /meetings/${meetingId}/bookings`;
    const deadline = Date.now() + this.config.BOOKING_WAIT_MS;
    // What is left of the wait once the booking has its turn: the bound on its lock waits.
    const remainingMs = () => Math.max(1, Math.ceil(deadline - Date.now()));
    try {
      if (idempotencyKey === undefined) {
        const em = this.db.manager;
        return await idempotent(em, actor.userId, undefined, scope, dto, () =>
          this.inFlight.run(
            meetingId,
            () => this.bookSeat(em, actor, meetingId, dto, remainingMs()),
            this.config.BOOKING_WAIT_MS,
          ),
        );
      }
      return await this.inFlight.run(
        meetingId,
        () =>
          this.db.transaction(async (em) => {
            // Before the Idempotency-Key's advisory lock, which is a lock wait too.
            const ms = String(remainingMs());
            await em.query(`SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $1, true)`, [ms]);
            return idempotent(em, actor.userId, idempotencyKey, scope, dto, () =>
              this.bookSeat(em, actor, meetingId, dto, remainingMs()),
            );
          }),
        this.config.BOOKING_WAIT_MS,
      );
    } catch (err) {
      if (err instanceof WaitTimeout || gaveUpWaiting(err)) {
        throw new ApiError(
          HttpStatus.SERVICE_UNAVAILABLE,
          'busy',
          'This meeting is too busy to take your booking now; nothing was booked, try again in a few seconds',
          undefined,
          BUSY_RETRY_AFTER_SECONDS,
        );
      }
      throw err;
    }
  }

  private async bookSeat(
    em: EntityManager,
    actor: Actor,
    meetingId: string,
    dto: CreateBookingDto,
    lockTimeoutMs: number,
  ): Promise<BookingDto> {
    const [row] = await preparedQuery<BookSeatRow>(em, 'book_seat', 'SELECT * FROM book_seat($1, $2, $3, $4, $5, $6)', [
      meetingId,
      actor.userId,
      actor.firmId,
      actor.firmProgrammeId,
      dto.mode ?? null,
      lockTimeoutMs,
    ]);
    if (row.outcome === 'booked') {
      return {
        id: row.id,
        meetingId,
        userId: actor.userId,
        status: row.status,
        position: row.booking_position,
        mode: row.mode,
        createdAt: new Date(row.created_at).toISOString(),
        promotedAt: null,
        cancelledAt: null,
      };
    }
    // Refused, nothing written. Who may not see the meeting gets the answer loadMeeting gives (404 or 403).
    const { meeting } = await loadMeeting(em, actor, meetingId);
    switch (row.outcome) {
      case 'not_member':
        throw ApiError.forbidden(
          meeting.groupId
            ? 'Only current members of this group can book its meetings'
            : 'Only members of this programme can book',
        );
      case 'not_scheduled':
        throw ApiError.conflict('meeting_not_scheduled', `This meeting is ${row.meeting_status}`);
      case 'closed':
        throw ApiError.conflict('booking_closed', 'Booking closed when the meeting started');
      case 'already_booked':
        throw ApiError.conflict('already_booked', `You already have a ${row.status} booking for this meeting`);
      default:
        throw ApiError.notFound('Meeting');
    }
  }

  async cancel(actor: Actor, bookingId: string): Promise<BookingDto> {
    return this.db.transaction(async (em) => {
      const found = await em.findOneBy(BookingEntity, { id: bookingId });
      if (!found) throw ApiError.notFound('Booking');
      let meeting: MeetingEntity;
      if (found.userId === actor.userId) {
        // Your own booking is yours to cancel even if you can no longer see the meeting (your firm left).
        meeting = await em.findOneOrFail(MeetingEntity, { where: { id: found.meetingId }, lock: { mode: 'pessimistic_write' } });
      } else {
        const loaded = await loadMeeting(em, actor, found.meetingId, { lock: true }).catch((err: unknown) => {
          // Someone who cannot see the meeting learns nothing about the booking either.
          throw err instanceof ApiError ? ApiError.notFound('Booking') : err;
        });
        if (!loaded.access.manage) throw ApiError.forbidden('This is not your booking');
        meeting = loaded.meeting;
      }
      return this.cancelLocked(em, actor, meeting, bookingId);
    });
  }

  /**
   * The caller's own live booking for a meeting, cancelled as cancel() cancels it (the same rules, the same
   * emails): found by the meeting, so the client need not look the booking's id up first.
   */
  async cancelMine(actor: Actor, meetingId: string): Promise<BookingDto> {
    return this.db.transaction(async (em) => {
      const [mine]: { id: string }[] = await em.query(
        `SELECT id FROM booking WHERE meeting_id = $1 AND user_id = $2 AND status <> 'cancelled'`,
        [meetingId, actor.userId],
      );
      if (!mine) {
        // Nothing of yours here: the meeting answers as it does to you (404 outside your programmes, 403 if not yours).
        await loadMeeting(em, actor, meetingId);
        throw ApiError.notFound('Your booking for this meeting');
      }
      // The order cancel() takes its locks in: the meeting, then the booking.
      const meeting = await em.findOneOrFail(MeetingEntity, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
      return this.cancelLocked(em, actor, meeting, mine.id);
    });
  }

  /** Called with the meeting row locked; a booking cancelled meanwhile by someone else is refused (409). */
  private async cancelLocked(em: EntityManager, actor: Actor, meeting: MeetingEntity, bookingId: string): Promise<BookingDto> {
    const booking = await em.findOneOrFail(BookingEntity, { where: { id: bookingId }, lock: { mode: 'pessimistic_write' } });
    if (booking.status === 'cancelled') throw ApiError.conflict('booking_not_active', 'This booking is already cancelled');
    if (meeting.startsAt.getTime() <= Date.now()) {
      throw ApiError.conflict('meeting_started', 'The meeting has started: send apologies to the facilitator instead');
    }
    const wasConfirmed = booking.status === 'confirmed';
    await em.update(
      BookingEntity,
      { id: booking.id },
      { status: 'cancelled', cancelledAt: new Date(), cancelledById: actor.userId },
    );
    if (wasConfirmed && meeting.status === 'scheduled') await this.promote(em, meeting.id, 1);
    return toDto(await em.findOneByOrFail(BookingEntity, { id: booking.id }), null);
  }

  /**
   * A firm that leaves or is removed from a group gives up its people's seats at the group's
   * meetings still to come, and the waitlist moves up. Runs in the caller's transaction; the
   * meetings are locked in start order, the order every other writer uses.
   */
  async releaseFirmSeats(em: EntityManager, groupId: string, firmId: string, byUserId: string): Promise<number> {
    // Every future meeting of the group, not only those holding the firm's seats now: a booking that
    // passed its membership check just before this leave committed is then either already committed
    // (and seen by the UPDATE below, which runs after the lock) or still waiting for the meeting lock
    // (and will find the membership ended).
    const meetings: { id: string }[] = await em.query(
      `SELECT m.id FROM meeting m WHERE m.group_id = $1 AND m.starts_at > now() ORDER BY m.starts_at, m.id`,
      [groupId],
    );
    let released = 0;
    for (const { id } of meetings) {
      const meeting = await em.findOneOrFail(MeetingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [cancelled]: [{ was_confirmed: boolean }[], number] = await em.query(
        `WITH mine AS (
           SELECT b.id, b.status = 'confirmed' AS was_confirmed FROM booking b JOIN app_user u ON u.id = b.user_id
            WHERE b.meeting_id = $1 AND b.status <> 'cancelled' AND u.firm_id = $2 FOR UPDATE OF b)
         UPDATE booking SET status = 'cancelled', cancelled_at = now(), cancelled_by_id = $3, updated_at = now()
           FROM mine WHERE booking.id = mine.id
         RETURNING mine.was_confirmed`,
        [id, firmId, byUserId],
      );
      released += cancelled.length;
      const seats = cancelled.filter((c) => c.was_confirmed).length;
      if (seats > 0 && meeting.status === 'scheduled') await this.promote(em, id, seats);
    }
    return released;
  }

  /** Called with the meeting row locked. */
  async changeCapacity(em: EntityManager, meeting: MeetingEntity, capacity: number): Promise<void> {
    const confirmed = await this.confirmedCount(em, meeting.id);
    if (capacity < confirmed) {
      throw ApiError.conflict(
        'capacity_below_confirmed',
        `${confirmed} seats are already confirmed: cancel bookings before lowering the capacity to ${capacity}`,
      );
    }
    await em.update(MeetingEntity, { id: meeting.id }, { capacity });
    if (capacity > confirmed && meeting.status === 'scheduled') await this.promote(em, meeting.id, capacity - confirmed);
  }

  async listForMeeting(actor: Actor, meetingId: string, query: RosterQueryDto): Promise<Page<RosterBookingDto>> {
    await loadMeeting(this.db.manager, actor, meetingId, { need: 'manage' });
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    // The waitlist position is counted before the name search, so a search shows each person's real place.
    const roster = `SELECT b.*, u.name AS user_name, f.name AS firm_name,
              CASE WHEN b.status = 'waitlisted' THEN
                row_number() OVER (PARTITION BY b.status ORDER BY b.queue_number) END AS position
         FROM booking b JOIN app_user u ON u.id = b.user_id LEFT JOIN firm f ON f.id = u.firm_id
        WHERE b.meeting_id = $1 AND ($2 OR b.status <> 'cancelled')`;
    const search = `($3::text IS NULL OR r.user_name ILIKE $3)`;
    const params = [meetingId, query.includeCancelled, query.q ? likePattern(query.q) : null];
    const [{ total }]: { total: number }[] = await this.db.query(
      `SELECT count(*)::int AS total FROM (${roster}) r WHERE ${search}`,
      params,
    );
    const rows: (BookingRow & { user_name: string; firm_name: string | null })[] = await this.db.query(
      `SELECT r.* FROM (${roster}) r WHERE ${search}
        ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END ${direction},
                 r.queue_number ${direction}, r.created_at ${direction}, r.id ${direction}
        LIMIT $4 OFFSET $5`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const items = rows.map((r) => ({ ...rowToDto(r), userName: r.user_name, firmName: r.firm_name }));
    return pageOf(items, total, query);
  }

  async mine(actor: Actor): Promise<BookingDto[]> {
    const rows: BookingRow[] = await this.db.query(
      `SELECT b.*,
              CASE WHEN b.status = 'waitlisted' THEN
                (SELECT count(*)::int FROM booking w WHERE w.meeting_id = b.meeting_id AND w.status = 'waitlisted'
                   AND w.queue_number <= b.queue_number) END AS position
         FROM booking b JOIN meeting m ON m.id = b.meeting_id
        WHERE b.user_id = $1 AND b.status <> 'cancelled' AND m.starts_at >= now() - interval '1 day'
        ORDER BY m.starts_at`,
      [actor.userId],
    );
    return rows.map(rowToDto);
  }

  /** Gives freed seats to the longest-waiting people. The caller holds the meeting lock. */
  private async promote(em: EntityManager, meetingId: string, seats: number): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await em.query(
      `UPDATE booking SET status = 'confirmed', confirmed_at = now(), promoted_at = now(), updated_at = now()
        WHERE id IN (SELECT id FROM booking WHERE meeting_id = $1 AND status = 'waitlisted'
                      ORDER BY queue_number LIMIT $2 FOR UPDATE)
        RETURNING id`,
      [meetingId, seats],
    );
    return rows.map((r) => r.id);
  }

  private async confirmedCount(em: EntityManager, meetingId: string): Promise<number> {
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM booking WHERE meeting_id = $1 AND status = 'confirmed'`, [
      meetingId,
    ]);
    return n;
  }
}

/** A statement PostgreSQL stopped at lock_timeout or statement_timeout (or cancelled): nothing was written. */
function gaveUpWaiting(err: unknown): boolean {
  const driverError: unknown = err instanceof QueryFailedError ? err.driverError : err;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' && GAVE_UP_WAITING.has(code);
}

/** What book_seat returns: the booking, or why there is none. */
interface BookSeatRow {
  outcome: 'booked' | 'not_found' | 'not_member' | 'not_scheduled' | 'closed' | 'already_booked';
  meeting_status: string | null;
  id: string;
  status: BookingDto['status'];
  mode: BookingDto['mode'];
  booking_position: number | null;
  created_at: Date;
}

interface BookingRow {
  id: string;
  meeting_id: string;
  user_id: string;
  status: BookingDto['status'];
  mode: BookingDto['mode'];
  position: number | string | null;
  created_at: Date;
  promoted_at: Date | null;
  cancelled_at: Date | null;
}

function rowToDto(r: BookingRow): BookingDto {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    userId: r.user_id,
    status: r.status,
    position: r.position === null ? null : Number(r.position),
    mode: r.mode,
    createdAt: new Date(r.created_at).toISOString(),
    promotedAt: r.promoted_at ? new Date(r.promoted_at).toISOString() : null,
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at).toISOString() : null,
  };
}

function toDto(b: BookingEntity, position: number | null): BookingDto {
  return {
    id: b.id,
    meetingId: b.meetingId,
    userId: b.userId,
    status: b.status,
    position,
    mode: b.mode,
    createdAt: b.createdAt.toISOString(),
    promotedAt: b.promotedAt?.toISOString() ?? null,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
  };
}
