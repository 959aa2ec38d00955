import { ApiProperty } from '@nestjs/swagger';

const rate = (description: string, example: number) =>
  ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    example,
    description: `${description}; null when that is 0`,
  });

/** Retention figures over the members whose first session falls in the period (all of a filter's, or a month's). */
export class RetentionFiguresDto {
  @ApiProperty({
    description:
      'Members: people recorded present or late at one of the group’s held sessions, counted in the month of the first (per group)',
    example: 40,
  })
  members: number;

  @ApiProperty({
    description:
      'Members who met the programme’s completion rule: present or late at least completionMinAttended times among the group’s first completionOfSessions held sessions from their first',
    example: 22,
  })
  completed: number;

  @ApiProperty({
    description: 'Members whose completion is decided: completed, or all completionOfSessions sessions of their window held',
    example: 30,
  })
  decided: number;

  @rate('completed over decided (0–1, three decimals)', 0.733)
  completionRate: number | null;

  @ApiProperty({
    description:
      'Members who dropped out: not completed, and either missed the group’s last three or more held sessions in a row or their firm no longer has an active membership of the group',
    example: 6,
  })
  droppedOut: number;

  @ApiProperty({ description: 'Members who dropped out having attended exactly one session', example: 3 })
  droppedAfter1: number;

  @ApiProperty({ description: 'Members who dropped out having attended exactly two sessions', example: 2 })
  droppedAfter2: number;

  @ApiProperty({ description: 'Members who dropped out having attended exactly three sessions', example: 1 })
  droppedAfter3: number;

  @ApiProperty({
    description: 'Members at risk: not completed nor dropped out, and missed the group’s last two held sessions',
    example: 4,
  })
  atRisk: number;
}

export class RetentionMonthDto extends RetentionFiguresDto {
  @ApiProperty({ description: 'The month (YYYY-MM, programme’s time zone) of the members’ first session', example: '2027-03' })
  month: string;
}

/** One group's members who started in one month, and how many of them came back. */
export class RetentionCohortDto {
  @ApiProperty({ format: 'uuid', description: 'The peer group' })
  groupId: string;

  @ApiProperty({ description: 'The month (YYYY-MM, programme’s time zone) of their first session', example: '2027-01' })
  month: string;

  @ApiProperty({ description: 'Members of the cohort', example: 8 })
  members: number;

  @ApiProperty({
    type: [Number],
    description:
      'The retention curve: element k−1 is how many of the cohort attended (present or late) at least k of the group’s held sessions; as long as the most sessions any member of the answer attended',
    example: [8, 7, 5],
  })
  retained: number[];

  @ApiProperty({
    type: [Number],
    nullable: true,
    description: 'retained over members, element by element (0–1, three decimals)',
    example: [1, 0.875, 0.625],
  })
  retentionRate: (number | null)[];
}

export class RetentionMetricsDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The programme; null for every programme (admins)' })
  programmeId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first month of the series: `from`, or the first month with members',
    example: '2027-01',
  })
  from: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last month of the series: `to`, or the last month with members',
    example: '2027-12',
  })
  to: string | null;

  @ApiProperty({ type: RetentionFiguresDto, description: 'Every month of the series together' })
  totals: RetentionFiguresDto;

  @ApiProperty({
    type: [RetentionMonthDto],
    description: 'By the month of the members’ first session, every month from `from` to `to`, oldest first',
  })
  months: RetentionMonthDto[];

  @ApiProperty({ type: [RetentionCohortDto], description: 'Per group and month of first session, oldest first' })
  cohorts: RetentionCohortDto[];
}
