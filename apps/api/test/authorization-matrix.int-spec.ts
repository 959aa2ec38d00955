import { buildProgrammeWorld, ProgrammeWorld, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/**
 * Tries every route with every kind of person who must not reach the object it names. People of
 * another programme must get 404 (its existence is not revealed); people of the same programme
 * who are not entitled get 403 or 404; nobody gets a 2xx. A route missing from this table fails
 * the last test, so new routes cannot skip the matrix.
 */

type Who =
  | 'outsiderManager'
  | 'outsiderFacilitator'
  | 'outsiderMember'
  | 'otherGroupFacilitator'
  | 'otherGroupMember'
  | 'member'
  | 'facilitator'
  | 'manager';

interface Objects {
  programmeId: string;
  groupId: string;
  firmId: string;
  meetingId: string;
  openEventId: string;
  seriesId: string;
  bookingId: string;
  applicationId: string;
  membershipId: string;
  spareStaffId: string;
  memberId: string;
  commitmentId: string;
  noteId: string;
  invitationId: string;
}

interface Case {
  op: string;
  path: (o: Objects) => string;
  body?: (o: Objects) => object;
  /** Who must be refused. Outsiders are always refused where the route names an object. */
  refused: Who[];
}

const OUTSIDERS: Who[] = ['outsiderManager', 'outsiderFacilitator', 'outsiderMember'];
const soon = `${new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10)}T10:00`;
const meetingBody = { title: 'Matrix', localStart: soon, durationMinutes: 60, capacity: 8 };
const seriesBody = { ...meetingBody, rrule: 'FREQ=WEEKLY;COUNT=2' };

const CASES: Case[] = [
  { op: 'GET /api/programmes/{programmeId}', path: (o) => `/api/programmes/${o.programmeId}`, refused: [] },
  {
    op: 'PATCH /api/programmes/{programmeId}',
    path: (o) => `/api/programmes/${o.programmeId}`,
    body: () => ({ funder: 'Hijacked' }),
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/programmes',
    path: () => '/api/programmes',
    body: () => ({ name: `Matrix ${Date.now()}`, region: 'r', funder: 'f', timezone: 'Europe/London' }),
    refused: ['manager', 'facilitator', 'member', ...OUTSIDERS],
  },
  {
    op: 'GET /api/programmes/{programmeId}/firms',
    path: (o) => `/api/programmes/${o.programmeId}/firms`,
    refused: ['member', 'otherGroupMember'],
  },
  {
    op: 'POST /api/programmes/{programmeId}/firms',
    path: (o) => `/api/programmes/${o.programmeId}/firms`,
    body: () => ({
      name: 'Matrix Ltd',
      sicCode: '62012',
      employeeBand: '5-9',
      localAuthorityCode: 'S12000017',
      postcode: 'IV2 3AA',
    }),
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  { op: 'GET /api/firms/{firmId}', path: (o) => `/api/firms/${o.firmId}`, refused: ['otherGroupMember'] },
  {
    op: 'PATCH /api/firms/{firmId}',
    path: (o) => `/api/firms/${o.firmId}`,
    body: () => ({ name: 'Hijacked Ltd' }),
    refused: ['facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  { op: 'GET /api/firms/{firmId}/people', path: (o) => `/api/firms/${o.firmId}/people`, refused: ['otherGroupMember'] },
  { op: 'GET /api/firms/{firmId}/memberships', path: (o) => `/api/firms/${o.firmId}/memberships`, refused: ['otherGroupMember'] },
  { op: 'GET /api/programmes/{programmeId}/groups', path: (o) => `/api/programmes/${o.programmeId}/groups`, refused: [] },
  {
    op: 'POST /api/programmes/{programmeId}/groups',
    path: (o) => `/api/programmes/${o.programmeId}/groups`,
    body: () => ({ name: `Matrix group ${Date.now()}`, format: 'online', capacity: 8 }),
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/programmes/{programmeId}/overview',
    path: (o) => `/api/programmes/${o.programmeId}/overview`,
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/programmes/{programmeId}/people',
    path: (o) => `/api/programmes/${o.programmeId}/people`,
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  { op: 'GET /api/groups/{groupId}', path: (o) => `/api/groups/${o.groupId}`, refused: [] },
  {
    op: 'GET /api/groups/{groupId}/health',
    path: (o) => `/api/groups/${o.groupId}/health`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'PATCH /api/groups/{groupId}',
    path: (o) => `/api/groups/${o.groupId}`,
    body: () => ({ theme: 'Hijacked' }),
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'PUT /api/groups/{groupId}/facilitators/{userId}',
    path: (o) => `/api/groups/${o.groupId}/facilitators/${o.spareStaffId}`,
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'DELETE /api/groups/{groupId}/facilitators/{userId}',
    path: (o) => `/api/groups/${o.groupId}/facilitators/${o.spareStaffId}`,
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/groups/{groupId}/members',
    path: (o) => `/api/groups/${o.groupId}/members`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/groups/{groupId}/applications',
    path: (o) => `/api/groups/${o.groupId}/applications`,
    body: () => ({ answers: { why: 'matrix' } }),
    refused: ['facilitator', 'manager', 'otherGroupFacilitator'],
  },
  {
    op: 'GET /api/groups/{groupId}/applications',
    path: (o) => `/api/groups/${o.groupId}/applications`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/applications/{applicationId}',
    path: (o) => `/api/applications/${o.applicationId}`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/applications/{applicationId}/approve',
    path: (o) => `/api/applications/${o.applicationId}/approve`,
    body: () => ({}),
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/applications/{applicationId}/reject',
    path: (o) => `/api/applications/${o.applicationId}/reject`,
    body: () => ({ note: 'no' }),
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/applications/{applicationId}/withdraw',
    path: (o) => `/api/applications/${o.applicationId}/withdraw`,
    body: () => ({}),
    refused: ['member', 'facilitator', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/memberships/{membershipId}/leave',
    path: (o) => `/api/memberships/${o.membershipId}/leave`,
    body: () => ({ reason: 'matrix' }),
    refused: ['facilitator', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/memberships/{membershipId}/remove',
    path: (o) => `/api/memberships/${o.membershipId}/remove`,
    body: () => ({ reason: 'matrix' }),
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/invitations',
    path: () => '/api/invitations',
    body: (o) => ({ email: `matrix-${Date.now()}@example.org`, name: 'Matrix', role: 'facilitator', groupId: o.groupId }),
    refused: ['member', 'facilitator', 'otherGroupFacilitator', 'otherGroupMember', ...OUTSIDERS],
  },
  {
    // An invitation into the member's firm: its people see it (403), the programme's staff may withdraw it.
    op: 'DELETE /api/invitations/{invitationId}',
    path: (o) => `/api/invitations/${o.invitationId}`,
    refused: ['member', 'otherGroupMember'],
  },
  {
    // The same invitation, sent by the manager: a person of the firm sees it but did not send it (403).
    op: 'POST /api/invitations/{invitationId}/resend',
    path: (o) => `/api/invitations/${o.invitationId}/resend`,
    refused: ['member', 'otherGroupMember'],
  },
  {
    op: 'POST /api/groups/{groupId}/meetings',
    path: (o) => `/api/groups/${o.groupId}/meetings`,
    body: () => meetingBody,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/groups/{groupId}/series',
    path: (o) => `/api/groups/${o.groupId}/series`,
    body: () => seriesBody,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/groups/{groupId}/series/preview',
    path: (o) => `/api/groups/${o.groupId}/series/preview`,
    body: () => seriesBody,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/groups/{groupId}/meetings',
    path: (o) => `/api/groups/${o.groupId}/meetings`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/programmes/{programmeId}/events',
    path: (o) => `/api/programmes/${o.programmeId}/events`,
    body: () => meetingBody,
    refused: ['member', 'otherGroupMember'],
  },
  {
    op: 'POST /api/programmes/{programmeId}/series',
    path: (o) => `/api/programmes/${o.programmeId}/series`,
    body: () => seriesBody,
    refused: ['member', 'otherGroupMember'],
  },
  { op: 'GET /api/programmes/{programmeId}/events', path: (o) => `/api/programmes/${o.programmeId}/events`, refused: [] },
  {
    op: 'GET /api/meetings/{meetingId}',
    path: (o) => `/api/meetings/${o.meetingId}`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/ics',
    path: (o) => `/api/meetings/${o.meetingId}/ics`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'PATCH /api/meetings/{meetingId}',
    path: (o) => `/api/meetings/${o.meetingId}`,
    body: () => ({ title: 'Hijacked' }),
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/meetings/{meetingId}/cancel',
    path: (o) => `/api/meetings/${o.meetingId}/cancel`,
    body: () => ({ message: 'Hijacked' }),
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/series/{seriesId}',
    path: (o) => `/api/series/${o.seriesId}`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/meetings/{meetingId}/bookings',
    path: (o) => `/api/meetings/${o.meetingId}/bookings`,
    body: () => ({}),
    refused: ['facilitator', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/bookings',
    path: (o) => `/api/meetings/${o.meetingId}/bookings`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    // The member's own booking is on this meeting; anyone else has none to cancel.
    op: 'DELETE /api/meetings/{meetingId}/bookings/mine',
    path: (o) => `/api/meetings/${o.meetingId}/bookings/mine`,
    refused: ['facilitator', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/bookings/{bookingId}/cancel',
    path: (o) => `/api/bookings/${o.bookingId}/cancel`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  // --- participation (attendance, commitments, notes, feedback) ---
  {
    op: 'GET /api/meetings/{meetingId}/roster',
    path: (o) => `/api/meetings/${o.meetingId}/roster`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'PUT /api/meetings/{meetingId}/attendance',
    path: (o) => `/api/meetings/${o.meetingId}/attendance`,
    body: (o) => ({ records: [{ userId: o.memberId, status: 'present' }] }),
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/attendance',
    path: (o) => `/api/meetings/${o.meetingId}/attendance`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/attendance/me',
    path: (o) => `/api/meetings/${o.meetingId}/attendance/me`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/meetings/{meetingId}/commitments',
    path: (o) => `/api/meetings/${o.meetingId}/commitments`,
    body: () => ({ text: 'Matrix action' }),
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/commitments',
    path: (o) => `/api/meetings/${o.meetingId}/commitments`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/review',
    path: (o) => `/api/meetings/${o.meetingId}/review`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'PATCH /api/commitments/{commitmentId}',
    path: (o) => `/api/commitments/${o.commitmentId}`,
    body: () => ({ status: 'dropped' }),
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/commitments/{commitmentId}/history',
    path: (o) => `/api/commitments/${o.commitmentId}/history`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/notes',
    path: (o) => `/api/meetings/${o.meetingId}/notes`,
    refused: ['member', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/meetings/{meetingId}/notes',
    path: (o) => `/api/meetings/${o.meetingId}/notes`,
    body: () => ({ body: 'Matrix note' }),
    refused: ['member', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'PATCH /api/notes/{noteId}',
    path: (o) => `/api/notes/${o.noteId}`,
    body: () => ({ body: 'Hijacked' }),
    refused: ['member', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'POST /api/meetings/{meetingId}/feedback',
    path: (o) => `/api/meetings/${o.meetingId}/feedback`,
    body: () => ({ usefulness: 4, wouldRecommend: 9 }),
    refused: ['member', 'facilitator', 'manager', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/meetings/{meetingId}/feedback',
    path: (o) => `/api/meetings/${o.meetingId}/feedback`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    // Anyone who may see the meeting reaches it (and gets only their own feedback, or 404 feedback_not_found).
    op: 'GET /api/meetings/{meetingId}/feedback/mine',
    path: (o) => `/api/meetings/${o.meetingId}/feedback/mine`,
    refused: ['otherGroupFacilitator', 'otherGroupMember'],
  },
  // --- metrics ---
  {
    // A facilitator of another group sees their own groups' figures; naming this group is 404 for them.
    op: 'GET /api/metrics/participation',
    path: (o) => `/api/metrics/participation?programmeId=${o.programmeId}&groupId=${o.groupId}`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/metrics/participation',
    path: (o) => `/api/metrics/participation?programmeId=${o.programmeId}`,
    refused: ['member', 'otherGroupMember'],
  },
  {
    op: 'GET /api/metrics/retention',
    path: (o) => `/api/metrics/retention?programmeId=${o.programmeId}&groupId=${o.groupId}`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/metrics/retention',
    path: (o) => `/api/metrics/retention?programmeId=${o.programmeId}`,
    refused: ['member', 'otherGroupMember'],
  },
  {
    op: 'GET /api/metrics/actions',
    path: (o) => `/api/metrics/actions?programmeId=${o.programmeId}&groupId=${o.groupId}`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/metrics/actions',
    path: (o) => `/api/metrics/actions?programmeId=${o.programmeId}`,
    refused: ['member', 'otherGroupMember'],
  },
  {
    op: 'GET /api/metrics/satisfaction',
    path: (o) => `/api/metrics/satisfaction?programmeId=${o.programmeId}&groupId=${o.groupId}`,
    refused: ['member', 'otherGroupFacilitator', 'otherGroupMember'],
  },
  {
    op: 'GET /api/metrics/satisfaction',
    path: (o) => `/api/metrics/satisfaction?programmeId=${o.programmeId}`,
    refused: ['member', 'otherGroupMember'],
  },
  // --- operations (admins only) ---
  {
    op: 'GET /api/admin/notifications',
    path: () => '/api/admin/notifications?status=failed',
    refused: ['member', 'facilitator', 'manager', 'otherGroupFacilitator', 'otherGroupMember', ...OUTSIDERS],
  },
  {
    op: 'GET /api/admin/accounts',
    path: () => '/api/admin/accounts',
    refused: ['member', 'facilitator', 'manager', 'otherGroupFacilitator', 'otherGroupMember', ...OUTSIDERS],
  },
];

/** Routes about the caller only: no object of anyone else can be named. Checked for 401 and for leaks. */
const SELF_ROUTES = [
  'GET /api/programmes',
  'GET /api/auth/me',
  'PATCH /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'GET /api/invitations',
  'GET /api/me/meetings',
  'GET /api/me/bookings',
  'GET /api/me/groups',
  'GET /api/me/applications',
  'GET /api/me/commitments',
  'GET /api/me/notification-preferences',
  'PATCH /api/me/notification-preferences',
  'GET /api/me/calendar-feed',
  'POST /api/me/calendar-feed',
  'DELETE /api/me/calendar-feed',
];
const PUBLIC_ROUTES = [
  'POST /api/auth/login',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'POST /api/invitations/accept',
  'GET /api/health',
];
/**
 * Routes whose credential is a token in the URL, never a session: they answer for the token's person
 * whoever is signed in (calendar.int-spec.ts and unsubscribe.int-spec.ts show another person's token,
 * a tampered one and a session of someone else changing nothing).
 */
const TOKEN_ROUTES = [
  'GET /api/unsubscribe/{unsubscribeToken}',
  'POST /api/unsubscribe/{unsubscribeToken}',
  'GET /api/calendar/{feedToken}.ics',
];

describe('authorization matrix', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;
  let o: Objects;
  let people: Record<Who, SignedIn>;

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
    people = {
      outsiderManager: b.manager,
      outsiderFacilitator: b.facilitator,
      outsiderMember: b.member,
      otherGroupFacilitator: a.otherFacilitator,
      otherGroupMember: a.otherMember,
      member: a.member,
      facilitator: a.facilitator,
      manager: a.manager,
    };
    const applicantFirm = await t.fixtures.firm(a.programme.id, { sicCode: '47710', localAuthorityCode: 'S12000036' });
    const applicant = await t.fixtures.user({ firmId: applicantFirm.id });
    const spare = await t.fixtures.user();
    const post = async (path: string, who: SignedIn, body: object) =>
      (await t.http.post(path).set(who.auth).send(body).expect(201)).body;
    const meeting = await post(`/api/groups/${a.group.id}/meetings`, a.facilitator, meetingBody);
    const openEvent = await post(`/api/programmes/${a.programme.id}/events`, a.manager, meetingBody);
    const series = await post(`/api/groups/${a.group.id}/series`, a.facilitator, seriesBody);
    const booking = await post(`/api/meetings/${meeting.id}/bookings`, a.member, {});
    const application = await post(`/api/groups/${a.group.id}/applications`, applicant, { answers: { why: 'to learn' } });
    const commitment = await post(`/api/meetings/${meeting.id}/commitments`, a.member, { text: 'Matrix commitment' });
    const note = await post(`/api/meetings/${meeting.id}/notes`, a.facilitator, { body: 'Matrix note' });
    const invitation = await post('/api/invitations', a.manager, {
      email: `matrix-invitee-${Date.now()}@example.org`,
      name: 'Matrix Invitee',
      role: 'member',
      firmId: a.firm.id,
    });
    const [{ id: membershipId }] = await t.db.query(`SELECT id FROM membership WHERE firm_id = $1 AND group_id = $2`, [
      a.firm.id,
      a.group.id,
    ]);
    o = {
      programmeId: a.programme.id,
      groupId: a.group.id,
      firmId: a.firm.id,
      meetingId: meeting.id,
      openEventId: openEvent.id,
      seriesId: series.id,
      bookingId: booking.id,
      applicationId: application.id,
      membershipId,
      spareStaffId: spare.user.id,
      memberId: a.member.user.id,
      commitmentId: commitment.id,
      noteId: note.id,
      invitationId: invitation.id,
    };
  });
  afterAll(() => t.close());

  function send(c: Case, who?: SignedIn) {
    const [method] = c.op.split(' ');
    const req = t.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](c.path(o));
    if (who) req.set(who.auth);
    return c.body ? req.send(c.body(o)) : req.send();
  }

  it.each(CASES.map((c) => [c.op, c] as const))('%s refuses everyone it must', async (_op, c) => {
    const outcomes: string[] = [];
    const anonymous = await send(c);
    if (anonymous.status !== 401) outcomes.push(`anonymous got ${anonymous.status}`);
    const namesObject = c.op.includes('{');
    for (const who of new Set<Who>([...(namesObject ? OUTSIDERS : []), ...c.refused])) {
      const res = await send(c, people[who]);
      const expected = OUTSIDERS.includes(who) && namesObject ? [404] : [403, 404];
      if (!expected.includes(res.status)) outcomes.push(`${who} got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      else expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String), message: expect.any(String) });
    }
    expect(outcomes).toEqual([]);
  });

  it('answers 401 on every route about the caller when no one is signed in', async () => {
    for (const op of SELF_ROUTES) {
      const [method, path] = op.split(' ');
      const res = await t.http[method.toLowerCase() as 'get' | 'post' | 'patch'](path).send({});
      expect([op, res.status]).toEqual([op, 401]);
    }
  });

  it('refuses every token route to anyone, signed in or not, without its token', async () => {
    // Well-formed, signed by nobody: a session, even an admin's or a manager's, lends these routes nothing.
    const unknown: Record<string, string> = {
      unsubscribeToken: `${'a'.repeat(20)}.${'b'.repeat(43)}`,
      feedToken: 'c'.repeat(43),
    };
    const outcomes: string[] = [];
    for (const op of TOKEN_ROUTES) {
      const [method, template] = op.split(' ');
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => unknown[name]);
      for (const who of [undefined, ...Object.values(people)]) {
        const req = t.http[method.toLowerCase() as 'get' | 'post'](path);
        const res = await (who ? req.set(who.auth) : req).send();
        if (res.status !== 404) outcomes.push(`${op} ${who?.user.email ?? 'anonymous'} got ${res.status}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('lists nothing of another programme', async () => {
    const programmes = await t.http.get('/api/programmes?pageSize=100').set(b.manager.auth).expect(200);
    expect(JSON.stringify(programmes.body)).not.toContain(a.programme.id);
    const meetings = await t.http.get('/api/me/meetings').set(b.member.auth).expect(200);
    expect(JSON.stringify(meetings.body)).not.toContain(o.meetingId);
    expect(JSON.stringify(meetings.body)).not.toContain(o.openEventId);
    const otherMeetings = await t.http.get('/api/me/meetings').set(a.otherMember.auth).expect(200);
    expect(JSON.stringify(otherMeetings.body)).not.toContain(o.meetingId);
    const bookings = await t.http.get('/api/me/bookings').set(a.otherMember.auth).expect(200);
    expect(JSON.stringify(bookings.body)).not.toContain(o.bookingId);
    for (const who of [b.manager, b.facilitator, b.member]) {
      const groups = await t.http.get('/api/me/groups').set(who.auth).expect(200);
      expect(JSON.stringify(groups.body)).not.toContain(o.groupId);
    }
    const applications = await t.http.get('/api/me/applications').set(a.member.auth).expect(200);
    expect(JSON.stringify(applications.body)).not.toContain(o.applicationId);
    for (const who of [b.manager, b.facilitator, b.member, a.otherMember]) {
      const invitations = await t.http.get('/api/invitations?pageSize=100').set(who.auth).expect(200);
      expect(JSON.stringify(invitations.body)).not.toContain(o.invitationId);
    }
  });

  it('refuses a facilitator in the programme’s pool (no group yet) everything but the programme itself', async () => {
    const pool = await t.fixtures.user();
    await t.db.query(`INSERT INTO role_assignment (user_id, role, programme_id) VALUES ($1, 'facilitator', $2)`, [
      pool.user.id,
      a.programme.id,
    ]);
    const outcomes: string[] = [];
    for (const c of CASES) {
      const res = await send(c, pool);
      const allowed = c.op === 'GET /api/programmes/{programmeId}' ? [200] : [403, 404];
      if (!allowed.includes(res.status)) outcomes.push(`${c.op} got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    }
    expect(outcomes).toEqual([]);
    for (const path of ['/api/me/groups', '/api/me/meetings', '/api/invitations?pageSize=100']) {
      const body = JSON.stringify((await t.http.get(path).set(pool.auth).expect(200)).body);
      for (const id of [o.groupId, o.meetingId, o.openEventId, o.invitationId]) expect(body).not.toContain(id);
    }
  });

  it('covers every route in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set([...CASES.map((c) => c.op), ...SELF_ROUTES, ...PUBLIC_ROUTES, ...TOKEN_ROUTES]);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });
});
