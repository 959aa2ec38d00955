import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedDto {
  @ApiProperty({ description: 'Whether the person has a live calendar feed URL (the URL itself is shown only when made)' })
  active: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the live URL was made; null without one' })
  createdAt: string | null;
}

export class CreatedCalendarFeedDto {
  @ApiProperty({
    description:
      'The secret subscription URL, shown this once (only its hash is kept). Anyone holding it sees your meetings: ' +
      'make a new one (which stops this one) or delete it if it leaks.',
    example: 'https://roundtable.example/api/calendar/q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c.ics',
  })
  url: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was made' })
  createdAt: string;
}
