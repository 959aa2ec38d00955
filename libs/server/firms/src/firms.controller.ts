import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf, Refuses } from '@roundtable/server-core';
import { CreateFirmDto, FirmDto, FirmPersonDto, FirmQueryDto, UpdateFirmDto } from './dto/firm.dto';
import { FirmsService } from './firms.service';

const FirmPageDto = PageDtoOf(FirmDto);

@ApiTags('firms')
@ApiBearerAuth()
@Controller()
export class FirmsController {
  constructor(private readonly firms: FirmsService) {}

  @Get('programmes/:programmeId/firms')
  @ApiOperation({
    summary: 'List the firms of a programme',
    description:
      'The programme’s managers, the facilitators of any of its groups, and admins. Members get 403 (they see their own ' +
      'firm through GET /firms/{firmId}); other programmes answer 404. Filters: q (name), localAuthorityCode, sicCode ' +
      '(a 2–5 digit prefix), employeeBand.',
  })
  @ApiOkResponse({ type: FirmPageDto })
  @ApiStandardErrors()
  list(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Query() query: FirmQueryDto,
  ): Promise<Page<FirmDto>> {
    return this.firms.list(actor, programmeId, query);
  }

  @Post('programmes/:programmeId/firms')
  @Refuses({
    400: { invalid_postcode: 'postcode is not a UK postcode' },
    409: { duplicate_companies_house_number: 'The company is already in the programme' },
  })
  @ApiOperation({
    summary: 'Add a firm to a programme',
    description:
      'The programme’s managers and admins (403 for its facilitators and members; 404 outside your programmes). ' +
      'People join the firm through POST /invitations with role=member.',
  })
  @ApiCreatedResponse({ type: FirmDto })
  @ApiStandardErrors()
  create(
    @CurrentActor() actor: Actor,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Body() dto: CreateFirmDto,
  ): Promise<FirmDto> {
    return this.firms.create(actor, programmeId, dto);
  }

  @Get('firms/:firmId')
  @ApiOperation({
    summary: 'Get a firm',
    description: 'The firm’s own people, the staff of its programme (managers, facilitators) and admins; 404 for anyone else.',
  })
  @ApiOkResponse({ type: FirmDto })
  @ApiStandardErrors()
  get(@CurrentActor() actor: Actor, @Param('firmId', ParseUUIDPipe) firmId: string): Promise<FirmDto> {
    return this.firms.get(actor, firmId);
  }

  @Patch('firms/:firmId')
  @Refuses({
    400: { invalid_postcode: 'postcode is not a UK postcode' },
    409: { duplicate_companies_house_number: 'The company is already in the programme' },
  })
  @ApiOperation({
    summary: 'Change a firm',
    description:
      'The firm’s own people, the programme’s managers and admins. Facilitators of the programme get 403; anyone else 404.',
  })
  @ApiOkResponse({ type: FirmDto })
  @ApiStandardErrors()
  update(
    @CurrentActor() actor: Actor,
    @Param('firmId', ParseUUIDPipe) firmId: string,
    @Body() dto: UpdateFirmDto,
  ): Promise<FirmDto> {
    return this.firms.update(actor, firmId, dto);
  }

  @Get('firms/:firmId/people')
  @ApiOperation({
    summary: 'List the people of a firm',
    description:
      'Who may call it: as for GET /firms/{firmId} (the firm’s own people, programme staff, admins; 404 otherwise). ' +
      'Ordered by name. Add a person with POST /invitations (role=member, firmId).',
  })
  @ApiOkResponse({ type: [FirmPersonDto] })
  @ApiStandardErrors()
  people(@CurrentActor() actor: Actor, @Param('firmId', ParseUUIDPipe) firmId: string): Promise<FirmPersonDto[]> {
    return this.firms.people(actor, firmId);
  }
}
