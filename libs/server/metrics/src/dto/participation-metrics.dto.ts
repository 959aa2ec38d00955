import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMPLOYEE_BANDS, EmployeeBand, SIC_SECTIONS, SicSection } from '@roundtable/domain';
import { namedEnum } from '@roundtable/server-core';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ParticipationMetricsQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The programme. Required unless the caller is an admin (who may leave it out for every programme)',
  })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this peer group (it must be in the programme)' })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the groups this person facilitates now' })
  @IsOptional()
  @IsUUID()
  facilitatorId?: string;

  @ApiPropertyOptional({
    description: 'Only people of firms in this local authority (ONS GSS code)',
    example: 'S12000017',
    pattern: '^(E0[6-9]|W06|S12|N09)[0-9]{6}$',
  })
  @IsOptional()
  @Matches(/^(E0[6-9]|W06|S12|N09)\d{6}$/, { message: 'localAuthority must be an ONS local authority code such as S12000017' })
  localAuthority?: string;

  @ApiPropertyOptional({
    ...namedEnum(SIC_SECTIONS, 'SicSection'),
    description: 'Only people of firms whose SIC 2007 code is in this section',
    example: 'J',
  })
  @IsOptional()
  @IsIn(SIC_SECTIONS)
  sicSection?: SicSection;

  @ApiPropertyOptional({
    ...namedEnum(EMPLOYEE_BANDS, 'EmployeeBand'),
    description: 'Only people of firms in this employee band',
    example: '10-49',
  })
  @IsOptional()
  @IsIn(EMPLOYEE_BANDS)
  employeeBand?: EmployeeBand;

  @ApiPropertyOptional({
    description: 'First month (YYYY-MM, in the programme’s time zone), inclusive',
    example: '2027-01',
    pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Last month (YYYY-MM, in the programme’s time zone), inclusive',
    example: '2027-12',
    pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to?: string;
}

const rate = (description: string, example: number) =>
  ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    example,
    description: `${description}; null when that is 0`,
  });

/** The participation figures over a set of sessions (all of a filter's, or a month's). */
export class ParticipationFiguresDto {
  @ApiProperty({ description: 'Group sessions not cancelled (held or still to come)', example: 12 })
  sessionsScheduled: number;

  @ApiProperty({
    description:
      'Group sessions held: attendance taken. With a firm filter, the sessions of the groups and months in which a matching firm took part',
    example: 10,
  })
  sessionsHeld: number;

  @ApiProperty({ description: 'Of the sessions held, how many were hybrid', example: 2 })
  hybridSessionsHeld: number;

  @ApiProperty({
    description: 'Funnel, step 1: bookings at held sessions, confirmed or waitlisted (cancelled ones left out)',
    example: 96,
  })
  booked: number;

  @ApiProperty({ description: 'Funnel, step 2: confirmed bookings at held sessions', example: 90 })
  confirmed: number;

  @ApiProperty({ description: 'Funnel, step 3: confirmed bookings whose person was recorded present or late', example: 72 })
  attended: number;

  @ApiProperty({
    description: 'Waitlist demand: bookings still on the waitlist when the session was held (they never got a seat)',
    example: 6,
  })
  waitlisted: number;

  @rate('attended over confirmed (0–1, three decimals)', 0.8)
  attendanceRate: number | null;

  @ApiProperty({ description: 'Confirmed bookings whose person was recorded as a no-show', example: 9 })
  confirmedNoShows: number;

  @rate('confirmedNoShows over confirmed (0–1, three decimals)', 0.1)
  noShowRate: number | null;

  @ApiProperty({ description: 'People recorded present (booked or not)', example: 66 })
  present: number;

  @ApiProperty({ description: 'People recorded late (booked or not)', example: 8 })
  late: number;

  @ApiProperty({ description: 'People recorded as having sent apologies', example: 7 })
  apologies: number;

  @ApiProperty({ description: 'People recorded as no-shows (booked or not)', example: 10 })
  noShows: number;

  @ApiProperty({ description: 'At hybrid sessions held: people present or late who joined online', example: 5 })
  hybridOnline: number;

  @ApiProperty({ description: 'At hybrid sessions held: people present or late who came in person', example: 11 })
  hybridInPerson: number;

  @ApiProperty({ description: 'At hybrid sessions held: people present or late with no record of how they joined', example: 1 })
  hybridModeUnrecorded: number;
}

export class ParticipationMonthDto extends ParticipationFiguresDto {
  @ApiProperty({ description: 'The month (YYYY-MM) in the programme’s time zone', example: '2027-03' })
  month: string;
}

export class ParticipationMetricsDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The programme; null for every programme (admins)' })
  programmeId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first month of the series: `from`, or the first month with sessions; null when there are none',
    example: '2027-01',
  })
  from: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last month of the series: `to`, or the last month with sessions; null when there are none',
    example: '2027-12',
  })
  to: string | null;

  @ApiProperty({ type: ParticipationFiguresDto, description: 'Every month of the series together' })
  totals: ParticipationFiguresDto;

  @ApiProperty({
    type: [ParticipationMonthDto],
    description: 'Month by month, every month from `from` to `to` (zeros included), oldest first',
  })
  months: ParticipationMonthDto[];
}
