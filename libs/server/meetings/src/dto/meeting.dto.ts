import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_MODES, MEETING_STATUSES, MeetingMode, MeetingStatus, BOOKING_STATUSES, BookingStatus } from '@roundtable/domain';
import { IsTimeZone } from '@roundtable/server-auth';
import { NotBlank, OptionalNotNull } from '@roundtable/server-core';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export class MeetingFieldsDto {
  @ApiProperty({ example: 'March session: pricing and digital sales' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  title: string;

  @ApiPropertyOptional({ example: '1. Report back on actions\n2. Guest: payments\n3. New commitments' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(10000)
  agenda?: string;

  @ApiProperty({ example: '2027-03-02T09:30', description: 'Local wall-clock start in `timezone` (no offset)' })
  @Matches(LOCAL, { message: 'localStart must look like 2027-03-02T09:30' })
  localStart: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA zone; defaults to the programme’s' })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiProperty({ example: 180, minimum: 15, maximum: 720 })
  @IsInt()
  @Min(15)
  @Max(720)
  durationMinutes: number;

  @ApiPropertyOptional({ enum: MEETING_MODES, description: 'Defaults to the group’s format (open events: in_person)' })
  @OptionalNotNull()
  @IsIn(MEETING_MODES)
  mode?: MeetingMode;

  @ApiPropertyOptional({ example: 'Inverness Campus, Room 2', description: 'Defaults to the group’s venue' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiPropertyOptional({ example: 'https://meet.example.org/digital-leaders', description: 'Defaults to the group’s link' })
  @OptionalNotNull()
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'] })
  @MaxLength(500)
  onlineLink?: string;

  @ApiPropertyOptional({ example: 12, description: 'Seats; defaults to the group’s capacity (open events: required)' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;
}

export class CreateMeetingDto extends MeetingFieldsDto {}

export class CreateSeriesDto extends MeetingFieldsDto {
  @ApiProperty({
    example: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=12',
    description: 'RFC 5545 RRULE (DAILY/WEEKLY/MONTHLY/YEARLY, with COUNT ≤ 60 or UNTIL); the time of day comes from localStart',
  })
  @IsString()
  @MinLength(8)
  @MaxLength(500)
  rrule: string;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({
    enum: ['this', 'following'],
    default: 'this',
    description: 'Change this meeting only, or this and every later one in its series',
  })
  @OptionalNotNull()
  @IsIn(['this', 'following'])
  scope?: 'this' | 'following';

  @ApiPropertyOptional({ example: 'April session' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  title?: string;

  @ApiPropertyOptional({ description: 'The session’s agenda' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(10000)
  agenda?: string;

  @ApiPropertyOptional({
    example: '2027-04-06T10:00',
    description:
      'New local start. With scope=following, later meetings keep their own dates, shifted by the same number of days, at the new time of day',
  })
  @OptionalNotNull()
  @Matches(LOCAL, { message: 'localStart must look like 2027-03-02T09:30' })
  localStart?: string;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 150 })
  @OptionalNotNull()
  @IsInt()
  @Min(15)
  @Max(720)
  durationMinutes?: number;

  @ApiPropertyOptional({ enum: MEETING_MODES, description: 'In person, online or hybrid' })
  @OptionalNotNull()
  @IsIn(MEETING_MODES)
  mode?: MeetingMode;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Where the session is held' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(300)
  venue?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The video-call link' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'] })
  @MaxLength(500)
  onlineLink?: string | null;

  @ApiPropertyOptional({
    example: 14,
    description: 'Raising it promotes people from the waitlist; lowering it below the confirmed seats is refused (409)',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;
}

export class CancelMeetingDto {
  @ApiProperty({ example: 'Cancelled because of the storm warning; we meet again next month.' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NotBlank()
  message: string;

  @ApiPropertyOptional({
    enum: ['this', 'following'],
    default: 'this',
    description: 'Cancel this meeting only, or it and every later one in its series',
  })
  @OptionalNotNull()
  @IsIn(['this', 'following'])
  scope?: 'this' | 'following';
}

export class MeetingRangeQueryDto {
  @ApiPropertyOptional({
    description: 'Only meetings starting at or after this instant (default: all)',
    example: '2027-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Only meetings starting before this instant', example: '2028-01-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: MEETING_STATUSES, description: 'Current status' })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional({ default: 100, maximum: 500, description: 'The id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

export class MyBookingDto {
  @ApiProperty({ format: 'uuid', description: 'The booking’s id' })
  id: string;
  @ApiProperty({ enum: BOOKING_STATUSES, description: 'Current status' })
  status: BookingStatus;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Place on the waitlist, from 1', example: 3 })
  position: number | null;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid', description: 'The meeting’s id' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The programme' })
  programmeId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Null for a programme-wide open event' })
  groupId: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The recurring series this meeting belongs to, if any',
  })
  seriesId: string | null;
  @ApiProperty({ example: 'March session' })
  title: string;
  @ApiProperty({ description: 'The session’s agenda' })
  agenda: string;
  @ApiProperty({ example: '2027-03-02T09:30:00.000Z', description: 'UTC instant' })
  startsAt: string;
  @ApiProperty({ example: '2027-03-02T12:30:00.000Z' })
  endsAt: string;
  @ApiProperty({ example: '2027-03-02T09:30', description: 'Local wall-clock start in `timezone`' })
  localStart: string;
  @ApiProperty({ example: 'Europe/London' })
  timezone: string;
  @ApiProperty({ example: 180 })
  durationMinutes: number;
  @ApiProperty({ enum: MEETING_MODES, description: 'In person, online or hybrid' })
  mode: MeetingMode;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Where the session is held' })
  venue: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The video-call link' })
  onlineLink: string | null;
  @ApiProperty({ example: 12 })
  capacity: number;
  @ApiProperty({ enum: MEETING_STATUSES, description: 'Current status' })
  status: MeetingStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the meeting was cancelled, as sent to those booked' })
  cancellationMessage: string | null;
  @ApiProperty({ example: '5d7c…@roundtable', description: 'iCalendar UID: stable for the meeting’s life' })
  icalUid: string;
  @ApiProperty({ example: 2, description: 'iCalendar SEQUENCE: rises with every change a calendar shows' })
  icalSequence: number;
  @ApiProperty({ example: 11 })
  confirmedCount: number;
  @ApiProperty({ example: 3 })
  waitlistCount: number;
  @ApiPropertyOptional({ type: MyBookingDto, nullable: true, description: 'The caller’s own active booking' })
  myBooking: MyBookingDto | null;
}

export class SeriesDto {
  @ApiProperty({ format: 'uuid', description: 'The series’ id' })
  id: string;
  @ApiProperty({ example: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=12' })
  rrule: string;
  @ApiProperty({ example: '2027-01-05T09:30' })
  localStart: string;
  @ApiProperty({ example: 'Europe/London' })
  timezone: string;
  @ApiProperty({ type: [MeetingDto] })
  meetings: MeetingDto[];
}
