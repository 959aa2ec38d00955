import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor } from '@roundtable/server-core';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './dto/notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

const ESSENTIAL =
  'Essential mail (account invitations, password links, application decisions, bookings, meeting invitations, changes ' +
  'and cancellations) is always sent and has no switch.';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({
    summary: 'My notification preferences',
    description: `Any signed-in person, for themself: which non-essential mail they get. ${ESSENTIAL}`,
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentActor() actor: Actor): Promise<NotificationPreferencesDto> {
    return this.preferences.get(actor.userId);
  }

  @Patch()
  @ApiOperation({
    summary: 'Change my notification preferences',
    description:
      'Any signed-in person, for themself. Only the switches given change; an unknown key is a 400. The one-click ' +
      `unsubscribe link in each email turns the same switches off. ${ESSENTIAL}`,
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.preferences.update(actor.userId, dto);
  }
}
