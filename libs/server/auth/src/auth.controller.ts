import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCookieAuth,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, APP_CONFIG, AppConfig, ApiStandardErrors, CurrentActor, Public, Refuses } from '@roundtable/server-core';
import type {} from '@fastify/cookie'; // its reply.setCookie and request.cookies
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, ClientMeta } from './auth.service';
import { ChangePasswordDto, LoginDto, MeDto, SessionDto, UpdateMeDto } from './dto/auth.dto';
import { ConfirmPasswordResetDto, PasswordResetRequestedDto, RequestPasswordResetDto } from './dto/password-reset.dto';
import { PASSWORD_RESET_REQUESTED, PasswordResetService } from './password-reset.service';
import { IssuedSession } from './session.service';
import { SESSION_COOKIE } from './tokens';

export function clientMeta(req: FastifyRequest): ClientMeta {
  return { ip: req.ip || 'unknown', userAgent: req.headers['user-agent'] };
}

export function setSessionCookie(res: FastifyReply, session: IssuedSession, secure: boolean): void {
  res.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
}

@ApiTags('auth')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordResets: PasswordResetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Public. Sets the rt_session cookie and returns the same token. Failed attempts are limited per account and ' +
      'client address, per address, and per account from every address together (429 with Retry-After); successful ' +
      'sign-ins are not counted.',
  })
  @ApiOkResponse({ type: SessionDto })
  @Refuses({
    401: { invalid_credentials: 'Email or password is incorrect (the same answer for an unknown email and a disabled account)' },
    429: { too_many_login_attempts: 'Too many failed attempts; Retry-After says when to try again' },
  })
  async login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SessionDto> {
    const session = await this.auth.login(dto.email, dto.password, clientMeta(req));
    setSessionCookie(res, session, this.config.SESSION_COOKIE_SECURE);
    return session;
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password reset link',
    description:
      'Public. Answers 202 with the same body whether the email is unknown, belongs to a disabled account or to an ' +
      'active one; only an active account is emailed a link, which works once, for an hour from when it is sent. A ' +
      'new request replaces the account’s earlier links. Requests are limited per client address and per email, ' +
      'known or not (429 with Retry-After).',
  })
  @ApiAcceptedResponse({ type: PasswordResetRequestedDto })
  @Refuses({
    429: { too_many_password_reset_requests: 'Too many requests from this address or for this email; Retry-After says when' },
  })
  async requestPasswordReset(
    @Body() dto: RequestPasswordResetDto,
    @Req() req: FastifyRequest,
  ): Promise<PasswordResetRequestedDto> {
    await this.passwordResets.request(dto.email, clientMeta(req));
    return { message: PASSWORD_RESET_REQUESTED };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a new password from a reset link',
    description:
      'Public: the token from the email is the credential. Sets the password, uses up this link and every other ' +
      'open reset link of the account, ends every session of the account and, as a password change does, signs ' +
      'the caller in with a fresh session (also set as the rt_session cookie). Invalid links are limited per client ' +
      'address (429 with Retry-After); the token is checked before any password work.',
  })
  @ApiOkResponse({ type: SessionDto })
  @Refuses({
    400: {
      password_reset_invalid: 'The link is unknown, already used, replaced by a newer one or expired, or the account is disabled',
    },
    429: { too_many_password_reset_attempts: 'Too many invalid links from this address; Retry-After says when to try again' },
  })
  async confirmPasswordReset(
    @Body() dto: ConfirmPasswordResetDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SessionDto> {
    const session = await this.passwordResets.confirm(dto, clientMeta(req));
    setSessionCookie(res, session, this.config.SESSION_COOKIE_SECURE);
    return { token: session.token, expiresAt: session.expiresAt, user: await this.auth.me(session.userId) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session', description: 'Any signed-in user, for their own session.' })
  @ApiNoContentResponse()
  @ApiStandardErrors()
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: FastifyReply): Promise<void> {
    await this.auth.logout(actor);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ summary: 'Who am I', description: 'Any signed-in user: their profile and roles.' })
  @ApiOkResponse({ type: MeDto })
  @ApiStandardErrors()
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor.userId);
  }

  @Patch('me')
  @ApiOperation({
    summary: 'Update my name or time zone',
    description: 'Any signed-in user, for themself. Notification preferences: /api/me/notification-preferences.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiStandardErrors()
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return this.auth.updateMe(actor, dto);
  }

  @Post('password')
  @HttpCode(200)
  @Refuses({
    400: { invalid_current_password: 'The current password is wrong' },
    429: {
      too_many_login_attempts: 'Too many wrong current passwords (the login limits apply); Retry-After says when to try again',
    },
  })
  @ApiOperation({
    summary: 'Change my password',
    description: 'Any signed-in user. Ends every session of the user, including this one, and returns a fresh session.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiStandardErrors()
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SessionDto> {
    const session = await this.auth.changePassword(actor, dto, clientMeta(req));
    setSessionCookie(res, session, this.config.SESSION_COOKIE_SECURE);
    return session;
  }
}
