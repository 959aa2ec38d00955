import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { namedEnum, OptionalNotNull } from '@roundtable/server-core';
import { IsBoolean, IsIn } from 'class-validator';

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'Reminders before the sessions you are booked on', example: true })
  reminders: boolean;
  @ApiProperty({
    description: 'Recaps after the sessions you attended, with your commitments and a feedback link',
    example: true,
  })
  recaps: boolean;
  @ApiProperty({ description: 'The facilitator’s brief the day before a session you facilitate', example: true })
  briefs: boolean;
}

/** Only the switches given change; an empty body changes nothing. Essential mail has no switch. */
export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional({ description: 'Reminders before the sessions you are booked on', example: false })
  @OptionalNotNull()
  @IsBoolean()
  reminders?: boolean;

  @ApiPropertyOptional({ description: 'Recaps after the sessions you attended', example: true })
  @OptionalNotNull()
  @IsBoolean()
  recaps?: boolean;

  @ApiPropertyOptional({ description: 'The facilitator’s brief the day before a session you facilitate', example: true })
  @OptionalNotNull()
  @IsBoolean()
  briefs?: boolean;
}

/** RFC 8058 §3.1: the body a mail provider POSTs for a one-click unsubscribe. No body at all is accepted too. */
export class OneClickUnsubscribeDto {
  @ApiPropertyOptional({
    name: 'List-Unsubscribe',
    ...namedEnum(['One-Click'], 'ListUnsubscribe'),
    description: 'Always `One-Click` (RFC 8058); may be left out, with the whole body',
  })
  @OptionalNotNull()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: 'One-Click';
}
