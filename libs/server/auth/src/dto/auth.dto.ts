import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNED_ROLES } from '@roundtable/domain';
import { IsTimeZone, namedEnum, NotBlank, OptionalNotNull } from '@roundtable/server-core';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'pm@demo.roundtable.local' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'roundtable-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'old-password-here' })
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ example: 'a-longer-new-passphrase', minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}

export class RoleDto {
  @ApiProperty({ ...namedEnum(ASSIGNED_ROLES, 'Role'), description: 'The role held' })
  role: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', type: String, description: 'The programme' })
  programmeId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', type: String, description: 'The peer group' })
  groupId: string | null;
}

export class MeDto {
  @ApiProperty({ format: 'uuid', description: 'The user’s id' })
  id: string;
  @ApiProperty({ example: 'ailsa@example.co.uk' })
  email: string;
  @ApiProperty({ example: 'Ailsa Grant' })
  name: string;
  @ApiProperty({ example: 'Europe/London' })
  timezone: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Set when the user is a person of a firm (a member)',
  })
  firmId: string | null;
  @ApiProperty({ type: [RoleDto] })
  roles: RoleDto[];
}

export class SessionDto {
  @ApiProperty({
    description:
      'Session token: also set as the httpOnly rt_session cookie. Send as `Authorization: Bearer <token>` from non-browser clients.',
  })
  token: string;
  @ApiProperty({ description: 'When it expires' })
  expiresAt: Date;
  @ApiProperty({ type: MeDto })
  user: MeDto;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ailsa Grant' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA time zone' })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;
}
