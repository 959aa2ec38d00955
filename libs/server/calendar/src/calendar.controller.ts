import { Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Public, Refuses, TokenShapePipe } from '@roundtable/server-core';
import type { FastifyReply } from 'fastify';
import { CalendarService, FEED_TOKEN_PATTERN } from './calendar.service';
import { CalendarFeedDto, CreatedCalendarFeedDto } from './dto/calendar-feed.dto';

const FEED_TOKEN = 'feedToken';
const CALENDAR = { 'text/calendar': { schema: { type: 'string' } } };

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('me/calendar-feed')
  @ApiBearerAuth()
  @ApiStandardErrors()
  @ApiOperation({
    summary: 'Whether I have a calendar feed URL',
    description: 'Any signed-in person, for themself. Never shows the URL: it is shown once, when made.',
  })
  @ApiOkResponse({ type: CalendarFeedDto })
  status(@CurrentActor() actor: Actor): Promise<CalendarFeedDto> {
    return this.calendars.feedStatus(actor.userId);
  }

  @Post('me/calendar-feed')
  @ApiBearerAuth()
  @ApiStandardErrors()
  @ApiOperation({
    summary: 'Make my calendar feed URL, or a new one',
    description:
      'Any signed-in person, for themself. Answers the secret subscription URL (`…/api/calendar/<token>.ics`, for ' +
      'Google, Outlook or Apple calendars) this once; a new one replaces the last, which stops working at once.',
  })
  @ApiCreatedResponse({ type: CreatedCalendarFeedDto })
  create(@CurrentActor() actor: Actor): Promise<CreatedCalendarFeedDto> {
    return this.calendars.createFeed(actor.userId);
  }

  @Delete('me/calendar-feed')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiStandardErrors()
  @ApiOperation({
    summary: 'Stop my calendar feed URL',
    description: 'Any signed-in person, for themself. The URL answers 404 from now on; without one, nothing changes.',
  })
  @ApiNoContentResponse({ description: 'Stopped' })
  revoke(@CurrentActor() actor: Actor): Promise<void> {
    return this.calendars.revokeFeed(actor.userId);
  }

  @Public()
  @Get(`calendar/:${FEED_TOKEN}.ics`)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  // Polled by calendar services every few minutes to hours: five minutes is fresh enough, and it is one person's.
  @Header('Cache-Control', 'private, max-age=300')
  @Refuses({ 404: { not_found: 'No feed at this URL: it was never made, or was replaced or stopped' } })
  @ApiOperation({
    summary: 'A person’s calendar feed (iCalendar)',
    description:
      'Public: the secret token in the URL is the credential, and shows only its owner’s meetings. Every meeting they hold ' +
      'a confirmed seat at and every session of the groups they facilitate, from 90 days ago on, each with its stable UID, ' +
      'SEQUENCE and its own time zone; cancelled ones (and seats given up) stay for 30 days with STATUS:CANCELLED so ' +
      'subscribed calendars drop them.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The feed, `text/calendar; charset=utf-8`', content: CALENDAR })
  feed(@Param(FEED_TOKEN, new TokenShapePipe(FEED_TOKEN, FEED_TOKEN_PATTERN, 'the token of a calendar feed URL')) token: string) {
    return this.calendars.feed(token);
  }

  @Get('meetings/:meetingId/ics')
  @ApiBearerAuth()
  @ApiStandardErrors()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-cache')
  @ApiOperation({
    summary: 'Download a meeting as an .ics file',
    description:
      'Those who may see the meeting (as for reading it). The meeting with its stable UID and SEQUENCE in its own time zone, ' +
      'METHOD:PUBLISH, as an attachment; a cancelled meeting has STATUS:CANCELLED.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The file, `text/calendar; charset=utf-8`', content: CALENDAR })
  async meeting(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const { ics, filename } = await this.calendars.meetingIcs(actor, id);
    res.header('Content-Disposition', `attachment; filename="${filename}"`);
    return ics;
  }
}
