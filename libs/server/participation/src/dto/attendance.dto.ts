import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTENDANCE_MODES,
  ATTENDANCE_STATUSES,
  AttendanceMode,
  AttendanceStatus,
  BOOKING_STATUSES,
  BookingStatus,
  MEETING_STATUSES,
  MeetingStatus,
} from '@roundtable/domain';
import { Type } from 'class-transformer';
import { namedEnum, OptionalNotNull } from '@roundtable/server-core';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUUID, ValidateNested } from 'class-validator';

export class RosterPersonDto {
  @ApiProperty({ format: 'uuid', description: 'The person' })
  userId: string;
  @ApiProperty({ example: 'Morag Fraser', description: 'Their name' })
  name: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Their firm' })
  firmId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Highland Joinery Ltd', description: 'Their firm’s name' })
  firmName: string | null;
  @ApiPropertyOptional({
    ...namedEnum(BOOKING_STATUSES, 'BookingStatus'),
    nullable: true,
    example: 'confirmed',
    description: 'Their latest booking for this meeting (a cancelled one too); null if they never booked',
  })
  bookingStatus: BookingStatus | null;
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_STATUSES, 'AttendanceStatus'),
    nullable: true,
    example: 'present',
    description: 'Attendance, once taken',
  })
  attendanceStatus: AttendanceStatus | null;
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_MODES, 'AttendanceMode'),
    nullable: true,
    example: null,
    description: 'How they took part (hybrid only)',
  })
  attendanceMode: AttendanceMode | null;
}

export class AttendanceRecordInputDto {
  @ApiProperty({ format: 'uuid', description: 'A person on the meeting’s roster' })
  @IsUUID()
  userId: string;

  @ApiProperty({
    ...namedEnum(ATTENDANCE_STATUSES, 'AttendanceStatus'),
    example: 'present',
    description: 'Whether and how they came',
  })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_MODES, 'AttendanceMode'),
    example: 'online',
    description: 'Hybrid meetings only, and there required for present and late; refused otherwise',
  })
  @OptionalNotNull()
  @IsIn(ATTENDANCE_MODES)
  mode?: AttendanceMode;
}

export class RecordAttendanceDto {
  @ApiProperty({
    type: [AttendanceRecordInputDto],
    minItems: 1,
    maxItems: 200,
    description: 'One entry per person, each person at most once. People not listed keep what they have.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique((r: AttendanceRecordInputDto | undefined) => r?.userId, { message: 'records must name each userId only once' })
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordInputDto)
  records: AttendanceRecordInputDto[];
}

export class AttendanceRevisionDto {
  @ApiProperty({
    ...namedEnum(ATTENDANCE_STATUSES, 'AttendanceStatus'),
    example: 'late',
    description: 'Status set by this change',
  })
  status: AttendanceStatus;
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_MODES, 'AttendanceMode'),
    nullable: true,
    example: null,
    description: 'Mode set by this change',
  })
  mode: AttendanceMode | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Who made the change' })
  changedById: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Iain Ross', description: 'Their name' })
  changedByName: string | null;
  @ApiProperty({ format: 'date-time', example: '2027-03-02T10:05:00.000Z', description: 'When' })
  changedAt: string;
}

export class AttendanceDto {
  @ApiProperty({ format: 'uuid', description: 'The person' })
  userId: string;
  @ApiProperty({ example: 'Morag Fraser', description: 'Their name' })
  name: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Highland Joinery Ltd', description: 'Their firm’s name' })
  firmName: string | null;
  @ApiProperty({ ...namedEnum(ATTENDANCE_STATUSES, 'AttendanceStatus'), example: 'present', description: 'Current status' })
  status: AttendanceStatus;
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_MODES, 'AttendanceMode'),
    nullable: true,
    example: 'in_person',
    description: 'Current mode (hybrid only)',
  })
  mode: AttendanceMode | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Who recorded the current value' })
  recordedById: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Iain Ross', description: 'Their name' })
  recordedByName: string | null;
  @ApiProperty({ format: 'date-time', example: '2027-03-02T10:05:00.000Z', description: 'When the current value was recorded' })
  recordedAt: string;
  @ApiProperty({ type: [AttendanceRevisionDto], description: 'Every change, oldest first' })
  history: AttendanceRevisionDto[];
}

export class AttendanceSheetDto {
  @ApiProperty({ format: 'uuid', description: 'The meeting' })
  meetingId: string;
  @ApiProperty({
    ...namedEnum(MEETING_STATUSES, 'MeetingStatus'),
    example: 'completed',
    description: 'Taking attendance completes a scheduled meeting',
  })
  meetingStatus: MeetingStatus;
  @ApiProperty({ type: [AttendanceDto], description: 'Everyone recorded so far, by firm and name' })
  records: AttendanceDto[];
}

export class MyAttendanceDto {
  @ApiProperty({ format: 'uuid', description: 'The meeting' })
  meetingId: string;
  @ApiProperty({ format: 'uuid', description: 'You' })
  userId: string;
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_STATUSES, 'AttendanceStatus'),
    nullable: true,
    example: 'present',
    description: 'Null until the facilitator takes attendance',
  })
  status: AttendanceStatus | null;
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_MODES, 'AttendanceMode'),
    nullable: true,
    example: null,
    description: 'How you took part (hybrid only)',
  })
  mode: AttendanceMode | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    example: '2027-03-02T10:05:00.000Z',
    description: 'When it was recorded',
  })
  recordedAt: string | null;
}
