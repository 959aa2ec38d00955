import { INVITABLE_ROLES, InvitableRole } from '@roundtable/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsTimeZone } from './validators';

export class CreateInvitationDto {
  @ApiProperty({ example: 'owner@highland-joinery.co.uk' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Morag Fraser' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: INVITABLE_ROLES,
    description: 'programme_manager needs programmeId; facilitator needs groupId; member needs firmId',
  })
  @IsIn(INVITABLE_ROLES)
  role: InvitableRole;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: CreateInvitationDto) => o.role === 'programme_manager')
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: CreateInvitationDto) => o.role === 'facilitator')
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: CreateInvitationDto) => o.role === 'member')
  @IsUUID()
  firmId?: string;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}

export class InvitationResultDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ example: 'owner@highland-joinery.co.uk' })
  email: string;
  @ApiProperty({
    description:
      'True when the role was added to an existing account without a new link: the account is active, or its pending ' +
      'invitation carries roles the inviter could not grant (the person keeps using their own earlier link).',
  })
  existingAccount: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Single-use link to set a password. Returned to the inviter until the worker emails it.',
    example: 'http://localhost:3000/set-password?token=abc',
  })
  setPasswordUrl: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date })
  expiresAt: Date | null;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the set-password link' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'a-long-passphrase' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}
