import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  ApiStandardErrors,
  CurrentActor,
  Page,
  PageDtoOf,
  Public,
  Refuses,
} from '@roundtable/server-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from './auth.service';
import { clientMeta, setSessionCookie } from './auth.controller';
import { SessionDto } from './dto/auth.dto';
import { AcceptInvitationDto, CreateInvitationDto, InvitationDto, InvitationQueryDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

const InvitationPageDto = PageDtoOf(InvitationDto);

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Invite a person',
    description:
      'Admins invite anyone; programme managers invite managers, facilitators and people of firms in their programme; ' +
      'a facilitator is invited into a group (groupId), or without one into the programme’s facilitator pool ' +
      '(programmeId): once accepted they are listed among the programme’s people with role facilitator and no group, ' +
      'see nothing of any group, and a manager assigns them one later (PUT /groups/{groupId}/facilitators/{userId}); ' +
      'facilitators and a firm’s own people invite people of that firm. The answer is the same whether or not the email ' +
      'already has an account: a pending invitation. No account exists until its link is followed. The invitation is ' +
      'emailed with a single-use set-password link that no API answer ever carries. Inviting the same email into the ' +
      'same role again renews the pending invitation: an admin or manager renews its expiry, has it emailed again with a ' +
      'new link (which replaces the earlier one once sent) and becomes its inviter, and the renewal counts against their ' +
      'quota like a new invitation, also when the invitation had expired; anyone else gets the pending invitation back ' +
      'unchanged. Pending invitations are capped per inviter and per firm (409 invitation_quota_reached).',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  @Refuses({
    409: { invitation_quota_reached: 'Too many pending invitations by you, or into this firm; the message names the limit' },
  })
  @ApiStandardErrors()
  invite(@CurrentActor() actor: Actor, @Body() dto: CreateInvitationDto): Promise<InvitationDto> {
    return this.invitations.invite(actor, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Pending invitations',
    description:
      'Invitations not yet accepted nor withdrawn (status expired once the link no longer works). Admins see all; a ' +
      'programme’s managers see its invitations; its facilitators those into its firms; a firm’s people those into ' +
      'their firm. Newest last unless order=desc; q searches name and email. programmeId narrows the list to one ' +
      'programme: 404 when it is not one of the caller’s programmes; inside it, still only the invitations they may ' +
      'see (an empty page when there are none).',
  })
  @ApiOkResponse({ type: InvitationPageDto })
  @ApiStandardErrors()
  list(@CurrentActor() actor: Actor, @Query() query: InvitationQueryDto): Promise<Page<InvitationDto>> {
    return this.invitations.list(actor, query);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Withdraw a pending invitation',
    description:
      'Admins and the programme’s managers; the programme’s facilitators for invitations into a firm. A firm’s own ' +
      'people get 403; anyone who cannot see the invitation 404. Its link stops working. Idempotent; an accepted ' +
      'invitation answers 409 invitation_accepted.',
  })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @Refuses({ 409: { invitation_accepted: 'The invitation has already been accepted' } })
  @ApiStandardErrors()
  async withdraw(@CurrentActor() actor: Actor, @Param('invitationId', ParseUUIDPipe) invitationId: string): Promise<void> {
    await this.invitations.withdraw(actor, invitationId);
  }

  @Post(':invitationId/resend')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email a pending invitation again',
    description:
      'Whoever sent (or last renewed) the invitation, and the programme’s staff who may withdraw it: its managers and ' +
      'admins, and its facilitators for invitations into a firm. Anyone else who can see it (a firm’s other people) ' +
      'gets 403; anyone who cannot, 404. Owes a new email whose new link replaces the earlier one once it is sent; ' +
      'the inviter stays the same. An expired invitation gets a new expiry and counts against the inviter’s and the ' +
      'firm’s quotas again (409 invitation_quota_reached). At most one email per invitation a minute, counting the ' +
      'first one and renewals (429 with Retry-After); past that, while an earlier email is still waiting to go out, ' +
      'nothing more is owed and the answer is the same 202. Accepted or withdrawn invitations answer 409.',
  })
  @ApiAcceptedResponse({ type: InvitationDto, description: 'The email is on its way' })
  @Refuses({
    409: {
      invitation_accepted: 'The invitation has already been accepted',
      invitation_withdrawn: 'The invitation has been withdrawn: invite the person again',
      invitation_quota_reached: 'Reviving this expired invitation would pass the inviter’s or the firm’s quota',
    },
    429: { invitation_resend_too_soon: 'It was emailed less than a minute ago; Retry-After says when it can be sent again' },
  })
  @ApiStandardErrors()
  resend(@CurrentActor() actor: Actor, @Param('invitationId', ParseUUIDPipe) invitationId: string): Promise<InvitationDto> {
    return this.invitations.resend(actor, invitationId);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation from its link',
    description:
      'Public: the token (from the invitation email) is the credential. For a new email, creates the account with ' +
      'this password; when the email already has an account, the password must be that account’s (it is not ' +
      'changed). Grants the invitation and ' +
      'signs the person in. Attempts with an invalid token are limited per client address (429 with Retry-After). ' +
      'The grant must still be one its inviter (whoever sent or last renewed the link) may make: an admin, a manager ' +
      'of the programme, or for a place in a firm also a facilitator in the programme or a person of that firm. If ' +
      'the inviter has since lost that role, left the firm, or been deactivated or deleted, the answer is 409 ' +
      'inviter_no_longer_authorised and nothing is granted; the invitation stays pending, for staff to withdraw or for ' +
      'a manager to renew (the renewing manager becomes its inviter).',
  })
  @ApiOkResponse({ type: SessionDto })
  @Refuses({
    400: { invitation_invalid: 'The token is unknown, used, withdrawn or expired, or the account is disabled' },
    401: { invalid_credentials: 'The email already has an account and this is not its password' },
    409: {
      account_is_firm_member: 'The account belongs to a firm: staff roles go to staff accounts',
      invitation_not_applicable: 'The account belongs to another firm or to programme staff, so it cannot join this firm',
      inviter_no_longer_authorised:
        'Whoever sent or last renewed the invitation may no longer grant it (lost the role, left the firm, deactivated)',
    },
    429: {
      too_many_invitation_attempts: 'Too many invalid links from this address; Retry-After says when to try again',
      too_many_login_attempts: 'Too many wrong passwords for the existing account (the login limits apply)',
    },
  })
  async accept(
    @Body() dto: AcceptInvitationDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SessionDto> {
    const session = await this.invitations.accept(dto, clientMeta(req));
    setSessionCookie(res, session, this.config.SESSION_COOKIE_SECURE);
    return { token: session.token, expiresAt: session.expiresAt, user: await this.auth.me(session.userId) };
  }
}
