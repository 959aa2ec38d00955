import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMPLOYEE_BANDS, EmployeeBand, isLocalAuthorityCode, isSic2007Code, USER_STATUSES, UserStatus } from '@roundtable/domain';
import { namedEnum, PageQueryDto } from '@roundtable/server-core';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsCompaniesHouseNumber, IsUkPostcode, Satisfies } from './validators';

export class CreateFirmDto {
  @ApiProperty({ example: 'Highland Joinery Ltd', description: 'Trading or registered name', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'SC123456',
    description:
      'Companies House number: eight digits, or a two-letter register prefix (SC, NI, OC, …) and six digits. ' +
      'Spaces and case are ignored and a shorter all-digit number is padded with leading zeros. Unique within the programme.',
  })
  @IsOptional()
  @IsCompaniesHouseNumber()
  companiesHouseNumber?: string | null;

  @ApiProperty({ example: '62012', description: 'Five-digit SIC 2007 subclass of the main activity' })
  @Satisfies(isSic2007Code, 'a five-digit SIC 2007 code such as 62012')
  sicCode: string;

  @ApiProperty({
    ...namedEnum(EMPLOYEE_BANDS, 'EmployeeBand'),
    example: '10-49',
    description: 'Employees, in the ONS business-count bands',
  })
  @IsIn(EMPLOYEE_BANDS)
  employeeBand: EmployeeBand;

  @ApiProperty({
    example: 'S12000017',
    description: 'ONS GSS code of the local authority district (E06–E09, W06, S12 or N09 and six digits)',
  })
  @Satisfies(isLocalAuthorityCode, 'an ONS local authority district code such as S12000017')
  localAuthorityCode: string;

  @ApiProperty({ example: 'IV1 1AA', description: 'UK postcode; stored upper-case with one space before the inward code' })
  @IsUkPostcode()
  postcode: string;
}

/** Every field optional; companiesHouseNumber may be null to clear it. */
export class UpdateFirmDto {
  @ApiPropertyOptional({
    example: 'Highland Joinery Ltd',
    minLength: 1,
    maxLength: 200,
    description: 'Trading or registered name',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'SC123456',
    description: 'Companies House number (same rules as on creation); null removes it',
  })
  @IsOptional()
  @IsCompaniesHouseNumber()
  companiesHouseNumber?: string | null;

  @ApiPropertyOptional({ example: '62012', description: 'Five-digit SIC 2007 subclass of the main activity' })
  @ValidateIf((_, value) => value !== undefined)
  @Satisfies(isSic2007Code, 'a five-digit SIC 2007 code such as 62012')
  sicCode?: string;

  @ApiPropertyOptional({
    ...namedEnum(EMPLOYEE_BANDS, 'EmployeeBand'),
    example: '10-49',
    description: 'Employees, in the ONS business-count bands',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(EMPLOYEE_BANDS)
  employeeBand?: EmployeeBand;

  @ApiPropertyOptional({ example: 'S12000017', description: 'ONS GSS code of the local authority district' })
  @ValidateIf((_, value) => value !== undefined)
  @Satisfies(isLocalAuthorityCode, 'an ONS local authority district code such as S12000017')
  localAuthorityCode?: string;

  @ApiPropertyOptional({ example: 'IV1 1AA', description: 'UK postcode' })
  @ValidateIf((_, value) => value !== undefined)
  @IsUkPostcode()
  postcode?: string;
}

export class FirmDto {
  @ApiProperty({ format: 'uuid', example: '5b0c1a8e-3f7d-4e2a-9c61-2d8f0b7a4e13', description: 'Firm id' })
  id: string;
  @ApiProperty({
    format: 'uuid',
    example: '0f6c2d4b-8a1e-4c3f-b5d7-9e2a1c4b6d80',
    description: 'The programme the firm takes part in',
  })
  programmeId: string;
  @ApiProperty({ example: 'Highland Joinery Ltd', description: 'Trading or registered name' })
  name: string;
  @ApiProperty({ type: String, nullable: true, example: 'SC123456', description: 'Normalised Companies House number' })
  companiesHouseNumber: string | null;
  @ApiProperty({ example: '62012', description: 'SIC 2007 subclass' })
  sicCode: string;
  @ApiProperty({ ...namedEnum(EMPLOYEE_BANDS, 'EmployeeBand'), example: '10-49', description: 'Employee band' })
  employeeBand: EmployeeBand;
  @ApiProperty({ example: 'S12000017', description: 'ONS local authority district code' })
  localAuthorityCode: string;
  @ApiProperty({ example: 'IV1 1AA', description: 'Normalised UK postcode' })
  postcode: string;
  @ApiProperty({ example: '2027-01-15T09:30:00.000Z', description: 'When the firm was added' })
  createdAt: Date;
  @ApiProperty({ example: '2027-02-01T14:00:00.000Z', description: 'When the firm was last changed' })
  updatedAt: Date;
}

export class FirmPersonDto {
  @ApiProperty({
    format: 'uuid',
    example: '9a7e3c1d-2b4f-4d6a-8e0c-1f3b5d7a9c2e',
    description: 'User id; for someone invited who has not accepted yet (status invited), the invitation’s id',
  })
  id: string;
  @ApiProperty({ example: 'Morag Fraser', description: 'Full name' })
  name: string;
  @ApiProperty({ example: 'morag@highland-joinery.co.uk', description: 'Sign-in and contact email' })
  email: string;
  @ApiProperty({
    ...namedEnum(USER_STATUSES, 'UserStatus'),
    example: 'active',
    description: 'invited until the person accepts their invitation',
  })
  status: UserStatus;
  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone used for the person’s emails' })
  timezone: string;
}

export const FIRM_SORTS = ['name', 'createdAt'] as const;

export class FirmQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ ...namedEnum(FIRM_SORTS, 'FirmSort', { default: 'name' }), description: 'Sort key' })
  @IsOptional()
  @IsIn(FIRM_SORTS)
  sort: (typeof FIRM_SORTS)[number] = 'name';

  @ApiPropertyOptional({ example: 'S12000017', description: 'Only firms in this local authority district' })
  @IsOptional()
  @Satisfies(isLocalAuthorityCode, 'an ONS local authority district code such as S12000017')
  localAuthorityCode?: string;

  @ApiPropertyOptional({
    example: '62',
    description: 'SIC 2007 code or a prefix of it (2 digits: division, 3: group, 4: class, 5: subclass)',
  })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'sicCode must be 2 to 5 digits of a SIC 2007 code' })
  sicCode?: string;

  @ApiPropertyOptional({
    ...namedEnum(EMPLOYEE_BANDS, 'EmployeeBand'),
    example: '10-49',
    description: 'Only firms in this employee band',
  })
  @IsOptional()
  @IsIn(EMPLOYEE_BANDS)
  employeeBand?: EmployeeBand;
}
