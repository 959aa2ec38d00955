import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf, Refuses } from '@roundtable/server-core';
import type { FastifyReply } from 'fastify';
import { BookingsService } from './bookings.service';
import { BookingDto, CreateBookingDto, RosterBookingDto, RosterQueryDto } from './dto/booking.dto';

const RosterBookingPageDto = PageDtoOf(RosterBookingDto);

@ApiTags('bookings')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller()
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post('meetings/:meetingId/bookings')
  @ApiOperation({
    summary: 'Book a seat',
    description:
      'People of current member firms (open events: of any firm in the programme), until the meeting starts. A full meeting puts you on the waitlist with a position. ' +
      'Send an Idempotency-Key to retry safely: for 24 hours the same key and body replay the first response, and the same key with another body gives 422. ' +
      'A booking waits at most BOOKING_WAIT_MS (10 s) for its turn at the meeting; past it, 503 busy with Retry-After and nothing booked.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Client-chosen unique key for this booking attempt' })
  @ApiCreatedResponse({ type: BookingDto })
  @Refuses({
    400: { invalid_idempotency_key: 'Idempotency-Key is not 1–255 visible ASCII characters' },
    409: {
      meeting_not_scheduled: 'The meeting is cancelled or over',
      booking_closed: 'The meeting has started',
      already_booked: 'You already have a confirmed or waitlisted booking for this meeting',
    },
    422: { idempotency_key_reused: 'The Idempotency-Key was already used for a different request' },
    503: { busy: 'The meeting stayed busy for the whole wait; nothing was booked, retry after Retry-After seconds' },
  })
  async book(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: CreateBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const result = await this.bookings.book(actor, meetingId, dto, key);
    if (result.replayed) res.header('Idempotent-Replayed', 'true');
    // The serialized BookingDto as first sent, so a replay is the same bytes: a string with a JSON
    // type is sent as it is, not serialised again.
    res.type('application/json; charset=utf-8');
    return result.json;
  }

  @Get('meetings/:meetingId/bookings')
  @ApiOperation({
    summary: 'Who has booked',
    description:
      'The group’s facilitators and the programme’s managers (open events: programme staff): confirmed seats, then the waitlist in order, a page at a time.',
  })
  @ApiOkResponse({ type: RosterBookingPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Query() query: RosterQueryDto,
  ): Promise<Page<RosterBookingDto>> {
    return this.bookings.listForMeeting(actor, meetingId, query);
  }

  @Post('bookings/:bookingId/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a booking',
    description:
      'The person who booked, or the meeting’s facilitators and managers, before the meeting starts. A freed seat goes to the first person on the waitlist.',
  })
  @ApiOkResponse({ type: BookingDto })
  @Refuses({
    409: {
      booking_not_active: 'The booking is already cancelled',
      meeting_started: 'The meeting has started: send apologies to the facilitator instead',
    },
  })
  cancel(@CurrentActor() actor: Actor, @Param('bookingId', ParseUUIDPipe) id: string): Promise<BookingDto> {
    return this.bookings.cancel(actor, id);
  }

  @Delete('meetings/:meetingId/bookings/mine')
  @ApiOperation({
    summary: 'Cancel my booking for a meeting',
    description:
      'Any signed-in user, for their own confirmed or waitlisted booking of the meeting, before it starts: the same rules and the same emails as POST /bookings/{bookingId}/cancel, without looking the booking’s id up first. ' +
      'A freed seat goes to the first person on the waitlist. No live booking of yours: 404 (for a meeting you may not see, the answer GET /meetings/{meetingId} gives you: 404 outside your programmes, 403 inside).',
  })
  @ApiOkResponse({ type: BookingDto })
  @Refuses({
    409: {
      booking_not_active: 'The booking was cancelled meanwhile, by you or the meeting’s staff',
      meeting_started: 'The meeting has started: send apologies to the facilitator instead',
    },
  })
  cancelMine(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<BookingDto> {
    return this.bookings.cancelMine(actor, meetingId);
  }

  @Get('me/bookings')
  @ApiOperation({
    summary: 'My active bookings',
    description: 'Any signed-in user, their own bookings for meetings from yesterday on.',
  })
  @ApiOkResponse({ type: [BookingDto] })
  mine(@CurrentActor() actor: Actor): Promise<BookingDto[]> {
    return this.bookings.mine(actor);
  }
}
