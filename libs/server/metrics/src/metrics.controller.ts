import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Refuses } from '@roundtable/server-core';
import { ActionMetricsService } from './action-metrics.service';
import { ActionMetricsDto } from './dto/action-metrics.dto';
import { ParticipationMetricsDto, ParticipationMetricsQueryDto } from './dto/participation-metrics.dto';
import { RetentionMetricsDto } from './dto/retention-metrics.dto';
import { SatisfactionMetricsDto } from './dto/satisfaction-metrics.dto';
import { ParticipationMetricsService } from './participation-metrics.service';
import { RetentionMetricsService } from './retention-metrics.service';
import { SatisfactionMetricsService } from './satisfaction-metrics.service';

const ACCESS =
  'Admins see every programme; a programme’s managers all of theirs; its facilitators their own groups only (naming ' +
  'another group is 404); anyone else taking part in the programme gets 403, and outside it 404. Read from summaries ' +
  'the worker rebuilds within seconds of a change (METRICS_REFRESH_MS); definitions in docs/metrics.md.';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly participationMetrics: ParticipationMetricsService,
    private readonly retentionMetrics: RetentionMetricsService,
    private readonly actionMetrics: ActionMetricsService,
    private readonly satisfactionMetrics: SatisfactionMetricsService,
  ) {}

  @Get('participation')
  @ApiOperation({
    summary: 'Participation figures, in total and month by month',
    description:
      'Sessions, the booking-to-attendance funnel, attendance and no-show rates, apologies, waitlist demand and how ' +
      'people joined hybrid sessions, for group sessions, by month in the programme’s time zone. Admins see every ' +
      'programme; a programme’s managers all of theirs; its facilitators their own groups only (naming another ' +
      'group is 404); anyone else taking part in the programme gets 403, and outside it 404. Read from summaries ' +
      'the worker rebuilds within seconds of a change (METRICS_REFRESH_MS); definitions in docs/metrics.md.',
  })
  @ApiOkResponse({ type: ParticipationMetricsDto })
  @ApiStandardErrors()
  @Refuses({ 400: { programme_required: 'programmeId left out by someone who is not an admin' } })
  participation(@CurrentActor() actor: Actor, @Query() query: ParticipationMetricsQueryDto): Promise<ParticipationMetricsDto> {
    return this.participationMetrics.participation(actor, query);
  }

  @Get('retention')
  @ApiOperation({
    summary: 'Completion, drop-out, members at risk and cohort retention',
    description:
      'Members (people who attended a group session) by the month of their first session in the programme’s time zone: ' +
      'how many met the programme’s completion rule, dropped out after one, two or three sessions, or are at risk ' +
      '(missed the last two sessions), and each cohort’s retention curve. ' +
      ACCESS,
  })
  @ApiOkResponse({ type: RetentionMetricsDto })
  @ApiStandardErrors()
  @Refuses({ 400: { programme_required: 'programmeId left out by someone who is not an admin' } })
  retention(@CurrentActor() actor: Actor, @Query() query: ParticipationMetricsQueryDto): Promise<RetentionMetricsDto> {
    return this.retentionMetrics.retention(actor, query);
  }

  @Get('actions')
  @ApiOperation({
    summary: 'Action learning: commitments made, reviewed, done, and the median days to done',
    description:
      'Commitments made at held group sessions per member attending, the share reviewed at a later session, the ' +
      'shares done, partly done and dropped, and the exact median days from the session to done, by the month of ' +
      'the session in the programme’s time zone. ' +
      ACCESS,
  })
  @ApiOkResponse({ type: ActionMetricsDto })
  @ApiStandardErrors()
  @Refuses({ 400: { programme_required: 'programmeId left out by someone who is not an admin' } })
  actions(@CurrentActor() actor: Actor, @Query() query: ParticipationMetricsQueryDto): Promise<ActionMetricsDto> {
    return this.actionMetrics.actions(actor, query);
  }

  @Get('satisfaction')
  @ApiOperation({
    summary: 'Satisfaction: mean usefulness, Net Promoter Score and feedback response rate',
    description:
      'Feedback on held group sessions from people who attended them: how many rated each usefulness value and the ' +
      'mean, promoters, passives, detractors and the NPS, and responses over attendees, by the month of the session ' +
      'in the programme’s time zone. ' +
      ACCESS,
  })
  @ApiOkResponse({ type: SatisfactionMetricsDto })
  @ApiStandardErrors()
  @Refuses({ 400: { programme_required: 'programmeId left out by someone who is not an admin' } })
  satisfaction(@CurrentActor() actor: Actor, @Query() query: ParticipationMetricsQueryDto): Promise<SatisfactionMetricsDto> {
    return this.satisfactionMetrics.satisfaction(actor, query);
  }
}
