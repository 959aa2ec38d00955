import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf, Refuses } from '@roundtable/server-core';
import { CreateGroupDto, GroupDto, GroupQueryDto, UpdateGroupDto } from './dto/group.dto';
import { GroupHealthDto, GroupHealthQueryDto } from './dto/group-health.dto';
import { RosterEntryDto, RosterQueryDto } from './dto/roster.dto';
import { GroupHealthService } from './group-health.service';
import { GroupsService } from './groups.service';

const GroupPageDto = PageDtoOf(GroupDto);

@ApiTags('groups')
@ApiBearerAuth()
@Controller()
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly groupHealth: GroupHealthService,
  ) {}

  @Get('programmes/:programmeId/groups')
  @ApiOperation({
    summary: 'List a programme’s peer groups',
    description:
      'Anyone taking part in the programme (members browse groups to apply to); 404 otherwise. Each group shows its ' +
      'active member count and facilitators, never its roster.',
  })
  @ApiOkResponse({ type: GroupPageDto })
  @ApiStandardErrors()
  list(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Query() query: GroupQueryDto,
  ): Promise<Page<GroupDto>> {
    return this.groups.list(actor, programmeId, query);
  }

  @Post('programmes/:programmeId/groups')
  @Refuses({ 409: { group_name_taken: 'The programme already has a group with this name' } })
  @ApiOperation({
    summary: 'Create a peer group',
    description:
      'The programme’s managers and admins (403 for other participants). 409 group_name_taken when the name is in use.',
  })
  @ApiCreatedResponse({ type: GroupDto })
  @ApiStandardErrors()
  create(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Body() dto: CreateGroupDto,
  ): Promise<GroupDto> {
    return this.groups.create(actor, programmeId, dto);
  }

  @Get('me/groups')
  @ApiOperation({
    summary: 'My groups',
    description:
      'Any signed-in user: the groups they facilitate and the groups their firm is currently a member of, by name, each ' +
      'with its member count and next session. Programme managers list their programmes’ groups with ' +
      'GET /programmes/{programmeId}/groups.',
  })
  @ApiOkResponse({ type: [GroupDto] })
  @ApiStandardErrors()
  mine(@CurrentActor() actor: Actor): Promise<GroupDto[]> {
    return this.groups.mine(actor);
  }

  @Get('groups/:groupId')
  @ApiOperation({ summary: 'Get a peer group', description: 'Anyone taking part in the group’s programme (404 otherwise).' })
  @ApiOkResponse({ type: GroupDto })
  @ApiStandardErrors()
  get(@CurrentActor() actor: Actor, @Param('groupId', ParseUUIDPipe) id: string): Promise<GroupDto> {
    return this.groups.get(actor, id);
  }

  @Patch('groups/:groupId')
  @Refuses({
    409: {
      capacity_below_members: 'Capacity cannot be lower than the number of firms in the group',
      group_name_taken: 'The programme already has a group with this name',
    },
  })
  @ApiOperation({
    summary: 'Change a peer group',
    description:
      'The programme’s managers and admins may change any field; the group’s own facilitators only theme, defaultVenue ' +
      'and defaultMeetingLink (403 if they send any other field). Others in the programme get 403. Lowering capacity ' +
      'below the active member count answers 409 capacity_below_members.',
  })
  @ApiOkResponse({ type: GroupDto })
  @ApiStandardErrors()
  update(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) id: string,
    @Body() dto: UpdateGroupDto,
  ): Promise<GroupDto> {
    return this.groups.update(actor, id, dto);
  }

  @Put('groups/:groupId/facilitators/:userId')
  @ApiOperation({
    summary: 'Make a user a facilitator of the group',
    description:
      'The programme’s managers and admins (403 for other participants). The user must already be staff of the ' +
      'programme (a manager of it, a facilitator of one of its groups, or a facilitator in its pool, recruited ' +
      'without a group); anyone else (an unknown id, someone of another programme or of another programme’s pool, a ' +
      'person of a firm) gets the same 404. Idempotent. A pool facilitator keeps their place in the pool, and from ' +
      'now on sees this group as its facilitator. To bring someone new in as a facilitator, use POST /api/invitations ' +
      'with role=facilitator (without groupId to recruit into the pool).',
  })
  @ApiOkResponse({ type: GroupDto })
  @ApiStandardErrors()
  addFacilitator(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<GroupDto> {
    return this.groups.setFacilitator(actor, groupId, userId, true);
  }

  @Delete('groups/:groupId/facilitators/:userId')
  @ApiOperation({
    summary: 'Stop a user facilitating the group',
    description:
      'The programme’s managers and admins (403 for other participants). The user must be staff of the programme ' +
      '(404 otherwise, the same answer as for an unknown id). Idempotent. A facilitator recruited into the ' +
      'programme’s pool stays in it.',
  })
  @ApiOkResponse({ type: GroupDto })
  @ApiStandardErrors()
  removeFacilitator(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<GroupDto> {
    return this.groups.setFacilitator(actor, groupId, userId, false);
  }

  @Get('groups/:groupId/health')
  @ApiOperation({
    summary: 'How the group is doing',
    description:
      'The group’s facilitators, the programme’s managers and admins; anyone else taking part in the programme gets ' +
      '403, and outside it 404. The last `sessions` held sessions (attendance taken), oldest first, each with its ' +
      'confirmed bookings, who came and its attendance rate (present or late over confirmed bookings); and the people ' +
      'of current member firms who came to neither of the last two held sessions.',
  })
  @ApiOkResponse({ type: GroupHealthDto })
  @ApiStandardErrors()
  health(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Query() query: GroupHealthQueryDto,
  ): Promise<GroupHealthDto> {
    return this.groupHealth.health(actor, groupId, query);
  }

  @Get('groups/:groupId/members')
  @ApiOperation({
    summary: 'The group’s roster',
    description:
      'The group’s facilitators, the programme’s managers and admins, and people of firms that are currently active ' +
      'members of this group. Anyone else taking part in the programme (a member or facilitator of another group) ' +
      'gets 403, not 404: the group itself is listed for them to apply to, only its roster is private. Outside the ' +
      'programme: 404. status=left|removed|all (the history) is for the group’s facilitators and managers; members ' +
      'see active memberships only (403 otherwise).',
  })
  @ApiOkResponse({ type: [RosterEntryDto] })
  @ApiStandardErrors()
  roster(
    @CurrentActor() actor: Actor,
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Query() query: RosterQueryDto,
  ): Promise<RosterEntryDto[]> {
    return this.groups.roster(actor, groupId, query);
  }
}
