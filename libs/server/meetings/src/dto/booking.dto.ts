import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTENDANCE_MODES, AttendanceMode, BOOKING_STATUSES, BookingStatus } from '@roundtable/domain';
import { OptionalNotNull, PageQueryDto } from '@roundtable/server-core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

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

export class RosterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Include cancelled bookings, after the waitlist' })
  @IsOptional()
  // Exactly "true" or "false"; anything else stays as it came and fails IsBoolean.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeCancelled = false;

  @ApiPropertyOptional({
    description: 'Roster order: confirmed seats, then the waitlist in turn, then cancelled bookings; desc reverses it',
    enum: ['asc', 'desc'],
    default: 'asc',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  override order: 'asc' | 'desc' = 'asc';

  @ApiPropertyOptional({ description: 'Case-insensitive search in the person’s name', example: 'fraser' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string;
}
