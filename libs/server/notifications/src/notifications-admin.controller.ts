import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf } from '@roundtable/server-core';
import { NotificationDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationsAdminService } from './notifications-admin.service';

const NotificationPageDto = PageDtoOf(NotificationDto);

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/notifications')
export class NotificationsAdminController {
  constructor(private readonly notifications: NotificationsAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'Emails owed, sent, skipped and failed',
    description:
      'Admins only (anyone else 403). The outbox, most recently changed first: each email’s kind, recipient, what it is ' +
      'about (ids), attempts, last error and times. `status=failed` lists the emails the SMTP server refused for good ' +
      '(5xx) or that failed every attempt; filter by `status` and `kind`, search the recipient’s email with `q`.',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiStandardErrors()
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    return this.notifications.list(actor, query);
  }
}
