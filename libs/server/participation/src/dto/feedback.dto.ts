import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalNotNull } from '@roundtable/server-core';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateFeedbackDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4, description: 'How useful the session was, 1 (not at all) to 5 (very)' })
  @IsInt()
  @Min(1)
  @Max(5)
  usefulness: number;

  @ApiProperty({
    minimum: 0,
    maximum: 10,
    example: 9,
    description: 'How likely you are to recommend the group to another business owner, 0 to 10',
  })
  @IsInt()
  @Min(0)
  @Max(10)
  wouldRecommend: number;

  @ApiPropertyOptional({ maxLength: 4000, example: 'The payments guest was excellent.', description: 'Anything else' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class FeedbackDto {
  @ApiProperty({ format: 'uuid', description: 'The feedback' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The meeting' })
  meetingId: string;
  @ApiProperty({ format: 'uuid', description: 'Who gave it' })
  userId: string;
  @ApiProperty({ example: 'Morag Fraser', description: 'Their name' })
  userName: string;
  @ApiProperty({ example: 4, description: 'Usefulness, 1–5' })
  usefulness: number;
  @ApiProperty({ example: 9, description: 'Would recommend, 0–10' })
  wouldRecommend: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'The payments guest was excellent.', description: 'Free text' })
  comment: string | null;
  @ApiProperty({ format: 'date-time', example: '2027-03-02T13:05:00.000Z', description: 'When it was given' })
  createdAt: string;
}

export class FeedbackSummaryDto {
  @ApiProperty({ example: 9, description: 'How many members answered' })
  responses: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 4.22,
    description: 'Mean usefulness (two decimals); null without answers',
  })
  averageUsefulness: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 33,
    description:
      'Net Promoter Score: % answering 9–10 minus % answering 0–6, a whole number from −100 to 100; null without answers',
  })
  nps: number | null;
  @ApiProperty({ example: 5, description: 'Answers of 9–10' })
  promoters: number;
  @ApiProperty({ example: 2, description: 'Answers of 7–8' })
  passives: number;
  @ApiProperty({ example: 2, description: 'Answers of 0–6' })
  detractors: number;
}

export class MeetingFeedbackDto {
  @ApiProperty({ type: FeedbackSummaryDto, description: 'The numbers a funder report uses' })
  summary: FeedbackSummaryDto;
  @ApiProperty({ type: [FeedbackDto], description: 'Every answer, oldest first' })
  entries: FeedbackDto[];
}
