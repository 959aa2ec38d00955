import { ApiProperty } from '@nestjs/swagger';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '@roundtable/domain';
import { namedEnum } from '@roundtable/server-core';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class EndMembershipDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    description: 'Why the membership ends; kept with the history',
    example: 'Moving to the Aberdeen group',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid', description: 'Membership id' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The group' })
  groupId: string;
  @ApiProperty({ description: 'The group’s name', example: 'Inverness Digital Leaders' })
  groupName: string;
  @ApiProperty({ format: 'uuid', description: 'The member firm' })
  firmId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The approved application that started it' })
  applicationId: string | null;
  @ApiProperty({
    ...namedEnum(MEMBERSHIP_STATUSES, 'MembershipStatus'),
    description: 'active, or how it ended',
    example: 'active',
  })
  status: MembershipStatus;
  @ApiProperty({ description: 'When the firm joined', example: '2027-02-01T10:00:00.000Z' })
  joinedAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'When it ended', example: null })
  endedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it ended', example: null })
  endReason: string | null;
}
