import { ModulesContainer } from '@nestjs/core';
import {
  ActorCache,
  AuthModule,
  AuthService,
  InvitationsService,
  LoginThrottleService,
  PasswordService,
  SessionService,
} from '@roundtable/server-auth';
import { CalendarModule, CalendarService } from '@roundtable/server-calendar';
import { InfrastructureModule } from '@roundtable/server-core';
import { FirmsModule, FirmsService } from '@roundtable/server-firms';
import { ApplicationsService, GroupsModule, GroupsService, MembershipsService } from '@roundtable/server-groups';
import { BookingsService, MeetingsModule, MeetingsService, SchedulingService } from '@roundtable/server-meetings';
import { MetricsModule, ParticipationMetricsService } from '@roundtable/server-metrics';
import {
  AttendanceService,
  CommitmentsService,
  FeedbackService,
  NotesService,
  ParticipationModule,
} from '@roundtable/server-participation';
import { NotificationPreferencesService, PreferencesModule } from '@roundtable/server-preferences';
import { ProgrammesModule, ProgrammesService } from '@roundtable/server-programmes';
import { buildProgrammeWorld, createTestContext, localStartIn, TestContext } from '@roundtable/server-testing';

/**
 * What the worker gets: the infrastructure module and every feature's services-only module in a Nest
 * application context, no HTTP. It must resolve every service, and register no route, no guard and no
 * session cache (whose LISTEN connection only the API needs), while the rules still run.
 */
describe('feature modules without HTTP', () => {
  let t: TestContext;

  beforeAll(async () => {
    // The session cache is on here (it is off in other tests): had AuthModule brought it, it would LISTEN.
    t = await createTestContext(
      (config) => [
        InfrastructureModule.forRoot(config, { poolSize: 4 }),
        AuthModule,
        ProgrammesModule,
        FirmsModule,
        GroupsModule,
        MeetingsModule,
        ParticipationModule,
        PreferencesModule,
        CalendarModule,
        MetricsModule,
      ],
      { SESSION_CACHE_SECONDS: '30' },
    );
  });
  afterAll(() => t.close());

  it('resolves the service of every feature', () => {
    const services = [
      AuthService,
      InvitationsService,
      LoginThrottleService,
      PasswordService,
      SessionService,
      ProgrammesService,
      FirmsService,
      GroupsService,
      ApplicationsService,
      MembershipsService,
      MeetingsService,
      SchedulingService,
      BookingsService,
      AttendanceService,
      CommitmentsService,
      NotesService,
      FeedbackService,
      NotificationPreferencesService,
      CalendarService,
      ParticipationMetricsService,
    ];
    for (const service of services) expect(t.app.get(service, { strict: false })).toBeInstanceOf(service);
  });

  it('registers no controller, no global guard and no session cache', () => {
    const modules = [...t.app.get(ModulesContainer).values()];
    expect(modules.map((m) => m.name)).toEqual(expect.arrayContaining(['AuthModule', 'MeetingsModule', 'ParticipationModule']));
    const name = (token: unknown) => (typeof token === 'function' ? token.name : String(token));
    expect(modules.flatMap((m) => [...m.controllers.keys()].map((c) => `${m.name}.${name(c)}`))).toEqual([]);
    const tokens = modules.flatMap((m) => [...m.providers.keys(), ...m.injectables.keys()].map(name));
    // Nest keeps an APP_GUARD provider under a token that starts with "APP_GUARD".
    expect(tokens.filter((k) => k.startsWith('APP_GUARD'))).toEqual([]);
    expect(tokens).not.toContain(ActorCache.name);
    expect(() => t.app.get(ActorCache, { strict: false })).toThrow();
  });

  it('runs the rules: a session resolves, a meeting is scheduled and booked, a revoked session ends', async () => {
    const w = await buildProgrammeWorld(t.fixtures);
    const sessions = t.app.get(SessionService, { strict: false });
    const facilitator = await sessions.resolve(w.facilitator.token);
    const member = await sessions.resolve(w.member.token);
    if (!facilitator || !member) throw new Error('the fixtures’ sessions did not resolve');

    const meeting = await t.app
      .get(SchedulingService, { strict: false })
      .createGroupMeeting(facilitator, w.group.id, { title: 'Without HTTP', localStart: localStartIn(7), durationMinutes: 90 });
    const booking = await t.app.get(BookingsService, { strict: false }).book(member, meeting.id, {});
    expect(booking.body).toMatchObject({ meetingId: meeting.id, status: 'confirmed' });

    await sessions.revokeAllForUser(w.member.user.id);
    expect(await sessions.resolve(w.member.token)).toBeNull();
  });
});
