import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTENDANCE_MODES, AttendanceMode, BOOKING_STATUSES, BookingStatus } from '@roundtable/domain';
import { namedEnum, OptionalNotNull, PageQueryDto, SORT_ORDERS, SortOrder } from '@roundtable/server-core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateBookingDto {
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_MODES, 'AttendanceMode'),
    description: 'For a hybrid session: how you plan to join',
  })
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
  @ApiProperty({ ...namedEnum(BOOKING_STATUSES, 'BookingStatus'), description: 'Current status' })
  status: BookingStatus;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 4,
    description: 'Place on the waitlist, from 1 (waitlisted only)',
  })
  position: number | null;
  @ApiPropertyOptional({
    ...namedEnum(ATTENDANCE_MODES, 'AttendanceMode'),
    nullable: true,
    description: 'For a hybrid session: how they plan to join',
  })
  mode: AttendanceMode | null;
  @ApiProperty({ format: 'date-time', description: 'When it was created' })
  createdAt: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When a waitlisted booking was given a freed seat',
  })
  promotedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When it was cancelled' })
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
    ...namedEnum(SORT_ORDERS, 'SortOrder', { default: 'asc' }),
  })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  override order: SortOrder = 'asc';

  @ApiPropertyOptional({ description: 'Case-insensitive search in the person’s name', example: 'fraser' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string;
}
