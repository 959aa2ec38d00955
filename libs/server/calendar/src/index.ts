export * from './calendar-http.module';
export * from './calendar.module';
export * from './calendar.service';
export * from './dto/calendar-feed.dto';
