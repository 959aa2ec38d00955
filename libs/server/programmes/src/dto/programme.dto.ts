import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsTimeZone, namedEnum, NotBlank, OptionalNotNull, PageQueryDto } from '@roundtable/server-core';

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Peer Works Highlands 2027' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @NotBlank()
  name: string;

  @ApiProperty({ example: 'Highlands and Islands' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  region: string;

  @ApiProperty({ example: 'Scottish Enterprise' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  funder: string;

  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone' })
  @IsTimeZone()
  timezone: string;

  @ApiPropertyOptional({ example: 'What is said in the room stays in the room.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  confidentialityText?: string;

  @ApiPropertyOptional({
    type: [Number],
    example: [1440, 60],
    description: 'Minutes before a session to send reminders (5 min to 14 days, at most 5)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(5, { each: true })
  @Max(20160, { each: true })
  reminderOffsetsMinutes?: number[];

  @ApiPropertyOptional({ example: 6, description: 'Completion: attended at least this many…' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  completionMinAttended?: number;

  @ApiPropertyOptional({ example: 9, description: '…of this many sessions' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  completionOfSessions?: number;
}

/** Every field optional; none may be null (skipNullProperties: false keeps null from passing as "left out"). */
export class UpdateProgrammeDto extends PartialType(CreateProgrammeDto, { skipNullProperties: false }) {}

export class ProgrammeDto {
  @ApiProperty({ format: 'uuid', description: 'The programme’s id' })
  id: string;
  @ApiProperty({ example: 'Peer Works Highlands 2027' })
  name: string;
  @ApiProperty({ example: 'Highlands and Islands' })
  region: string;
  @ApiProperty({ example: 'Scottish Enterprise' })
  funder: string;
  @ApiProperty({ example: 'Europe/London' })
  timezone: string;
  @ApiProperty({ description: 'The confidentiality agreement members accept when they join' })
  confidentialityText: string;
  @ApiProperty({ type: [Number], example: [1440, 60] })
  reminderOffsetsMinutes: number[];
  @ApiProperty({ example: 6 })
  completionMinAttended: number;
  @ApiProperty({ example: 9 })
  completionOfSessions: number;
  @ApiProperty({ description: 'When it was created' })
  createdAt: Date;
  @ApiProperty({ description: 'When it last changed' })
  updatedAt: Date;
}

export const PROGRAMME_SORTS = ['name', 'createdAt'] as const;

export class ProgrammeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ ...namedEnum(PROGRAMME_SORTS, 'ProgrammeSort', { default: 'name' }), description: 'Sort field' })
  @IsOptional()
  @IsIn(PROGRAMME_SORTS)
  sort: (typeof PROGRAMME_SORTS)[number] = 'name';
}
