import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNED_ROLES, USER_STATUSES, UserStatus } from '@roundtable/domain';
import { namedEnum, PageQueryDto } from '@roundtable/server-core';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RoleDto } from './auth.dto';

/** The roles an account can be found by: the assigned ones, and member (a person of a firm). */
export const ACCOUNT_ROLES = [...ASSIGNED_ROLES, 'member'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export class AccountQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive search in the name and the email', example: 'fraser' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string;

  @ApiPropertyOptional({
    ...namedEnum(ACCOUNT_ROLES, 'AccountRole'),
    description: 'Only accounts holding this role anywhere (member: people of a firm)',
    example: 'programme_manager',
  })
  @IsOptional()
  @IsIn(ACCOUNT_ROLES)
  role?: AccountRole;
}

/** An account as admins see it: who it is, its firm and every role it holds. */
export class AccountDto {
  @ApiProperty({ format: 'uuid', description: 'The user’s id' })
  id: string;
  @ApiProperty({ description: 'Their email (lower case)', example: 'ailsa@example.co.uk' })
  email: string;
  @ApiProperty({ description: 'Their name', example: 'Ailsa Grant' })
  name: string;
  @ApiProperty({ ...namedEnum(USER_STATUSES, 'UserStatus'), description: 'Disabled accounts cannot sign in', example: 'active' })
  status: UserStatus;
  @ApiProperty({ description: 'Their IANA time zone', example: 'Europe/London' })
  timezone: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Their firm, for a person of a firm (a member)' })
  firmId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Their firm’s name', example: 'Highland Joinery Ltd' })
  firmName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The programme their firm belongs to' })
  firmProgrammeId: string | null;
  @ApiProperty({ type: [RoleDto], description: 'Every role assigned to them, oldest first (member is not assigned: see firmId)' })
  roles: RoleDto[];
  @ApiProperty({ format: 'date-time', description: 'When the account was created', example: '2027-01-10T09:00:00.000Z' })
  createdAt: string;
}
