import { INVITABLE_ROLES, InvitableRole } from '@roundtable/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NotBlank, OptionalNotNull } from '@roundtable/server-core';
import { IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength, registerDecorator, ValidateIf } from 'class-validator';
import { IsTimeZone } from './validators';

/** Needed with `role`, refused with any other role: an id the invitation would ignore is a mistake. */
function ForRole(role: InvitableRole) {
  return (target: object, propertyName: string) => {
    ValidateIf((o: CreateInvitationDto, value: unknown) => o.role === role || value !== undefined)(target, propertyName);
    registerDecorator({
      name: 'forRole',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} goes only with role ${role}` },
      validator: { validate: (_value: unknown, args) => (args?.object as CreateInvitationDto).role === role },
    });
  };
}

export class CreateInvitationDto {
  @ApiProperty({ example: 'owner@highland-joinery.co.uk' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Morag Fraser' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  name: string;

  @ApiProperty({
    enum: INVITABLE_ROLES,
    description:
      'programme_manager needs programmeId; facilitator needs groupId; member needs firmId (and each role takes only its own id)',
  })
  @IsIn(INVITABLE_ROLES)
  role: InvitableRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'The programme' })
  @ForRole('programme_manager')
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The peer group' })
  @ForRole('facilitator')
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The firm' })
  @ForRole('member')
  @IsUUID()
  firmId?: string;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;
}

export class InvitationResultDto {
  @ApiProperty({ format: 'uuid', description: 'The invited person’s account' })
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
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When it expires' })
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
