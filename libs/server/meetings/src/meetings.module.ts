import { Module } from '@nestjs/common';
import { BookingsService } from './bookings.service';
import { MeetingsService } from './meetings.service';
import { SchedulingService } from './scheduling.service';

/** Meetings, series and bookings as services, with no HTTP (the worker's import); MeetingsHttpModule adds the routes. */
@Module({
  providers: [MeetingsService, SchedulingService, BookingsService],
  exports: [MeetingsService, SchedulingService, BookingsService],
})
export class MeetingsModule {}
