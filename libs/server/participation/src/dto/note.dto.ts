import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NotBlank } from '@roundtable/server-core';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class NoteBodyDto {
  @ApiProperty({
    example: 'Ewan quiet today; follow up on the hiring worry he raised at the break.',
    minLength: 1,
    maxLength: 20000,
    description: 'The note, plain text',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  @NotBlank()
  body: string;
}

export class NoteDto {
  @ApiProperty({ format: 'uuid', description: 'The note' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The meeting it is about' })
  meetingId: string;
  @ApiProperty({ example: 'Ewan quiet today; follow up on the hiring worry.', description: 'The note' })
  body: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who wrote it (null if their account is gone)',
  })
  authorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Iain Ross', description: 'Their name' })
  authorName: string | null;
  @ApiProperty({ format: 'date-time', example: '2027-03-02T12:40:00.000Z', description: 'When it was written' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2027-03-03T08:15:00.000Z', description: 'When it was last edited' })
  updatedAt: string;
}
