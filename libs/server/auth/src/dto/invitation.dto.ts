import { INVITABLE_ROLES, InvitableRole } from '@roundtable/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimeZone, namedEnum, NotBlank, OptionalNotNull, PageQueryDto } from '@roundtable/server-core';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
} from 'class-validator';

/**
 * Needed when `needed` says so, refused whenever `allowed` does not: an id the invitation would ignore is a mistake.
 * Without `allowed`, the id goes only where it is needed.
 */
function ForRole(
  needed: (o: CreateInvitationDto) => boolean,
  message: string,
  allowed: (o: CreateInvitationDto) => boolean = needed,
) {
  return (target: object, propertyName: string) => {
    ValidateIf((o: CreateInvitationDto, value: unknown) => needed(o) || value !== undefined)(target, propertyName);
    registerDecorator({
      name: 'forRole',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}` },
      validator: { validate: (_value: unknown, args) => allowed(args?.object as CreateInvitationDto) },
    });
  };
}

const isRole = (role: InvitableRole) => (o: CreateInvitationDto) => o.role === role;
/** A facilitator is invited into a group, or without one into the programme's pool (then the programme is named). */
const poolFacilitator = (o: CreateInvitationDto) => o.role === 'facilitator' && o.groupId === undefined;

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
    ...namedEnum(INVITABLE_ROLES, 'InvitableRole'),
    description:
      'programme_manager needs programmeId; facilitator needs groupId, or programmeId alone to recruit into the ' +
      'programme’s facilitator pool; member needs firmId (and each role takes only its own ids)',
  })
  @IsIn(INVITABLE_ROLES)
  role: InvitableRole;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The programme: for a programme_manager, or for a facilitator recruited into its pool (without groupId)',
  })
  @ForRole(
    (o) => isRole('programme_manager')(o) || poolFacilitator(o),
    'goes only with role programme_manager, or with role facilitator without groupId',
  )
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The peer group, for a facilitator; omit to recruit into the programme’s pool (give programmeId instead): a ' +
      'pool facilitator sees nothing of any group until a manager assigns them one',
  })
  @ForRole(() => false, 'goes only with role facilitator', isRole('facilitator'))
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The firm' })
  @ForRole(isRole('member'), 'goes only with role member')
  @IsUUID()
  firmId?: string;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;
}

export class InvitationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only invitations into this programme (404 when the programme is not one of yours)',
  })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive search in the name and the email', example: 'fraser' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string;
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
  @ApiProperty({ ...namedEnum(INVITABLE_ROLES, 'InvitableRole'), description: 'What accepting grants' })
  role: InvitableRole;
  @ApiProperty({ format: 'uuid', description: 'The programme the grant is in' })
  programmeId: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The group, for a facilitator; null for a facilitator recruited into the programme’s pool',
  })
  groupId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The firm, for a member' })
  firmId: string | null;
  @ApiProperty({
    ...namedEnum(INVITATION_STATUSES, 'InvitationStatus'),
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
