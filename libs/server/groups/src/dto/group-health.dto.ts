import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { namedEnum } from '@roundtable/server-core';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The most held sessions one health answer looks back over. */
export const GROUP_HEALTH_MAX_SESSIONS = 24;

/** What a missed session shows for someone: apologies sent, a no-show, or (null) no record at all. */
export const MISSED_ATTENDANCE_STATUSES = ['apologies', 'no_show'] as const;
export type MissedAttendanceStatus = (typeof MISSED_ATTENDANCE_STATUSES)[number];

export class GroupHealthQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    default: 6,
    minimum: 1,
    maximum: GROUP_HEALTH_MAX_SESSIONS,
    example: 6,
    description: 'How many of the most recent held sessions to show',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(GROUP_HEALTH_MAX_SESSIONS)
  sessions = 6;
}

export class HeldSessionDto {
  @ApiProperty({ format: 'uuid', description: 'The meeting' })
  meetingId: string;
  @ApiProperty({ description: 'The meeting’s title', example: 'March session: pricing and digital sales' })
  title: string;
  @ApiProperty({ format: 'date-time', description: 'When it started (UTC)', example: '2027-03-02T09:30:00.000Z' })
  startsAt: string;
  @ApiProperty({ description: 'Confirmed bookings when attendance was taken', example: 9 })
  confirmedCount: number;
  @ApiProperty({ description: 'Of those confirmed bookings, how many came (present or late)', example: 7 })
  attendedConfirmedCount: number;
  @ApiProperty({ description: 'Everyone recorded present or late, booked or not', example: 8 })
  attendedCount: number;
  @ApiProperty({ description: 'People recorded as having sent apologies', example: 1 })
  apologiesCount: number;
  @ApiProperty({ description: 'People recorded as no-shows', example: 1 })
  noShowCount: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    example: 0.778,
    description:
      'attendedConfirmedCount over confirmedCount (0–1, three decimals): how many of those who booked came; null without confirmed bookings',
  })
  attendanceRate: number | null;
}

export class MissedSessionDto {
  @ApiProperty({ format: 'uuid', description: 'The held session they missed' })
  meetingId: string;
  @ApiProperty({ format: 'date-time', description: 'When it started (UTC)', example: '2027-03-02T09:30:00.000Z' })
  startsAt: string;
  @ApiProperty({
    ...namedEnum(MISSED_ATTENDANCE_STATUSES, 'MissedAttendanceStatus'),
    nullable: true,
    description: 'What was recorded for them: apologies, no_show, or null when they were not on the sheet at all',
    example: 'no_show',
  })
  status: MissedAttendanceStatus | null;
}

export class DriftingMemberDto {
  @ApiProperty({ format: 'uuid', description: 'The person' })
  userId: string;
  @ApiProperty({ description: 'Their name', example: 'Morag Fraser' })
  name: string;
  @ApiProperty({ format: 'uuid', description: 'Their firm' })
  firmId: string;
  @ApiProperty({ description: 'Their firm’s name', example: 'Highland Joinery Ltd' })
  firmName: string;
  @ApiProperty({ type: [MissedSessionDto], description: 'The last two held sessions, newest first' })
  missed: MissedSessionDto[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the last session of this group they came to started; null if they never came',
    example: '2027-01-05T09:30:00.000Z',
  })
  lastAttendedAt: string | null;
}

export class GroupHealthDto {
  @ApiProperty({ format: 'uuid', description: 'The group' })
  groupId: string;
  @ApiProperty({
    type: [HeldSessionDto],
    description: 'The most recent held sessions (attendance taken, so status completed), oldest first: the attendance trend',
  })
  sessions: HeldSessionDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    example: 0.81,
    description: 'Over those sessions together: attended confirmed bookings over confirmed bookings; null without any',
  })
  attendanceRate: number | null;
  @ApiProperty({
    type: [DriftingMemberDto],
    description:
      'People of current member firms who came to neither of the last two held sessions (apologies, no-show or not recorded), ' +
      'counting only firms that were already members when the earlier of the two started; empty until two sessions are held',
  })
  missedLastTwo: DriftingMemberDto[];
}
