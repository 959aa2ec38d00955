import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GROUP_CAPACITY_MAX,
  GROUP_CAPACITY_MIN,
  GROUP_FORMATS,
  GROUP_STATUSES,
  GroupFormat,
  GroupStatus,
} from '@roundtable/domain';
import { namedEnum, NotBlank, OptionalNotNull, PageQueryDto } from '@roundtable/server-core';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';

const MEETING_LINK = { protocols: ['https', 'http'], require_protocol: true };

export class CreateGroupDto {
  @ApiProperty({ description: 'Unique within the programme', example: 'Inverness Digital Leaders' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @NotBlank()
  name: string;

  @ApiPropertyOptional({ description: 'What the group works on', example: 'Adopting cloud accounting and e-commerce' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  theme?: string;

  @ApiProperty({ ...namedEnum(GROUP_FORMATS, 'GroupFormat'), description: 'How the group meets', example: 'hybrid' })
  @IsIn(GROUP_FORMATS)
  format: GroupFormat;

  @ApiProperty({
    description: 'Most firms the group takes',
    minimum: GROUP_CAPACITY_MIN,
    maximum: GROUP_CAPACITY_MAX,
    example: 10,
  })
  @IsInt()
  @Min(GROUP_CAPACITY_MIN)
  @Max(GROUP_CAPACITY_MAX)
  capacity: number;

  @ApiPropertyOptional({
    ...namedEnum(GROUP_STATUSES, 'GroupStatus', { default: 'forming' }),
    description: 'Lifecycle of the group',
    example: 'forming',
  })
  @OptionalNotNull()
  @IsIn(GROUP_STATUSES)
  status?: GroupStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Where in-person sessions are held unless a session says otherwise',
    example: 'Inverness Campus, Inverness IV2 5NA',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  defaultVenue?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Video-call link for online sessions unless a session says otherwise',
    example: 'https://meet.example.org/inverness-digital',
  })
  @IsOptional()
  @IsUrl(MEETING_LINK)
  @MaxLength(500)
  defaultMeetingLink?: string | null;
}

/** Every field optional; name, theme, format, capacity and status may not be null. */
export class UpdateGroupDto {
  @ApiPropertyOptional({ description: 'Managers only. Unique within the programme', example: 'Inverness Digital Leaders' })
  @OptionalNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @NotBlank()
  name?: string;

  @ApiPropertyOptional({ description: 'Managers and the group’s facilitators', example: 'Cyber security basics' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  theme?: string;

  @ApiPropertyOptional({ ...namedEnum(GROUP_FORMATS, 'GroupFormat'), description: 'Managers only', example: 'online' })
  @OptionalNotNull()
  @IsIn(GROUP_FORMATS)
  format?: GroupFormat;

  @ApiPropertyOptional({
    description: 'Managers only; never below the active member count (409 capacity_below_members)',
    minimum: GROUP_CAPACITY_MIN,
    maximum: GROUP_CAPACITY_MAX,
    example: 12,
  })
  @OptionalNotNull()
  @IsInt()
  @Min(GROUP_CAPACITY_MIN)
  @Max(GROUP_CAPACITY_MAX)
  capacity?: number;

  @ApiPropertyOptional({ ...namedEnum(GROUP_STATUSES, 'GroupStatus'), description: 'Managers only', example: 'active' })
  @OptionalNotNull()
  @IsIn(GROUP_STATUSES)
  status?: GroupStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Managers and the group’s facilitators; null clears it',
    example: 'Inverness Campus, Inverness IV2 5NA',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  defaultVenue?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Managers and the group’s facilitators; null clears it',
    example: 'https://meet.example.org/inverness-digital',
  })
  @IsOptional()
  @IsUrl(MEETING_LINK)
  @MaxLength(500)
  defaultMeetingLink?: string | null;
}

export class GroupFacilitatorDto {
  @ApiProperty({ format: 'uuid', description: 'The facilitator’s user id' })
  userId: string;
  @ApiProperty({ description: 'The facilitator’s name', example: 'Morag Fraser' })
  name: string;
}

export class GroupDto {
  @ApiProperty({ format: 'uuid', description: 'Group id' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The programme the group belongs to' })
  programmeId: string;
  @ApiProperty({ description: 'Group name', example: 'Inverness Digital Leaders' })
  name: string;
  @ApiProperty({ description: 'What the group works on', example: 'Adopting cloud accounting and e-commerce' })
  theme: string;
  @ApiProperty({ ...namedEnum(GROUP_FORMATS, 'GroupFormat'), description: 'How the group meets', example: 'hybrid' })
  format: GroupFormat;
  @ApiProperty({ description: 'Most firms the group takes', example: 10 })
  capacity: number;
  @ApiProperty({
    ...namedEnum(GROUP_STATUSES, 'GroupStatus'),
    description: 'forming and active groups take applications',
    example: 'forming',
  })
  status: GroupStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Default venue', example: 'Inverness Campus, Inverness IV2 5NA' })
  defaultVenue: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Default video-call link: shown only to the group’s facilitators, the programme’s managers and people of current member firms (null for others)',
    example: 'https://meet.example.org/inverness-digital',
  })
  defaultMeetingLink: string | null;
  @ApiProperty({ description: 'Firms currently in the group (the roster itself is not shown here)', example: 7 })
  activeMemberCount: number;
  @ApiProperty({ type: [GroupFacilitatorDto], description: 'Who facilitates the group' })
  facilitators: GroupFacilitatorDto[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the group’s next scheduled session starts (UTC); null when none is planned',
    example: '2027-03-02T09:30:00.000Z',
  })
  nextMeetingStartsAt: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The next scheduled session, for those who may open it: the group’s facilitators, the programme’s managers and people of current member firms (null for others, and when none is planned)',
  })
  nextMeetingId: string | null;
  @ApiProperty({ description: 'When the group was created', example: '2027-01-10T09:00:00.000Z' })
  createdAt: Date;
  @ApiProperty({ description: 'When the group last changed', example: '2027-01-12T09:00:00.000Z' })
  updatedAt: Date;
}

export const GROUP_SORTS = ['name', 'createdAt', 'capacity'] as const;

export class GroupQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    ...namedEnum(GROUP_STATUSES, 'GroupStatus'),
    description: 'Only groups in this status',
    example: 'forming',
  })
  @IsOptional()
  @IsIn(GROUP_STATUSES)
  status?: GroupStatus;

  @ApiPropertyOptional({ ...namedEnum(GROUP_SORTS, 'GroupSort', { default: 'name' }), description: 'Sort key' })
  @IsOptional()
  @IsIn(GROUP_SORTS)
  sort: (typeof GROUP_SORTS)[number] = 'name';
}
