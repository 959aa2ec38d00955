import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf, Refuses } from '@roundtable/server-core';
import { CommitmentsService } from './commitments.service';
import {
  CommitmentDto,
  CommitmentRevisionDto,
  CreateCommitmentDto,
  MyCommitmentsQueryDto,
  UpdateCommitmentDto,
} from './dto/commitment.dto';

const CommitmentPageDto = PageDtoOf(CommitmentDto);

@ApiTags('commitments')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller()
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Post('meetings/:meetingId/commitments')
  @Refuses({
    400: { not_on_roster: 'userId is not on the meeting’s roster' },
    409: { meeting_cancelled: 'Commitments are not made at a cancelled meeting' },
  })
  @ApiOperation({
    summary: 'Commit to an action at a meeting',
    description:
      'A member for themself (they must be on the meeting’s roster), or the group’s facilitators and the programme’s ' +
      'managers (open events: programme staff) for anyone on the roster. Not at a cancelled meeting.',
  })
  @ApiCreatedResponse({ type: CommitmentDto })
  create(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: CreateCommitmentDto,
  ): Promise<CommitmentDto> {
    return this.commitments.create(actor, meetingId, dto);
  }

  @Get('meetings/:meetingId/commitments')
  @ApiOperation({
    summary: 'Commitments made at a meeting',
    description:
      'The meeting’s facilitators and managers (open events: programme staff) see all of them; a member who may see ' +
      'the meeting sees their own.',
  })
  @ApiOkResponse({ type: [CommitmentDto] })
  listForMeeting(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<CommitmentDto[]> {
    return this.commitments.listForMeeting(actor, meetingId);
  }

  @Get('meetings/:meetingId/review')
  @ApiOperation({
    summary: 'Commitments to report back on when the session opens',
    description:
      'Open commitments made at earlier meetings of the same group (an open event: made earlier in the programme by the ' +
      'people on its roster), oldest meeting first. The meeting’s facilitators and managers see all; a member their own.',
  })
  @ApiOkResponse({ type: [CommitmentDto] })
  review(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<CommitmentDto[]> {
    return this.commitments.review(actor, meetingId);
  }

  @Patch('commitments/:commitmentId')
  @Refuses({
    400: {
      nothing_to_change: 'The body changes nothing',
      invalid_reviewed_meeting:
        'reviewedMeetingId is not a later meeting of the same group (or a later open event of the programme)',
    },
  })
  @ApiOperation({
    summary: 'Report on or edit a commitment',
    description:
      'The member who committed, or the facilitators and managers of the meeting it was made at (others in the ' +
      'programme: 403; outside it: 404). Status and outcome changes are kept in the history; reviewedMeetingId records ' +
      'the session it was reviewed at.',
  })
  @ApiOkResponse({ type: CommitmentDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('commitmentId', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCommitmentDto,
  ): Promise<CommitmentDto> {
    return this.commitments.update(actor, id, dto);
  }

  @Get('commitments/:commitmentId/history')
  @ApiOperation({
    summary: 'Every status and outcome change of a commitment',
    description: 'As for changing it: the member who committed, or the meeting’s facilitators and managers. Oldest first.',
  })
  @ApiOkResponse({ type: [CommitmentRevisionDto] })
  history(@CurrentActor() actor: Actor, @Param('commitmentId', ParseUUIDPipe) id: string): Promise<CommitmentRevisionDto[]> {
    return this.commitments.history(actor, id);
  }

  @Get('me/commitments')
  @ApiOperation({
    summary: 'My commitments',
    description: 'Any signed-in user: their own commitments from every meeting, newest first, optionally by status.',
  })
  @ApiOkResponse({ type: CommitmentPageDto })
  mine(@CurrentActor() actor: Actor, @Query() query: MyCommitmentsQueryDto): Promise<Page<CommitmentDto>> {
    return this.commitments.mine(actor, query);
  }
}
