import { Module } from '@nestjs/common';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { SchedulingService } from './scheduling.service';

@Module({
  controllers: [MeetingsController, BookingsController],
  providers: [MeetingsService, SchedulingService, BookingsService],
  exports: [MeetingsService, BookingsService],
})
export class MeetingsModule {}
