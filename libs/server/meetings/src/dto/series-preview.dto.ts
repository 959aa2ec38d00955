import { ApiProperty } from '@nestjs/swagger';
import { localDateTime } from '@roundtable/server-core';

export class SeriesOccurrenceDto {
  @ApiProperty({ format: 'date-time', example: '2027-03-02T09:30:00.000Z', description: 'UTC instant' })
  startsAt: string;
  @ApiProperty({ ...localDateTime(), example: '2027-03-02T09:30', description: 'Local wall-clock start in `timezone`' })
  localStart: string;
}

/** What creating the series with the same body would schedule, computed by the same expansion, nothing saved. */
export class SeriesPreviewDto {
  @ApiProperty({ example: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=12', description: 'The rule as it would be stored' })
  rrule: string;
  @ApiProperty({ ...localDateTime(), example: '2027-03-02T09:30', description: 'DTSTART, in `timezone`' })
  localStart: string;
  @ApiProperty({ example: 'Europe/London', description: 'The zone the meetings would be held in' })
  timezone: string;
  @ApiProperty({ type: [SeriesOccurrenceDto], description: 'Every meeting the series would create, in order' })
  occurrences: SeriesOccurrenceDto[];
}
