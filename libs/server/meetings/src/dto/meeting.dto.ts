import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BOOKING_STATUSES,
  BookingStatus,
  EARLIEST_YEAR,
  EXPANSION_WINDOW_YEARS,
  LATEST_YEAR,
  LOCAL_DATE_TIME_PATTERN,
  MAX_DAYS_MOVED_INTO_PAST,
  MAX_LIVE_OPEN_SERIES_PER_PROGRAMME,
  MAX_LIVE_SERIES_PER_GROUP,
  MAX_START_YEARS_AHEAD,
  MAX_SERIES_OCCURRENCES,
  MEETING_MODES,
  MEETING_STATUSES,
  MeetingMode,
  MeetingStatus,
} from '@roundtable/domain';
import { IsTimeZone, localDateTime, namedEnum, NotBlank, OptionalNotNull } from '@roundtable/server-core';
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
  registerDecorator,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';

const LOCAL = LOCAL_DATE_TIME_PATTERN;
const LOCAL_MESSAGE = 'localStart must look like 2027-03-02T09:30 (hours 00–23)';

/** Which meetings of a series a change or a cancellation reaches. */
export const CHANGE_SCOPES = ['this', 'following'] as const;
export type ChangeScope = (typeof CHANGE_SCOPES)[number];

/** An instant in the years a meeting can have (a query for 0001 or +275760 is a typo). */
function IsInstantInYears(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstantInYears',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an instant in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`, ...options },
      validator: {
        validate: (value: unknown) => {
          const year = typeof value === 'string' ? new Date(value).getUTCFullYear() : NaN;
          return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
        },
      },
    });
}

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

  @ApiProperty({
    ...localDateTime(),
    example: '2027-03-02T09:30',
    description: `Local wall-clock start in \`timezone\` (no offset, hours 00–23). It must be in the future and at most ${MAX_START_YEARS_AHEAD} years ahead. A time that occurs twice when clocks go back is the first of the two; a time skipped when clocks go forward moves on by the gap (RFC 5545 3.3.5)`,
  })
  @Matches(LOCAL, { message: LOCAL_MESSAGE })
  localStart: string;

  @ApiPropertyOptional({
    example: 'Europe/London',
    description:
      'IANA zone known to both the server and the database, any case (stored canonically); defaults to the programme’s',
  })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiProperty({ example: 180, minimum: 15, maximum: 720 })
  @IsInt()
  @Min(15)
  @Max(720)
  durationMinutes: number;

  @ApiPropertyOptional({
    ...namedEnum(MEETING_MODES, 'MeetingMode'),
    description: 'Defaults to the group’s format (open events: in_person)',
  })
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
    description: `RFC 5545 RRULE: FREQ DAILY/WEEKLY/MONTHLY/YEARLY with COUNT (1–${MAX_SERIES_OCCURRENCES}) or UNTIL; INTERVAL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS and WKST may narrow it. Every occurrence must fall within ${EXPANSION_WINDOW_YEARS} years of localStart, and the first must be in the future. The time of day comes from localStart. A group may have at most ${MAX_LIVE_SERIES_PER_GROUP} live series (a programme ${MAX_LIVE_OPEN_SERIES_PER_PROGRAMME} of open events); a live series has a meeting still to come`,
  })
  @IsString()
  @MinLength(8)
  @MaxLength(500)
  rrule: string;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({
    ...namedEnum(CHANGE_SCOPES, 'ChangeScope', { default: 'this' }),
    description: 'Change this meeting only, or this and every later one in its series',
  })
  @OptionalNotNull()
  @IsIn(CHANGE_SCOPES)
  scope?: ChangeScope;

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
    ...localDateTime(),
    example: '2027-04-06T10:00',
    description: `New local start (hours 00–23): at most ${MAX_DAYS_MOVED_INTO_PAST} days in the past (to record when it really took place) and ${MAX_START_YEARS_AHEAD} years ahead. With scope=following, later meetings keep their own dates, shifted by the same number of days, at the new time of day`,
  })
  @OptionalNotNull()
  @Matches(LOCAL, { message: LOCAL_MESSAGE })
  localStart?: string;

  @ApiPropertyOptional({
    example: 'America/New_York',
    description:
      'New IANA zone. The meeting keeps its local wall-clock start (and with localStart, takes the new one) in the new zone, so 09:30 stays 09:30 and the UTC instant moves; with scope=following each later meeting keeps its own local start',
  })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 150 })
  @OptionalNotNull()
  @IsInt()
  @Min(15)
  @Max(720)
  durationMinutes?: number;

  @ApiPropertyOptional({ ...namedEnum(MEETING_MODES, 'MeetingMode'), description: 'In person, online or hybrid' })
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
    ...namedEnum(CHANGE_SCOPES, 'ChangeScope', { default: 'this' }),
    description: 'Cancel this meeting only, or it and every later one in its series',
  })
  @OptionalNotNull()
  @IsIn(CHANGE_SCOPES)
  scope?: ChangeScope;
}

export class MeetingRangeQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only meetings starting at or after this instant (default: all)',
    example: '2027-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  @IsInstantInYears()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only meetings starting before this instant',
    example: '2028-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  @IsInstantInYears()
  to?: string;

  @ApiPropertyOptional({ ...namedEnum(MEETING_STATUSES, 'MeetingStatus'), description: 'Only meetings in this status' })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional({
    type: 'integer',
    default: 100,
    minimum: 1,
    maximum: 500,
    description: 'At most this many meetings, earliest first',
  })
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
  @ApiProperty({ ...namedEnum(BOOKING_STATUSES, 'BookingStatus'), description: 'Current status' })
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
  @ApiProperty({ format: 'date-time', example: '2027-03-02T09:30:00.000Z', description: 'UTC instant' })
  startsAt: string;
  @ApiProperty({
    format: 'date-time',
    example: '2027-03-02T12:30:00.000Z',
    description: 'UTC instant: the start plus durationMinutes',
  })
  endsAt: string;
  @ApiProperty({ ...localDateTime(), example: '2027-03-02T09:30', description: 'Local wall-clock start in `timezone`' })
  localStart: string;
  @ApiProperty({ example: 'Europe/London' })
  timezone: string;
  @ApiProperty({ example: 180 })
  durationMinutes: number;
  @ApiProperty({ ...namedEnum(MEETING_MODES, 'MeetingMode'), description: 'In person, online or hybrid' })
  mode: MeetingMode;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Where the session is held' })
  venue: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The video-call link' })
  onlineLink: string | null;
  @ApiProperty({ example: 12 })
  capacity: number;
  @ApiProperty({ ...namedEnum(MEETING_STATUSES, 'MeetingStatus'), description: 'Current status' })
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
  @ApiProperty({
    ...localDateTime(),
    example: '2027-01-05T09:30',
    description: 'Local wall-clock start the rule counts from (DTSTART), in `timezone`',
  })
  localStart: string;
  @ApiProperty({ example: 'Europe/London' })
  timezone: string;
  @ApiProperty({ type: [MeetingDto] })
  meetings: MeetingDto[];
}
