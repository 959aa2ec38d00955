import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTENDANCE_MODES, AttendanceMode, BOOKING_STATUSES, BookingStatus } from '@roundtable/domain';
import { OptionalNotNull } from '@roundtable/server-core';
import { IsIn } from 'class-validator';

export class CreateBookingDto {
  @ApiPropertyOptional({ enum: ATTENDANCE_MODES, description: 'For a hybrid session: how you plan to join' })
  @OptionalNotNull()
  @IsIn(ATTENDANCE_MODES)
  mode?: AttendanceMode;
}

export class BookingDto {
  @ApiProperty({ format: 'uuid', description: 'The booking’s id' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The meeting' })
  meetingId: string;
  @ApiProperty({ format: 'uuid', description: 'The person' })
  userId: string;
  @ApiProperty({ enum: BOOKING_STATUSES, description: 'Current status' })
  status: BookingStatus;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 4,
    description: 'Place on the waitlist, from 1 (waitlisted only)',
  })
  position: number | null;
  @ApiPropertyOptional({ enum: ATTENDANCE_MODES, nullable: true, description: 'In person, online or hybrid' })
  mode: AttendanceMode | null;
  @ApiProperty({ description: 'When it was created' })
  createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When a waitlisted booking was given a freed seat' })
  promotedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When it was cancelled' })
  cancelledAt: string | null;
}

export class RosterBookingDto extends BookingDto {
  @ApiProperty({ example: 'Morag Fraser' })
  userName: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Highland Joinery Ltd' })
  firmName: string | null;
}
