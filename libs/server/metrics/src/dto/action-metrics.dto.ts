import { ApiProperty } from '@nestjs/swagger';

const share = (description: string, example: number) =>
  ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    example,
    description: `${description} (0–1, three decimals); null when that is 0`,
  });

/** The action-learning figures over the commitments made at a set of held sessions (all of a filter's, or a month's). */
export class ActionFiguresDto {
  @ApiProperty({ description: 'Commitments made at held group sessions', example: 48 })
  commitments: number;

  @ApiProperty({ description: 'Attendances at held group sessions: people recorded present or late', example: 40 })
  attendances: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    example: 1.2,
    description: 'Commitments per member per session: commitments over attendances (three decimals); null when attendances is 0',
  })
  commitmentsPerMemberSession: number | null;

  @ApiProperty({ description: 'Commitments due for review: the group has held a later session since', example: 36 })
  dueForReview: number;

  @ApiProperty({ description: 'Of those due, the ones reviewed at a later session of the group', example: 30 })
  reviewed: number;

  @share('reviewed over dueForReview', 0.833)
  shareReviewed: number | null;

  @ApiProperty({ description: 'Commitments with an outcome: done, partly done or dropped (no longer open)', example: 32 })
  withOutcome: number;

  @ApiProperty({ description: 'Commitments done', example: 20 })
  done: number;

  @ApiProperty({ description: 'Commitments partly done', example: 8 })
  partly: number;

  @ApiProperty({ description: 'Commitments dropped', example: 4 })
  dropped: number;

  @share('done over withOutcome', 0.625)
  shareDone: number | null;

  @share('partly over withOutcome', 0.25)
  sharePartly: number | null;

  @share('dropped over withOutcome', 0.125)
  shareDropped: number | null;

  @ApiProperty({
    description: 'Done commitments whose history records when they were done (the median is over these)',
    example: 20,
  })
  doneTimed: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    example: 23.5,
    description:
      'Median whole days, in the programme’s time zone, from the session a commitment was made at to the day it was done (the mean of the two middle values when their number is even); exact, from a histogram; null when doneTimed is 0',
  })
  medianDaysToDone: number | null;
}

export class ActionMonthDto extends ActionFiguresDto {
  @ApiProperty({
    description: 'The month (YYYY-MM, programme’s time zone) of the sessions the commitments were made at',
    example: '2027-03',
  })
  month: string;
}

export class ActionMetricsDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The programme; null for every programme (admins)' })
  programmeId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first month of the series: `from`, or the first month with attendances or commitments',
    example: '2027-01',
  })
  from: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last month of the series: `to`, or the last month with attendances or commitments',
    example: '2027-12',
  })
  to: string | null;

  @ApiProperty({ type: ActionFiguresDto, description: 'Every month of the series together' })
  totals: ActionFiguresDto;

  @ApiProperty({
    type: [ActionMonthDto],
    description: 'By the month of the session the commitments were made at, every month from `from` to `to`, oldest first',
  })
  months: ActionMonthDto[];
}
