import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES, ApplicationStatus } from '@roundtable/domain';
import { namedEnum, OptionalNotNull, PageQueryDto } from '@roundtable/server-core';
import { IsIn, IsOptional, IsString, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { isValidAnswers, MAX_ANSWER_KEY_LENGTH, MAX_ANSWER_LENGTH, MAX_ANSWERS } from '../rules';
import { FirmNameDto, FirmSummaryDto, PersonDto } from './firm-summary.dto';

function IsAnswers(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAnswers',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an object of at most ${MAX_ANSWERS} string answers, each at most ${MAX_ANSWER_LENGTH} characters`,
        ...options,
      },
      validator: { validate: (value: unknown) => isValidAnswers(value) },
    });
}

export class CreateApplicationDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: MAX_ANSWER_LENGTH },
    maxProperties: MAX_ANSWERS,
    description: `The firm's answers to the group's questions: at most ${MAX_ANSWERS}, keys up to ${MAX_ANSWER_KEY_LENGTH} characters, answers up to ${MAX_ANSWER_LENGTH}`,
    example: { why: 'We want to move our stock control online', challenge: 'Finding reliable IT support' },
  })
  @IsAnswers()
  answers: Record<string, string>;
}

export class DecisionDto {
  @ApiPropertyOptional({ description: 'Why it was decided so; shown to the applicant firm', example: 'Welcome aboard!' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'Application id' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The group applied to' })
  groupId: string;
  @ApiProperty({ description: 'The group’s name', example: 'Inverness Digital Leaders' })
  groupName: string;
  @ApiProperty({ type: FirmSummaryDto, description: 'The applicant firm' })
  firm: FirmSummaryDto;
  @ApiProperty({ type: PersonDto, description: 'Who applied for the firm' })
  applicant: PersonDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The firm’s answers',
    example: { why: 'We want to move our stock control online' },
  })
  answers: Record<string, string>;
  @ApiProperty({
    ...namedEnum(APPLICATION_STATUSES, 'ApplicationStatus'),
    description: 'Where the application stands',
    example: 'pending',
  })
  status: ApplicationStatus;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'A current member shares the applicant’s 4-digit SIC class and local authority. Live for pending applications, ' +
      'as decided for the others. Null for the applicant firm’s own people: the screening describes the roster, which they may not see.',
    example: false,
  })
  competitorConflict: boolean | null;
  @ApiProperty({
    type: [FirmNameDto],
    nullable: true,
    description: 'The member firms behind competitorConflict. Null for the applicant firm’s own people.',
  })
  conflictingFirms: FirmNameDto[] | null;
  @ApiProperty({ type: PersonDto, nullable: true, description: 'Who approved, rejected or withdrew it' })
  decidedBy: PersonDto | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When it was decided', example: null })
  decidedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reviewer’s note', example: null })
  decisionNote: string | null;
  @ApiProperty({ description: 'When the firm applied', example: '2027-01-15T09:30:00.000Z' })
  createdAt: Date;
}

export const APPLICATION_SORTS = ['createdAt'] as const;

export class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    ...namedEnum(APPLICATION_STATUSES, 'ApplicationStatus'),
    description: 'Only applications in this status',
    example: 'pending',
  })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({
    ...namedEnum(APPLICATION_SORTS, 'ApplicationSort', { default: 'createdAt' }),
    description: 'Sort key (q searches the firm name)',
  })
  @IsOptional()
  @IsIn(APPLICATION_SORTS)
  sort = 'createdAt' as const;
}
