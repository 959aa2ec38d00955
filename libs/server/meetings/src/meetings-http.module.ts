import { Module } from '@nestjs/common';
import { BookingsController } from './bookings.controller';
import { MeetingsController } from './meetings.controller';
import { MeetingsModule } from './meetings.module';

/** The API's meeting, event, series and booking routes over MeetingsModule. */
@Module({ imports: [MeetingsModule], controllers: [MeetingsController, BookingsController] })
export class MeetingsHttpModule {}
