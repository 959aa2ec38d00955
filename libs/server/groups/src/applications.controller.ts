import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf, Refuses } from '@roundtable/server-core';
import { ApplicationsService } from './applications.service';
import { ApplicationDto, ApplicationQueryDto, CreateApplicationDto, DecisionDto } from './dto/application.dto';

const ApplicationPageDto = PageDtoOf(ApplicationDto);

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('groups/:groupId/applications')
  @Refuses({
    409: {
      group_closed: 'The group is closed and takes no new members',
      already_member: 'Your firm is already a member of the group',
      application_pending: 'Your firm already has an application waiting for a decision',
    },
  })
  @ApiOperation({
    summary: 'Apply to join a peer group',
    description:
      'People of a firm in the group’s programme, for their own firm (403 for staff; 404 outside the programme). ' +
      'The group must be forming or active (409 group_closed); the firm must not already be a member (409 ' +
      'already_member) nor have a pending application to it (409 application_pending). The application is screened ' +
      'for competitors (same 4-digit SIC class and local authority as a member) for the reviewer.',
  })
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiStandardErrors()
  apply(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Body() dto: CreateApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.apply(actor, groupId, dto);
  }

  @Get('groups/:groupId/applications')
  @ApiOperation({
    summary: 'List a group’s applications',
    description:
      'The group’s facilitators and the programme’s managers and admins (403 for others in the programme, 404 outside ' +
      'it). Pending applications are screened for competitors against the current members; q searches the firm name.',
  })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiStandardErrors()
  listForGroup(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Query() query: ApplicationQueryDto,
  ): Promise<Page<ApplicationDto>> {
    return this.applications.listForGroup(actor, groupId, query);
  }

  @Get('me/applications')
  @ApiOperation({
    summary: 'My firm’s applications',
    description:
      'Any signed-in user: the applications of the caller’s own firm (empty for staff without a firm); q searches the group name.',
  })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiStandardErrors()
  listMine(@CurrentActor() actor: Actor, @Query() query: ApplicationQueryDto): Promise<Page<ApplicationDto>> {
    return this.applications.listMine(actor, query);
  }

  @Get('applications/:applicationId')
  @ApiOperation({
    summary: 'Get an application',
    description:
      'The group’s facilitators, the programme’s managers and admins, and the applicant firm’s people (who do not see ' +
      'the competitor screening). Anyone else gets 404.',
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiStandardErrors()
  get(@CurrentActor() actor: Actor, @Param('applicationId', ParseUUIDPipe) id: string): Promise<ApplicationDto> {
    return this.applications.get(actor, id);
  }

  @Post('applications/:applicationId/approve')
  @Refuses({
    409: {
      application_not_pending: 'The application has already been decided or withdrawn',
      group_full: 'The group is full; the application stays pending',
      group_closed: 'The group is closed and takes no new members',
      already_member: 'The firm is already a member of the group',
    },
  })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve an application: the firm joins the group',
    description:
      'The group’s facilitators and the programme’s managers and admins; the applicant firm’s people get 403, anyone ' +
      'else 404. Pending applications only (409 application_not_pending). A full group answers 409 group_full and the ' +
      'application stays pending; a closed group 409 group_closed. A competitor conflict does not block approval.',
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiStandardErrors()
  approve(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
  ): Promise<ApplicationDto> {
    return this.applications.decide(actor, id, 'approved', dto.note);
  }

  @Post('applications/:applicationId/reject')
  @Refuses({ 409: { application_not_pending: 'The application has already been decided or withdrawn' } })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject an application',
    description:
      'The group’s facilitators and the programme’s managers and admins; the applicant firm’s people get 403, anyone ' +
      'else 404. Pending applications only (409 application_not_pending).',
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiStandardErrors()
  reject(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
  ): Promise<ApplicationDto> {
    return this.applications.decide(actor, id, 'rejected', dto.note);
  }

  @Post('applications/:applicationId/withdraw')
  @Refuses({ 409: { application_not_pending: 'The application has already been decided or withdrawn' } })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw an application',
    description:
      'The applicant firm’s people; the group’s reviewers get 403, anyone else 404. Pending applications only (409 ' +
      'application_not_pending).',
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiStandardErrors()
  withdraw(@CurrentActor() actor: Actor, @Param('applicationId', ParseUUIDPipe) id: string): Promise<ApplicationDto> {
    return this.applications.withdraw(actor, id);
  }
}
