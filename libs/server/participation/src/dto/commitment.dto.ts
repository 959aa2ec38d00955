import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMMITMENT_STATUSES,
  COMMITMENT_THEMES,
  CommitmentStatus,
  CommitmentTheme,
  DUE_DATE_YEARS_AHEAD,
  DUE_DATE_YEARS_BEFORE,
  dueDateOutOfRange,
} from '@roundtable/domain';
import { namedEnum, NotBlank, OptionalNotNull, PageQueryDto, SORT_ORDERS, SortOrder } from '@roundtable/server-core';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'dueDate must be a real date like 2027-04-30';
const DUE_RANGE = `within ${DUE_DATE_YEARS_BEFORE} year before and ${DUE_DATE_YEARS_AHEAD} years after today`;

/** A due date near enough to today to be a plan (9999-12-31 is not). */
function DueDateInRange() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'dueDateInRange',
      target: target.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} ${dueDateOutOfRange(String(args.value), new Date()) ?? `must be ${DUE_RANGE}`}`,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && dueDateOutOfRange(value, new Date()) === null },
    });
}

export class CreateCommitmentDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Who commits: omit (or send your own id) for yourself; the meeting’s staff may name anyone on its roster',
  })
  @OptionalNotNull()
  @IsUUID()
  userId?: string;

  @ApiProperty({ example: 'Move invoicing to Xero and stop paper invoices', minLength: 1, maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @NotBlank()
  text: string;

  @ApiPropertyOptional({
    ...namedEnum(COMMITMENT_THEMES, 'CommitmentTheme'),
    example: 'digital_adoption',
    description: 'For impact reporting',
  })
  @OptionalNotNull()
  @IsIn(COMMITMENT_THEMES)
  theme?: CommitmentTheme;

  @ApiPropertyOptional({ format: 'date', example: '2027-04-30', description: `Target date (YYYY-MM-DD), ${DUE_RANGE}` })
  @OptionalNotNull()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  @DueDateInRange()
  dueDate?: string;
}

export class UpdateCommitmentDto {
  @ApiPropertyOptional({
    ...namedEnum(COMMITMENT_STATUSES, 'CommitmentStatus'),
    example: 'done',
    description: 'Progress; every change is kept in the history',
  })
  @OptionalNotNull()
  @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 2000,
    example: 'Live since March; invoices now go out the same day',
    description: 'What came of it; null clears it. Every change is kept in the history',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  outcome?: string | null;

  @ApiPropertyOptional({ example: 'Move invoicing and payroll to Xero', minLength: 1, maxLength: 1000 })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @NotBlank()
  text?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date',
    example: '2027-05-31',
    description: `YYYY-MM-DD, ${DUE_RANGE}; null clears it`,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  @DueDateInRange()
  dueDate?: string | null;

  @ApiPropertyOptional({
    ...namedEnum(COMMITMENT_THEMES, 'CommitmentTheme'),
    nullable: true,
    example: 'finance',
    description: 'null clears it',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(COMMITMENT_THEMES)
  theme?: CommitmentTheme | null;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The session it is being reviewed at: a meeting of the same group (open-event commitments: of the same programme). Sets reviewedAt',
  })
  @OptionalNotNull()
  @IsUUID()
  reviewedMeetingId?: string;
}

export class MyCommitmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    ...namedEnum(COMMITMENT_STATUSES, 'CommitmentStatus'),
    example: 'open',
    description: 'Only commitments with this status',
  })
  @IsOptional()
  @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @ApiPropertyOptional({ ...namedEnum(SORT_ORDERS, 'SortOrder', { default: 'desc' }), description: 'By creation time' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  override order: SortOrder = 'desc';

  @ApiPropertyOptional({ description: 'Case-insensitive search in the commitment’s text', example: 'invoic' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string;
}

export class CommitmentMeetingDto {
  @ApiProperty({ format: 'uuid', description: 'The meeting' })
  id: string;
  @ApiProperty({ example: 'March session', description: 'Its title' })
  title: string;
  @ApiProperty({ format: 'date-time', example: '2027-03-02T09:30:00.000Z', description: 'Its start (UTC)' })
  startsAt: string;
}

export class CommitmentDto {
  @ApiProperty({ format: 'uuid', description: 'The commitment' })
  id: string;
  @ApiProperty({ type: CommitmentMeetingDto, description: 'The meeting it was made at' })
  meeting: CommitmentMeetingDto;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'That meeting’s group; null for an open event',
  })
  groupId: string | null;
  @ApiProperty({ format: 'uuid', description: 'That meeting’s programme' })
  programmeId: string;
  @ApiProperty({ format: 'uuid', description: 'The member who committed' })
  userId: string;
  @ApiProperty({ example: 'Morag Fraser', description: 'Their name' })
  userName: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Highland Joinery Ltd', description: 'Their firm’s name' })
  firmName: string | null;
  @ApiProperty({ example: 'Move invoicing to Xero and stop paper invoices', description: 'The action' })
  text: string;
  @ApiPropertyOptional({
    ...namedEnum(COMMITMENT_THEMES, 'CommitmentTheme'),
    nullable: true,
    example: 'digital_adoption',
    description: 'Theme',
  })
  theme: CommitmentTheme | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', example: '2027-04-30', description: 'Target date' })
  dueDate: string | null;
  @ApiProperty({ ...namedEnum(COMMITMENT_STATUSES, 'CommitmentStatus'), example: 'open', description: 'Progress' })
  status: CommitmentStatus;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Live since March', description: 'What came of it' })
  outcome: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The session it was last reviewed at' })
  reviewedMeetingId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    example: '2027-04-06T10:10:00.000Z',
    description: 'When it was reviewed',
  })
  reviewedAt: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Who wrote it down (the member or staff)' })
  createdById: string | null;
  @ApiProperty({ format: 'date-time', example: '2027-03-02T12:10:00.000Z', description: 'When it was made' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2027-04-06T10:10:00.000Z', description: 'Last change' })
  updatedAt: string;
}

export class CommitmentRevisionDto {
  @ApiProperty({
    ...namedEnum(COMMITMENT_STATUSES, 'CommitmentStatus'),
    example: 'partly',
    description: 'Status after this change',
  })
  status: CommitmentStatus;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Half the invoices moved',
    description: 'Outcome after this change',
  })
  outcome: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The session it happened at: where it was made, or where it was reviewed',
  })
  meetingId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'April session', description: 'That session’s title' })
  meetingTitle: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Who made the change' })
  changedById: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Morag Fraser', description: 'Their name' })
  changedByName: string | null;
  @ApiProperty({ format: 'date-time', example: '2027-04-06T10:10:00.000Z', description: 'When' })
  changedAt: string;
}
