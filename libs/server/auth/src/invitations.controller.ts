import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, APP_CONFIG, AppConfig, ApiStandardErrors, CurrentActor, ErrorDto, Public } from '@roundtable/server-core';
import type { Request, Response } from 'express';
import { AuthService } from './auth.service';
import { clientMeta, setSessionCookie } from './auth.controller';
import { SessionDto } from './dto/auth.dto';
import { AcceptInvitationDto, CreateInvitationDto, InvitationResultDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

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
      'Admins invite anyone; programme managers invite managers, facilitators (of a group) and people of firms in their programme; ' +
      'facilitators and a firm’s own people invite people of that firm. Returns the single-use set-password link.',
  })
  @ApiCreatedResponse({ type: InvitationResultDto })
  @ApiStandardErrors()
  invite(@CurrentActor() actor: Actor, @Body() dto: CreateInvitationDto): Promise<InvitationResultDto> {
    return this.invitations.invite(actor, dto);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a password from an invitation link',
    description: 'Public: the token is the credential. Signs the person in.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid, used or expired token, or a weak password' })
  async accept(
    @Body() dto: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto> {
    const session = await this.invitations.accept(dto, clientMeta(req));
    setSessionCookie(res, session, this.config.SESSION_COOKIE_SECURE);
    return { token: session.token, expiresAt: session.expiresAt, user: await this.auth.me(session.userId) };
  }
}
