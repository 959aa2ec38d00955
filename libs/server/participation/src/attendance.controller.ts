import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Refuses } from '@roundtable/server-core';
import { AttendanceService } from './attendance.service';
import { AttendanceSheetDto, MyAttendanceDto, RecordAttendanceDto, RosterPersonDto } from './dto/attendance.dto';

@ApiTags('attendance')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('meetings/:meetingId/roster')
  @ApiOperation({
    summary: 'Who is expected at a meeting',
    description:
      'The group’s facilitators and the programme’s managers (open events: programme staff). A group meeting lists the ' +
      'people of its current member firms and anyone holding a booking; an open event lists those holding a booking. ' +
      'People already recorded stay listed. Each with their booking and attendance.',
  })
  @ApiOkResponse({ type: [RosterPersonDto] })
  roster(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<RosterPersonDto[]> {
    return this.attendance.roster(actor, meetingId);
  }

  @Put('meetings/:meetingId/attendance')
  @Refuses({
    400: {
      not_on_roster: 'Someone in records is not on the meeting’s roster',
      mode_required: 'A hybrid meeting needs the mode of everyone who came',
      mode_not_allowed: 'mode is given for a meeting that is not hybrid, or for someone who did not come',
    },
    409: {
      meeting_not_started: 'Attendance is taken from the meeting’s start',
      meeting_cancelled: 'Attendance is not taken for a cancelled meeting',
    },
  })
  @ApiOperation({
    summary: 'Take or correct attendance',
    description:
      'The group’s facilitators and the programme’s managers (open events: programme staff), from the meeting’s start on. ' +
      'Everyone listed must be on the roster (400 not_on_roster). `mode` is for hybrid meetings only, and there required ' +
      'for present and late. Every new or changed entry is kept in the history; a scheduled meeting becomes completed.',
  })
  @ApiOkResponse({ type: AttendanceSheetDto })
  record(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: RecordAttendanceDto,
  ): Promise<AttendanceSheetDto> {
    return this.attendance.record(actor, meetingId, dto);
  }

  @Get('meetings/:meetingId/attendance')
  @ApiOperation({
    summary: 'The attendance sheet, with its history',
    description:
      'The group’s facilitators and the programme’s managers (open events: programme staff): each person’s current ' +
      'record and every change to it, oldest first, with who made it.',
  })
  @ApiOkResponse({ type: AttendanceSheetDto })
  list(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<AttendanceSheetDto> {
    return this.attendance.list(actor, meetingId);
  }

  @Get('meetings/:meetingId/attendance/me')
  @ApiOperation({
    summary: 'My attendance at a meeting',
    description: 'Anyone who may see the meeting, for themself only. Status is null until attendance is taken.',
  })
  @ApiOkResponse({ type: MyAttendanceDto })
  mine(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<MyAttendanceDto> {
    return this.attendance.mine(actor, meetingId);
  }
}
