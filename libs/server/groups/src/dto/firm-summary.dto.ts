import { ApiProperty } from '@nestjs/swagger';
import { EMPLOYEE_BANDS, EmployeeBand } from '@roundtable/domain';
import { namedEnum } from '@roundtable/server-core';

export class FirmSummaryDto {
  @ApiProperty({ format: 'uuid', description: 'Firm id' })
  id: string;
  @ApiProperty({ description: 'Firm name', example: 'Highland Joinery Ltd' })
  name: string;
  @ApiProperty({ description: 'SIC 2007 subclass (5 digits)', example: '16230' })
  sicCode: string;
  @ApiProperty({ description: 'ONS local authority district code', example: 'S12000017' })
  localAuthorityCode: string;
  @ApiProperty({ ...namedEnum(EMPLOYEE_BANDS, 'EmployeeBand'), description: 'Number of employees', example: '10-49' })
  employeeBand: EmployeeBand;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid', description: 'User id' })
  id: string;
  @ApiProperty({ description: 'The person’s name', example: 'Morag Fraser' })
  name: string;
}

export class FirmNameDto {
  @ApiProperty({ format: 'uuid', description: 'Firm id' })
  id: string;
  @ApiProperty({ description: 'Firm name', example: 'Highland Joinery Ltd' })
  name: string;
}
