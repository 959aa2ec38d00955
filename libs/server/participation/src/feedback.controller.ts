import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Refuses } from '@roundtable/server-core';
import { CreateFeedbackDto, FeedbackDto, MeetingFeedbackDto } from './dto/feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('feedback')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller()
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post('meetings/:meetingId/feedback')
  @Refuses({
    403: { not_attended: 'Feedback is for people recorded as present or late' },
    409: { feedback_exists: 'You have already given feedback on this meeting' },
  })
  @ApiOperation({
    summary: 'Give feedback on a meeting',
    description: 'Your own, once per meeting, only if you were recorded as present or late (403 not_attended otherwise).',
  })
  @ApiCreatedResponse({ type: FeedbackDto })
  create(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: CreateFeedbackDto,
  ): Promise<FeedbackDto> {
    return this.feedback.create(actor, meetingId, dto);
  }

  @Get('meetings/:meetingId/feedback/mine')
  @Refuses({ 404: { feedback_not_found: 'You have not given feedback on this meeting (yet)' } })
  @ApiOperation({
    summary: 'Your own feedback on a meeting',
    description:
      'Anyone who may see the meeting, as for giving feedback (outside its programme 404, inside but not one of its ' +
      'members or staff 403): the feedback the caller gave, never anyone else’s; 404 feedback_not_found when they ' +
      'have given none. Lets a member see that they already gave feedback.',
  })
  @ApiOkResponse({ type: FeedbackDto })
  mine(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<FeedbackDto> {
    return this.feedback.mine(actor, meetingId);
  }

  @Get('meetings/:meetingId/feedback')
  @ApiOperation({
    summary: 'Feedback on a meeting, with its summary',
    description:
      'The group’s facilitators and the programme’s managers (open events: programme staff): every answer with the ' +
      'member’s name, the average usefulness and the Net Promoter Score.',
  })
  @ApiOkResponse({ type: MeetingFeedbackDto })
  list(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<MeetingFeedbackDto> {
    return this.feedback.list(actor, meetingId);
  }
}
