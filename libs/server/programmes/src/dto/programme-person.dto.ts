import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INVITABLE_ROLES, InvitableRole, USER_STATUSES, UserStatus } from '@roundtable/domain';
import { namedEnum, PageQueryDto } from '@roundtable/server-core';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** The roles a person holds within a programme: the ones people are invited into. */
export const PROGRAMME_ROLES = INVITABLE_ROLES;
export type ProgrammeRole = InvitableRole;

export class ProgrammePeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    ...namedEnum(PROGRAMME_ROLES, 'ProgrammeRole'),
    description: 'Only people holding this role in the programme (facilitator: the people to choose from when assigning one)',
    example: 'facilitator',
  })
  @IsOptional()
  @IsIn(PROGRAMME_ROLES)
  role?: ProgrammeRole;

  @ApiPropertyOptional({ description: 'Case-insensitive search in the name and the email', example: 'fraser' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string;
}

export class ProgrammePersonDto {
  @ApiProperty({ format: 'uuid', description: 'The person’s user id' })
  id: string;
  @ApiProperty({ description: 'Their name', example: 'Morag Fraser' })
  name: string;
  @ApiProperty({ description: 'Their email', example: 'morag@highland-joinery.co.uk' })
  email: string;
  @ApiProperty({ ...namedEnum(USER_STATUSES, 'UserStatus'), description: 'The account’s status', example: 'active' })
  status: UserStatus;
  @ApiProperty({
    ...namedEnum(PROGRAMME_ROLES, 'ProgrammeRole'),
    isArray: true,
    description:
      'Every role they hold in this programme: programme_manager, facilitator (of a group, or in the programme’s ' +
      'pool: recruited without a group, then facilitatedGroupIds is empty), member (a person of a firm)',
    example: ['facilitator'],
  })
  roles: ProgrammeRole[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Their firm, for a member; null for staff' })
  firmId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Their firm’s name', example: 'Highland Joinery Ltd' })
  firmName: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    description: 'The programme’s groups they facilitate',
  })
  facilitatedGroupIds: string[];
}
