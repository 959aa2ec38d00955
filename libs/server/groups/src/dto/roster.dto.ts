import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '@roundtable/domain';
import { namedEnum } from '@roundtable/server-core';
import { IsIn, IsOptional } from 'class-validator';
import { FirmSummaryDto, PersonDto } from './firm-summary.dto';

export const ROSTER_FILTERS = [...MEMBERSHIP_STATUSES, 'all'] as const;
export type RosterFilter = (typeof ROSTER_FILTERS)[number];

export class RosterQueryDto {
  @ApiPropertyOptional({
    ...namedEnum(ROSTER_FILTERS, 'RosterFilter', { default: 'active' }),
    description: 'Which memberships to list; anything but active (the history) is for the group’s staff only',
  })
  @IsOptional()
  @IsIn(ROSTER_FILTERS)
  status: RosterFilter = 'active';
}

export class RosterEntryDto {
  @ApiProperty({ format: 'uuid', description: 'Membership id' })
  membershipId: string;
  @ApiProperty({ type: FirmSummaryDto, description: 'The member firm' })
  firm: FirmSummaryDto;
  @ApiProperty({ type: [PersonDto], description: 'The firm’s people' })
  people: PersonDto[];
  @ApiProperty({ ...namedEnum(MEMBERSHIP_STATUSES, 'MembershipStatus'), description: 'Membership status', example: 'active' })
  status: MembershipStatus;
  @ApiProperty({ description: 'When the firm joined the group', example: '2027-02-01T10:00:00.000Z' })
  joinedAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'When the membership ended', example: null })
  endedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it ended', example: null })
  endReason: string | null;
}
