import { ApiProperty } from '@nestjs/swagger';

export class GroupStatusCountsDto {
  @ApiProperty({ description: 'Groups still forming', example: 2 })
  forming: number;
  @ApiProperty({ description: 'Groups meeting now', example: 5 })
  active: number;
  @ApiProperty({ description: 'Groups that have closed', example: 1 })
  closed: number;
  @ApiProperty({ description: 'All the programme’s groups', example: 8 })
  total: number;
}

export class ProgrammeOverviewDto {
  @ApiProperty({ format: 'uuid', description: 'The programme' })
  programmeId: string;
  @ApiProperty({ type: GroupStatusCountsDto, description: 'The programme’s peer groups, by status' })
  groups: GroupStatusCountsDto;
  @ApiProperty({ description: 'Firms in the programme', example: 64 })
  firms: number;
  @ApiProperty({ description: 'Of those, firms currently a member of at least one group', example: 51 })
  firmsInGroups: number;
  @ApiProperty({ description: 'People who facilitate at least one of the programme’s groups', example: 4 })
  facilitators: number;
  @ApiProperty({ description: 'Scheduled group sessions starting from now until upcomingUntil', example: 6 })
  upcomingGroupSessions: number;
  @ApiProperty({ description: 'Scheduled programme-wide open events starting from now until upcomingUntil', example: 1 })
  upcomingOpenEvents: number;
  @ApiProperty({
    format: 'date-time',
    description: 'The end of the upcoming window: 30 days from now',
    example: '2027-04-01T09:00:00.000Z',
  })
  upcomingUntil: string;
}
