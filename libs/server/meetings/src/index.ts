export * from './dto/booking.dto';
export * from './dto/meeting.dto';
export * from './meeting-access';
export * from './meeting-query';
export * from './bookings.service';
export * from './meetings.module';
