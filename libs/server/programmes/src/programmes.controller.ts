import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf, Refuses } from '@roundtable/server-core';
import { ProgrammeOverviewDto } from './dto/programme-overview.dto';
import { ProgrammePeopleQueryDto, ProgrammePersonDto } from './dto/programme-person.dto';
import { CreateProgrammeDto, ProgrammeDto, ProgrammeQueryDto, UpdateProgrammeDto } from './dto/programme.dto';
import { ProgrammesService } from './programmes.service';

const ProgrammePageDto = PageDtoOf(ProgrammeDto);
const ProgrammePersonPageDto = PageDtoOf(ProgrammePersonDto);

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @ApiOperation({
    summary: 'List programmes',
    description: 'Admins see all; everyone else sees the programmes they take part in.',
  })
  @ApiOkResponse({ type: ProgrammePageDto })
  @ApiStandardErrors()
  list(@CurrentActor() actor: Actor, @Query() query: ProgrammeQueryDto): Promise<Page<ProgrammeDto>> {
    return this.programmes.list(actor, query);
  }

  @Post()
  @Refuses({
    400: {
      invalid_reminder_offsets: 'Reminder offsets must be distinct',
      invalid_completion_rule: 'completionMinAttended must be between 1 and completionOfSessions',
    },
  })
  @ApiOperation({ summary: 'Create a programme', description: 'Admins only.' })
  @ApiCreatedResponse({ type: ProgrammeDto })
  @ApiStandardErrors()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProgrammeDto): Promise<ProgrammeDto> {
    return this.programmes.create(actor, dto);
  }

  @Get(':programmeId')
  @ApiOperation({ summary: 'Get a programme', description: 'Anyone taking part in it (404 otherwise).' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiStandardErrors()
  get(@CurrentActor() actor: Actor, @Param('programmeId', ParseUUIDPipe) id: string): Promise<ProgrammeDto> {
    return this.programmes.get(actor, id);
  }

  @Patch(':programmeId')
  @Refuses({
    400: {
      invalid_reminder_offsets: 'Reminder offsets must be distinct',
      invalid_completion_rule: 'completionMinAttended must be between 1 and completionOfSessions',
    },
  })
  @ApiOperation({ summary: 'Change a programme', description: 'Its programme managers and admins (403 for other participants).' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiStandardErrors()
  update(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProgrammeDto,
  ): Promise<ProgrammeDto> {
    return this.programmes.update(actor, id, dto);
  }

  @Get(':programmeId/overview')
  @ApiOperation({
    summary: 'A programme at a glance',
    description:
      'The programme’s managers and admins (403 for its facilitators and members; 404 outside your programmes). ' +
      'Its groups by status, its firms (and how many are in a group now), its facilitators, and the scheduled ' +
      'group sessions and open events of the next 30 days.',
  })
  @ApiOkResponse({ type: ProgrammeOverviewDto })
  @ApiStandardErrors()
  overview(@CurrentActor() actor: Actor, @Param('programmeId', ParseUUIDPipe) id: string): Promise<ProgrammeOverviewDto> {
    return this.programmes.overview(actor, id);
  }

  @Get(':programmeId/people')
  @ApiOperation({
    summary: 'The people of a programme',
    description:
      'The programme’s managers and admins (403 for its facilitators and members; 404 outside your programmes). ' +
      'Everyone holding a role in it, by name, each with all their roles there: its managers, the facilitators of its ' +
      'groups, the people of its firms. role=facilitator gives the people to choose from when assigning a facilitator ' +
      '(PUT /groups/{groupId}/facilitators/{userId}); q searches name and email. People invited who have not accepted ' +
      'yet have no account: GET /invitations lists them.',
  })
  @ApiOkResponse({ type: ProgrammePersonPageDto })
  @ApiStandardErrors()
  people(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Query() query: ProgrammePeopleQueryDto,
  ): Promise<Page<ProgrammePersonDto>> {
    return this.programmes.people(actor, id, query);
  }
}
