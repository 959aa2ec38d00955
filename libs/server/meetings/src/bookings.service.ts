import { Injectable } from '@nestjs/common';
import { Actor, ApiError } from '@roundtable/server-core';
import { BookingEntity, MeetingEntity } from '@roundtable/server-data';
import { DataSource, EntityManager, In } from 'typeorm';
import { BookingDto, CreateBookingDto, RosterBookingDto } from './dto/booking.dto';
import { loadMeeting } from './meeting-access';
import { idempotent, Replay } from './idempotency';

/**
 * Seats and the waitlist. Every write locks the meeting row first: bookings, cancellations and
 * capacity changes of one meeting run one at a time, so capacity is never exceeded and the
 * waitlist is served first come, first served.
 */
@Injectable()
export class BookingsService {
  constructor(private readonly db: DataSource) {}

  book(actor: Actor, meetingId: string, dto: CreateBookingDto, idempotencyKey?: string): Promise<Replay<BookingDto>> {
    return this.db.transaction((em) =>
      idempotent(em, actor.userId, idempotencyKey, `POST /meetings/${meetingId}/bookings`, dto, async () => {
        const { meeting, access } = await loadMeeting(em, actor, meetingId, { lock: true });
        if (!access.book) {
          throw ApiError.forbidden(
            meeting.groupId
              ? 'Only current members of this group can book its meetings'
              : 'Only members of this programme can book',
          );
        }
        if (meeting.status !== 'scheduled') throw ApiError.conflict('meeting_not_scheduled', `This meeting is ${meeting.status}`);
        if (meeting.startsAt.getTime() <= Date.now())
          throw ApiError.conflict('booking_closed', 'Booking closed when the meeting started');
        const existing = await em.findOne(BookingEntity, {
          where: { meetingId, userId: actor.userId, status: In(['confirmed', 'waitlisted']) },
        });
        if (existing) throw ApiError.conflict('already_booked', `You already have a ${existing.status} booking for this meeting`);
        const confirmed = await this.confirmedCount(em, meetingId);
        const now = new Date();
        const mode = dto.mode ?? null;
        if (confirmed < meeting.capacity) {
          const booking = await em.save(
            em.create(BookingEntity, { meetingId, userId: actor.userId, status: 'confirmed', confirmedAt: now, mode }),
          );
          return toDto(booking, null);
        }
        const [{ next }] = await em.query(
          `SELECT COALESCE(MAX(queue_number), 0) + 1 AS next FROM booking WHERE meeting_id = $1`,
          [meetingId],
        );
        const booking = await em.save(
          em.create(BookingEntity, { meetingId, userId: actor.userId, status: 'waitlisted', queueNumber: next, mode }),
        );
        return toDto(booking, await this.position(em, booking));
      }),
    );
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
    });
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

  async listForMeeting(actor: Actor, meetingId: string, includeCancelled: boolean): Promise<RosterBookingDto[]> {
    await loadMeeting(this.db.manager, actor, meetingId, { need: 'manage' });
    const rows: (BookingRow & { user_name: string; firm_name: string | null })[] = await this.db.query(
      `SELECT b.*, u.name AS user_name, f.name AS firm_name,
              CASE WHEN b.status = 'waitlisted' THEN
                row_number() OVER (PARTITION BY b.status ORDER BY b.queue_number) END AS position
         FROM booking b JOIN app_user u ON u.id = b.user_id LEFT JOIN firm f ON f.id = u.firm_id
        WHERE b.meeting_id = $1 AND ($2 OR b.status <> 'cancelled')
        ORDER BY CASE b.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, b.queue_number, b.created_at`,
      [meetingId, includeCancelled],
    );
    return rows.map((r) => ({ ...rowToDto(r), userName: r.user_name, firmName: r.firm_name }));
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

  private async position(em: EntityManager, booking: BookingEntity): Promise<number> {
    const [{ n }] = await em.query(
      `SELECT count(*)::int AS n FROM booking WHERE meeting_id = $1 AND status = 'waitlisted' AND queue_number <= $2`,
      [booking.meetingId, booking.queueNumber],
    );
    return n;
  }
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
