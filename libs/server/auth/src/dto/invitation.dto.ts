import { INVITABLE_ROLES, InvitableRole } from '@roundtable/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimeZone, NotBlank, OptionalNotNull } from '@roundtable/server-core';
import { IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength, registerDecorator, ValidateIf } from 'class-validator';

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

/** Invitations not yet accepted nor withdrawn: live, or past their expiry (inviting again renews them). */
export const INVITATION_STATUSES = ['pending', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as its inviters see it. The same for an email with an account and one without. */
export class InvitationDto {
  @ApiProperty({ format: 'uuid', description: 'The invitation' })
  id: string;
  @ApiProperty({ example: 'owner@highland-joinery.co.uk', description: 'Where the link goes' })
  email: string;
  @ApiProperty({ example: 'Morag Fraser', description: 'The name the account gets if the person has none yet' })
  name: string;
  @ApiProperty({ enum: INVITABLE_ROLES, description: 'What accepting grants' })
  role: InvitableRole;
  @ApiProperty({ format: 'uuid', description: 'The programme the grant is in' })
  programmeId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The group, for a facilitator' })
  groupId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The firm, for a member' })
  firmId: string | null;
  @ApiProperty({
    enum: INVITATION_STATUSES,
    example: 'pending',
    description: 'pending while the link works; expired once it does not (resending or inviting again renews it)',
  })
  status: InvitationStatus;
  @ApiProperty({ description: 'When the link stops working' })
  expiresAt: Date;
  @ApiProperty({ description: 'When it was made or last renewed' })
  createdAt: Date;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the set-password link in the invitation email' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    minLength: 10,
    maxLength: 200,
    example: 'a-long-passphrase',
    description: 'A new password; or, when the email already has an account, that account’s password (it is not changed)',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}
