import { ApiProperty } from '@nestjs/swagger';

/** The satisfaction figures over the feedback on a set of held sessions (all of a filter's, or a month's). */
export class SatisfactionFiguresDto {
  @ApiProperty({
    description: 'Feedback responses on held group sessions from people recorded present or late there',
    example: 30,
  })
  responses: number;

  @ApiProperty({
    description: 'Attendees of held group sessions: people recorded present or late, once per session',
    example: 40,
  })
  attendees: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    example: 0.75,
    description: 'responses over attendees (0–1, three decimals); null when attendees is 0',
  })
  responseRate: number | null;

  @ApiProperty({
    type: [Number],
    minItems: 5,
    maxItems: 5,
    example: [1, 2, 5, 12, 10],
    description: 'Responses rating usefulness 1 (not at all), 2, 3, 4 and 5 (very), in that order',
  })
  usefulnessCounts: number[];

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 5,
    example: 3.93,
    description: 'Mean usefulness on the 1–5 scale, two decimals (halves rounded away from zero); null when responses is 0',
  })
  meanUsefulness: number | null;

  @ApiProperty({ description: 'Responses that would recommend the group 9 or 10 out of 10', example: 15 })
  promoters: number;

  @ApiProperty({ description: 'Responses that would recommend it 7 or 8', example: 10 })
  passives: number;

  @ApiProperty({ description: 'Responses that would recommend it 0 to 6', example: 5 })
  detractors: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: -100,
    maximum: 100,
    example: 33,
    description:
      'Net Promoter Score: the percentage of promoters minus that of detractors, a whole number (halves rounded away from zero) from −100 to 100; null when responses is 0',
  })
  nps: number | null;
}

export class SatisfactionMonthDto extends SatisfactionFiguresDto {
  @ApiProperty({ description: 'The month (YYYY-MM, programme’s time zone) of the sessions', example: '2027-03' })
  month: string;
}

export class SatisfactionMetricsDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The programme; null for every programme (admins)' })
  programmeId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first month of the series: `from`, or the first month with attendees or responses',
    example: '2027-01',
  })
  from: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last month of the series: `to`, or the last month with attendees or responses',
    example: '2027-12',
  })
  to: string | null;

  @ApiProperty({ type: SatisfactionFiguresDto, description: 'Every month of the series together' })
  totals: SatisfactionFiguresDto;

  @ApiProperty({
    type: [SatisfactionMonthDto],
    description: 'By the month of the session the feedback is on, every month from `from` to `to`, oldest first',
  })
  months: SatisfactionMonthDto[];
}
