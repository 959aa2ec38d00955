import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Refuses } from '@roundtable/server-core';
import { EndMembershipDto, MembershipDto } from './dto/membership.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('memberships')
@ApiBearerAuth()
@Controller()
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get('firms/:firmId/memberships')
  @ApiOperation({
    summary: 'A firm’s memberships, past and present',
    description:
      'The firm’s own people and the staff of its programme (its managers, admins and facilitators of any of its ' +
      'groups). People of other firms in the programme get 403; anyone outside it 404. Newest first.',
  })
  @ApiOkResponse({ type: [MembershipDto] })
  @ApiStandardErrors()
  forFirm(@CurrentActor() actor: Actor, @Param('firmId', ParseUUIDPipe) firmId: string): Promise<MembershipDto[]> {
    return this.memberships.forFirm(actor, firmId);
  }

  @Post('memberships/:membershipId/leave')
  @Refuses({ 409: { membership_not_active: 'The membership has already ended' } })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Leave a group',
    description:
      'The member firm’s own people (403 for others in the programme, 404 outside it). Active memberships only (409 ' +
      'membership_not_active). The row is kept as history; rejoining takes a new application.',
  })
  @ApiOkResponse({ type: MembershipDto })
  @ApiStandardErrors()
  leave(
    @CurrentActor() actor: Actor,
    @Param('membershipId', ParseUUIDPipe) id: string,
    @Body() dto: EndMembershipDto,
  ): Promise<MembershipDto> {
    return this.memberships.leave(actor, id, dto.reason);
  }

  @Post('memberships/:membershipId/remove')
  @Refuses({ 409: { membership_not_active: 'The membership has already ended' } })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Remove a firm from a group',
    description:
      'The group’s facilitators and the programme’s managers and admins (403 for others in the programme, 404 outside ' +
      'it). Active memberships only (409 membership_not_active). The row is kept as history.',
  })
  @ApiOkResponse({ type: MembershipDto })
  @ApiStandardErrors()
  remove(
    @CurrentActor() actor: Actor,
    @Param('membershipId', ParseUUIDPipe) id: string,
    @Body() dto: EndMembershipDto,
  ): Promise<MembershipDto> {
    return this.memberships.remove(actor, id, dto.reason);
  }
}
