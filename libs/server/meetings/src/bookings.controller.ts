import { Body, Controller, Get, Headers, HttpCode, Param, ParseBoolPipe, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, ErrorDto } from '@roundtable/server-core';
import type { Response } from 'express';
import { BookingsService } from './bookings.service';
import { BookingDto, CreateBookingDto, RosterBookingDto } from './dto/booking.dto';

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
      'Send an Idempotency-Key to retry safely: for 24 hours the same key and body replay the first response, and the same key with another body gives 422.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Client-chosen unique key for this booking attempt' })
  @ApiCreatedResponse({ type: BookingDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'Idempotency-Key reused with a different request' })
  async book(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: CreateBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BookingDto> {
    const result = await this.bookings.book(actor, meetingId, dto, key);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get('meetings/:meetingId/bookings')
  @ApiOperation({
    summary: 'Who has booked',
    description:
      'The group’s facilitators and the programme’s managers (open events: programme staff): confirmed seats, then the waitlist in order.',
  })
  @ApiQuery({ name: 'includeCancelled', required: false, type: Boolean })
  @ApiOkResponse({ type: [RosterBookingDto] })
  list(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Query('includeCancelled', new ParseBoolPipe({ optional: true })) includeCancelled?: boolean,
  ): Promise<RosterBookingDto[]> {
    return this.bookings.listForMeeting(actor, meetingId, includeCancelled ?? false);
  }

  @Post('bookings/:bookingId/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a booking',
    description:
      'The person who booked, or the meeting’s facilitators and managers, before the meeting starts. A freed seat goes to the first person on the waitlist.',
  })
  @ApiOkResponse({ type: BookingDto })
  cancel(@CurrentActor() actor: Actor, @Param('bookingId', ParseUUIDPipe) id: string): Promise<BookingDto> {
    return this.bookings.cancel(actor, id);
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
