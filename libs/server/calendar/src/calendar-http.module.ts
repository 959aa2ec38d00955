import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarModule } from './calendar.module';

/** The API's routes: `/api/me/calendar-feed`, the feed `/api/calendar/{token}.ics` and `/api/meetings/{id}/ics`. */
@Module({ imports: [CalendarModule], controllers: [CalendarController] })
export class CalendarHttpModule {}
