import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Refusals, Refuses } from '@roundtable/server-core';
import {
  CancelMeetingDto,
  CreateMeetingDto,
  CreateSeriesDto,
  MeetingDto,
  MeetingRangeQueryDto,
  SeriesDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { SeriesPreviewDto } from './dto/series-preview.dto';
import { MeetingsService } from './meetings.service';
import { SchedulingService } from './scheduling.service';

const INVALID_LOCAL_START = 'localStart is not a real date and time, or is too far in the past or future';
const INVALID_RRULE = 'The rule is not one this API expands (see the description)';

/** Scheduling a group's series and previewing it check the same things, so refuse the same things. */
const GROUP_SERIES_REFUSALS: Refusals = {
  400: { invalid_local_start: INVALID_LOCAL_START, invalid_rrule: INVALID_RRULE },
  409: { group_closed: 'The group is closed', series_limit_reached: 'The group already has as many live series as it may' },
};

@ApiTags('meetings')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly scheduling: SchedulingService,
  ) {}

  @Post('groups/:groupId/meetings')
  @Refuses({
    400: { invalid_local_start: INVALID_LOCAL_START },
    409: { group_closed: 'The group is closed' },
  })
  @ApiOperation({
    summary: 'Schedule a one-off group meeting',
    description: 'The group’s facilitators and the programme’s managers. Unset fields take the group’s defaults.',
  })
  @ApiCreatedResponse({ type: MeetingDto })
  createGroupMeeting(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() dto: CreateMeetingDto,
  ) {
    return this.scheduling.createGroupMeeting(actor, groupId, dto);
  }

  @Post('groups/:groupId/series')
  @Refuses(GROUP_SERIES_REFUSALS)
  @ApiOperation({
    summary: 'Schedule a recurring series of group meetings',
    description:
      'The group’s facilitators and the programme’s managers. The RRULE is expanded into meetings at the same local time, across daylight-saving changes. ' +
      'Every occurrence must fall within 5 years of the first start, which must be in the future; a group may have at most 10 live series (409 `series_limit_reached`).',
  })
  @ApiCreatedResponse({ type: SeriesDto })
  createGroupSeries(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() dto: CreateSeriesDto,
  ) {
    return this.scheduling.createGroupSeries(actor, groupId, dto);
  }

  @Post('groups/:groupId/series/preview')
  @HttpCode(200)
  @Refuses(GROUP_SERIES_REFUSALS)
  @ApiOperation({
    summary: 'Preview a recurring series of group meetings',
    description:
      'The same body, checks and expansion as scheduling the series, but nothing is saved: answers the meetings it would create. ' +
      'The group’s facilitators and the programme’s managers.',
  })
  @ApiOkResponse({ type: SeriesPreviewDto })
  previewGroupSeries(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() dto: CreateSeriesDto,
  ) {
    return this.scheduling.previewGroupSeries(actor, groupId, dto);
  }

  @Get('groups/:groupId/meetings')
  @ApiOperation({
    summary: 'A group’s meetings',
    description:
      'The group’s facilitators, the programme’s managers and people of current member firms (others in the programme: 403).',
  })
  @ApiOkResponse({ type: [MeetingDto] })
  listForGroup(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Query() query: MeetingRangeQueryDto,
  ) {
    return this.meetings.listForGroup(actor, groupId, query);
  }

  @Post('programmes/:programmeId/events')
  @Refuses({
    400: {
      capacity_required: 'An open event needs a capacity',
      invalid_local_start: INVALID_LOCAL_START,
    },
  })
  @ApiOperation({
    summary: 'Schedule a programme-wide open event',
    description: 'The programme’s managers and facilitators. Capacity is required.',
  })
  @ApiCreatedResponse({ type: MeetingDto })
  createOpenEvent(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Body() dto: CreateMeetingDto,
  ) {
    return this.scheduling.createOpenEvent(actor, programmeId, dto);
  }

  @Post('programmes/:programmeId/series')
  @Refuses({
    400: {
      capacity_required: 'An open event needs a capacity',
      invalid_local_start: INVALID_LOCAL_START,
      invalid_rrule: INVALID_RRULE,
    },
    409: { series_limit_reached: 'The programme already has as many live series of open events as it may' },
  })
  @ApiOperation({
    summary: 'Schedule a recurring series of open events',
    description:
      'The programme’s managers and facilitators. As for group series; a programme may have at most 20 live series of open events (409 `series_limit_reached`).',
  })
  @ApiCreatedResponse({ type: SeriesDto })
  createOpenSeries(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Body() dto: CreateSeriesDto,
  ) {
    return this.scheduling.createOpenSeries(actor, programmeId, dto);
  }

  @Get('programmes/:programmeId/events')
  @ApiOperation({ summary: 'A programme’s open events', description: 'Anyone taking part in the programme.' })
  @ApiOkResponse({ type: [MeetingDto] })
  listOpenEvents(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Query() query: MeetingRangeQueryDto,
  ) {
    return this.meetings.listOpenEvents(actor, programmeId, query);
  }

  @Get('me/meetings')
  @ApiOperation({
    summary: 'My upcoming meetings',
    description:
      'For a person of a firm: the sessions of their groups and their programme’s open events from now on (or `from`), with their own booking. Empty for staff.',
  })
  @ApiOkResponse({ type: [MeetingDto] })
  upcoming(@CurrentActor() actor: Actor, @Query() query: MeetingRangeQueryDto) {
    return this.meetings.upcomingForMember(actor, query);
  }

  @Get('meetings/:meetingId')
  @ApiOperation({
    summary: 'A meeting',
    description:
      'Those who may see it: the group’s facilitators and members (open events: the programme), the programme’s managers.',
  })
  @ApiOkResponse({ type: MeetingDto })
  get(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) id: string) {
    return this.meetings.get(actor, id);
  }

  @Patch('meetings/:meetingId')
  @Refuses({
    400: {
      nothing_to_change: 'The body changes nothing',
      invalid_local_start: INVALID_LOCAL_START,
    },
    409: {
      meeting_cancelled: 'A cancelled meeting cannot be changed',
      capacity_below_confirmed: 'Capacity cannot be lower than the seats already confirmed',
    },
  })
  @ApiOperation({
    summary: 'Change a meeting, or it and the rest of its series',
    description:
      'The group’s facilitators and the programme’s managers (open events: programme staff). Calendar-visible changes raise the iCalendar SEQUENCE. ' +
      'Changing `timezone` keeps the local wall-clock start (09:30 stays 09:30 in the new zone, so the UTC instant moves); with `scope=following` each later meeting keeps its own local start. ' +
      'A new start may be at most 30 days in the past (to record when a session really took place) and 5 years ahead.',
  })
  @ApiOkResponse({ type: MeetingDto })
  update(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) id: string, @Body() dto: UpdateMeetingDto) {
    return this.meetings.update(actor, id, dto);
  }

  @Post('meetings/:meetingId/cancel')
  @Refuses({ 409: { meeting_not_scheduled: 'The meeting is already cancelled or over' } })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a meeting (or it and the rest of its series) with a message',
    description: 'As for changing a meeting. Bookings are kept for the record.',
  })
  @ApiOkResponse({ type: MeetingDto })
  cancel(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) id: string, @Body() dto: CancelMeetingDto) {
    return this.meetings.cancel(actor, id, dto);
  }

  @Get('series/:seriesId')
  @ApiOperation({ summary: 'A series and its meetings', description: 'Those who may see its meetings.' })
  @ApiOkResponse({ type: SeriesDto })
  getSeries(@CurrentActor() actor: Actor, @Param('seriesId', ParseUUIDPipe) id: string) {
    return this.meetings.getSeries(actor, id);
  }
}
