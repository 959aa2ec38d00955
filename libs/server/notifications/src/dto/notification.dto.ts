import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, NotificationKind, NotificationStatus } from '@roundtable/domain';
import { namedEnum, PageQueryDto, SORT_ORDERS, SortOrder } from '@roundtable/server-core';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    ...namedEnum(NOTIFICATION_STATUSES, 'NotificationStatus'),
    example: 'failed',
    description: 'Only notifications in this state',
  })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({
    ...namedEnum(NOTIFICATION_KINDS, 'NotificationKind'),
    example: 'reminder',
    description: 'Only notifications of this kind',
  })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;

  @ApiPropertyOptional({
    description: 'Most recently changed first (desc, the default) or oldest change first (asc)',
    ...namedEnum(SORT_ORDERS, 'SortOrder', { default: 'desc' }),
  })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  override order: SortOrder = 'desc';

  @ApiPropertyOptional({ description: 'Case-insensitive search in the recipient’s email', example: 'fraser' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string;
}

export class NotificationRecipientDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The recipient’s account; null for an account invitation (no account exists yet)',
  })
  userId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'owner@highland-joinery.co.uk',
    description: 'Where it goes: the account’s email, or the invitation’s',
  })
  email: string | null;
}

/** What a notification is about: ids only, as the outbox row holds them. */
export class NotificationSubjectDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The meeting, for meeting and booking emails',
  })
  meetingId: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The booking, for booking emails and reminders',
  })
  bookingId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The application, for application emails' })
  applicationId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The invitation, for account invitations' })
  invitationId: string | null;
}

/** An email the system owes or owed someone, as admins see it. */
export class NotificationDto {
  @ApiProperty({ format: 'uuid', description: 'The notification (its Message-ID is <id@MAIL_FROM’s domain>)' })
  id: string;
  @ApiProperty({ ...namedEnum(NOTIFICATION_KINDS, 'NotificationKind'), example: 'booking_confirmed', description: 'Which email' })
  kind: NotificationKind;
  @ApiProperty({
    ...namedEnum(NOTIFICATION_STATUSES, 'NotificationStatus'),
    example: 'failed',
    description:
      'pending (waiting for its due time), queued (handed to the worker), sent, skipped (no longer wanted; see skippedReason), ' +
      'failed (the SMTP server refused it for good, or every attempt failed; see lastError)',
  })
  status: NotificationStatus;
  @ApiProperty({ type: NotificationRecipientDto, description: 'Who it goes to' })
  recipient: NotificationRecipientDto;
  @ApiProperty({ type: NotificationSubjectDto, description: 'What it is about' })
  about: NotificationSubjectDto;
  @ApiProperty({ example: 8, description: 'Delivery attempts made' })
  attempts: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '550 5.1.1 No such mailbox',
    description: 'The last attempt’s error; null once sent',
  })
  lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'booking cancelled', description: 'Why it was skipped' })
  skippedReason: string | null;
  @ApiProperty({ description: 'When it is or was due' })
  dueAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When it was last handed to the worker' })
  queuedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When the SMTP server accepted it' })
  sentAt: Date | null;
  @ApiProperty({ description: 'When it was owed' })
  createdAt: Date;
  @ApiProperty({ description: 'When it last changed (for a failed one: when it failed)' })
  updatedAt: Date;
}
