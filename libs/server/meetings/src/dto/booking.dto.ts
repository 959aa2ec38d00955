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
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  meetingId: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ enum: BOOKING_STATUSES })
  status: BookingStatus;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 4,
    description: 'Place on the waitlist, from 1 (waitlisted only)',
  })
  position: number | null;
  @ApiPropertyOptional({ enum: ATTENDANCE_MODES, nullable: true })
  mode: AttendanceMode | null;
  @ApiProperty()
  createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  promotedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  cancelledAt: string | null;
}

export class RosterBookingDto extends BookingDto {
  @ApiProperty({ example: 'Morag Fraser' })
  userName: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Highland Joinery Ltd' })
  firmName: string | null;
}
