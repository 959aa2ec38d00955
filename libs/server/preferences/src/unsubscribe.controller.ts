import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { OneClickUnsubscribeRoute, Public, Refuses, TokenShapePipe } from '@roundtable/server-core';
import { OneClickUnsubscribeDto } from './dto/notification-preferences.dto';
import { NotificationPreferencesService, UNSUBSCRIBE_TOKEN_PATTERN } from './notification-preferences.service';
import { unsubscribePage } from './unsubscribe-page';

const TOKEN = 'unsubscribeToken';
const tokenPipe = new TokenShapePipe(TOKEN, UNSUBSCRIBE_TOKEN_PATTERN, 'an unsubscribe token from an email');

const HTML = { 'text/html': { schema: { type: 'string' } } };

const UNKNOWN_LINK = {
  404: {
    not_found: 'The link is not one Roundtable signed (altered or cut short), or its account no longer exists; nothing changed',
  },
};

/**
 * RFC 8058 one-click unsubscribe. Every reminder, recap and brief carries `List-Unsubscribe:
 * <${PUBLIC_URL}/api/unsubscribe/<token>>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`;
 * the token is an HMAC of the person and the category (libs/server/mail `signUnsubscribeToken`), so
 * it is the whole credential: no session is read, and none is needed.
 */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Public()
  @Get(`:${TOKEN}`)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Refuses(UNKNOWN_LINK)
  @ApiOperation({
    summary: 'The unsubscribe page of an email’s link',
    description:
      'Public: the token from the email is the credential. A small HTML page saying which mail the link turns off, ' +
      'with a form that POSTs the one-click body to the same URL. Changes nothing (link scanners fetch it).',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page', content: HTML })
  async page(@Param(TOKEN, tokenPipe) token: string): Promise<string> {
    const { category, enabled } = await this.preferences.peek(token);
    return unsubscribePage(category, enabled ? 'on' : 'off');
  }

  @Public()
  @OneClickUnsubscribeRoute()
  @Post(`:${TOKEN}`)
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Refuses(UNKNOWN_LINK)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058)',
    description:
      'Public: the token is the credential; no cookie or session is read, and the cross-site check does not apply. ' +
      'Turns off the token’s category (reminders, recaps or briefs) for the token’s person; doing it again changes nothing. ' +
      'The body is the form `List-Unsubscribe=One-Click` (`application/x-www-form-urlencoded`, the one route that reads a ' +
      'form), or none. Answers a small HTML page saying it is done.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: OneClickUnsubscribeDto, required: false })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Turned off (or already off)', content: HTML })
  async unsubscribe(@Param(TOKEN, tokenPipe) token: string, @Body() _form: OneClickUnsubscribeDto): Promise<string> {
    const { category } = await this.preferences.unsubscribe(token);
    return unsubscribePage(category, 'turned_off');
  }
}
