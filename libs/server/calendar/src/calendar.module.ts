import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';

/** Calendar feeds and single-meeting files as a service, with no HTTP; CalendarHttpModule adds the routes. */
@Module({ providers: [CalendarService], exports: [CalendarService] })
export class CalendarModule {}
