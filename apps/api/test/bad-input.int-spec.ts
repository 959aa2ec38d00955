import { signUnsubscribeToken } from '@roundtable/server-mail';
import { randomBytes, randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  buildProgrammeWorld,
  firmWithPerson,
  FirmWithPerson,
  localStartIn,
  ProgrammeWorld,
  scheduleMeeting,
  SignedIn,
  uid,
} from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

/**
 * "Bad input always gets a clear 4xx error with a message, and nothing is lost or half-written."
 *
 * Every route in the OpenAPI document is sent bad input by a caller who may use it, with real ids
 * so that the path resolves: malformed and unknown path ids, broken transport (malformed JSON, an
 * oversized body, an unsupported charset or encoding), bodies that break the request schema one
 * property at a time (generated from components.schemas), bad query parameters and bad headers.
 * Every answer must be the expected 4xx in the one error shape; the programme's data must not
 * change; and finally the valid request must still succeed, which shows the bad requests reached
 * validation as an allowed caller. Each test reports every offence of every route at once.
 */

// --- The OpenAPI document, as far as the generator reads it --------------------------------------

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  maxProperties?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  default?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Route {
  op: string;
  method: Method;
  template: string;
  params: Parameter[];
  bodySchema?: Schema;
  /** The route reads a form (the one-click unsubscribe, the one exception to JSON only). */
  readsForm: boolean;
}

// --- Who calls each route, with which ids and which valid body -----------------------------------

interface World extends ProgrammeWorld {
  admin: SignedIn;
  /** People whose valid request ends their session or spends their password. */
  loginUser: SignedIn;
  passwordUser: SignedIn;
  logoutUser: SignedIn;
  invitationToken: string;
  passwordResetToken: string;
  /** Firms with a person each: one about to apply, one withdrawing its application, one leaving the group. */
  applicant: FirmWithPerson;
  withdrawer: FirmWithPerson;
  leaver: FirmWithPerson;
  /** Objects used up by one route's valid request, so no other route may use them. */
  toReject: string;
  toResend: string;
  toWithdraw: string;
  toLeave: string;
  toCancel: string;
  /** A meeting the member has a seat at, for cancelling their own booking by the meeting. */
  myBookedMeeting: string;
  /** A meeting that has started: attendance, commitments, notes and feedback. */
  pastMeeting: string;
  /** A colleague of the member who attended the past meeting and gave feedback on it. */
  feedbackGiver: SignedIn;
  /** The default id for each path parameter name. */
  ids: Record<string, string>;
}

interface Reach {
  as?: SignedIn;
  ids?: Record<string, string>;
  body?: unknown;
}

const PASSWORD = 'bad-input-passphrase';
const TAG = `bad-input-${uid()}`;

/**
 * Routes the admin cannot use as they stand, or that need particular objects or a particular valid
 * body. Any other route is called by an admin with the default ids and a body made of the schema's
 * examples; the last test shows whether that reaches the route.
 */
function reach(w: World, op: string): Reach {
  const table: Record<string, Reach> = {
    'POST /api/auth/login': { body: { email: w.loginUser.user.email, password: PASSWORD } },
    'POST /api/auth/logout': { as: w.logoutUser },
    'POST /api/auth/password': { as: w.passwordUser, body: { currentPassword: PASSWORD, newPassword: `${PASSWORD}-2` } },
    'POST /api/invitations': {
      body: { email: `${TAG}-${uid()}@example.org`, name: 'Invitee', role: 'programme_manager', programmeId: w.programme.id },
    },
    'POST /api/invitations/accept': { body: { token: w.invitationToken, password: PASSWORD } },
    'POST /api/invitations/{invitationId}/resend': { ids: { invitationId: w.toResend } },
    'POST /api/auth/password-reset': { body: { email: w.loginUser.user.email } },
    'POST /api/auth/password-reset/confirm': { body: { token: w.passwordResetToken, newPassword: `${PASSWORD}-3` } },
    'POST /api/programmes': {
      body: { name: `${TAG} programme`, region: 'Highlands', funder: 'Scottish Enterprise', timezone: 'Europe/London' },
    },
    'POST /api/programmes/{programmeId}/groups': { body: { name: `${TAG} group`, format: 'online', capacity: 8 } },
    'POST /api/groups/{groupId}/applications': { as: w.applicant.person, body: { answers: { why: 'To learn' } } },
    'POST /api/applications/{applicationId}/reject': { ids: { applicationId: w.toReject } },
    'POST /api/applications/{applicationId}/withdraw': { as: w.withdrawer.person, ids: { applicationId: w.toWithdraw } },
    'POST /api/memberships/{membershipId}/leave': { as: w.leaver.person, ids: { membershipId: w.toLeave } },
    'POST /api/programmes/{programmeId}/events': {
      body: { title: 'Open event', localStart: localStartIn(30), durationMinutes: 60, capacity: 20 },
    },
    'PATCH /api/meetings/{meetingId}': { body: { title: 'Renamed session' } },
    'POST /api/programmes/{programmeId}/series': {
      body: {
        title: 'Open series',
        localStart: localStartIn(30),
        durationMinutes: 60,
        capacity: 20,
        rrule: 'FREQ=WEEKLY;COUNT=2',
      },
    },
    'POST /api/meetings/{meetingId}/cancel': { ids: { meetingId: w.toCancel } },
    'POST /api/meetings/{meetingId}/bookings': { as: w.member },
    'DELETE /api/meetings/{meetingId}/bookings/mine': { as: w.member, ids: { meetingId: w.myBookedMeeting } },
    'GET /api/meetings/{meetingId}/roster': { ids: { meetingId: w.pastMeeting } },
    'PUT /api/meetings/{meetingId}/attendance': {
      ids: { meetingId: w.pastMeeting },
      body: { records: [{ userId: w.member.user.id, status: 'present' }] },
    },
    'GET /api/meetings/{meetingId}/attendance': { ids: { meetingId: w.pastMeeting } },
    'POST /api/meetings/{meetingId}/commitments': {
      ids: { meetingId: w.pastMeeting },
      body: { userId: w.member.user.id, text: 'Move invoicing online' },
    },
    'GET /api/meetings/{meetingId}/commitments': { ids: { meetingId: w.pastMeeting } },
    'GET /api/meetings/{meetingId}/review': { ids: { meetingId: w.pastMeeting } },
    'GET /api/meetings/{meetingId}/notes': { as: w.facilitator, ids: { meetingId: w.pastMeeting } },
    'POST /api/meetings/{meetingId}/notes': { as: w.facilitator, ids: { meetingId: w.pastMeeting } },
    'PATCH /api/commitments/{commitmentId}': { body: { status: 'partly' } },
    'PATCH /api/notes/{noteId}': { as: w.facilitator },
    'POST /api/meetings/{meetingId}/feedback': { as: w.member, ids: { meetingId: w.pastMeeting } },
    'GET /api/meetings/{meetingId}/feedback': { ids: { meetingId: w.pastMeeting } },
    'GET /api/meetings/{meetingId}/feedback/mine': { as: w.feedbackGiver, ids: { meetingId: w.pastMeeting } },
  };
  return table[op] ?? {};
}

async function buildWorld(t: TestApp): Promise<World> {
  const f = t.fixtures;
  const w = await buildProgrammeWorld(f);
  const admin = await f.user({ admin: true });
  const post = async (path: string, who: SignedIn, body: object) => {
    const res = await t.http.post(path).set(who.auth).send(body);
    if (res.status >= 300) throw new Error(`Setting up ${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, string>;
  };
  const meeting = (days: number) => scheduleMeeting(t, admin, { groupId: w.group.id, days });
  const [futureMeeting, toCancel, bookedMeeting, pastMeeting] = [
    await meeting(20),
    await meeting(21),
    await meeting(22),
    await meeting(-1),
  ];
  const series = await post(`/api/groups/${w.group.id}/series`, admin, {
    title: 'Series',
    localStart: localStartIn(40),
    durationMinutes: 60,
    rrule: 'FREQ=WEEKLY;COUNT=2',
  });
  const booking = await post(`/api/meetings/${bookedMeeting}/bookings`, w.member, {});
  const myBookedMeeting = await meeting(23);
  await post(`/api/meetings/${myBookedMeeting}/bookings`, w.member, {});
  await t.http
    .put(`/api/meetings/${pastMeeting}/attendance`)
    .set(admin.auth)
    .send({ records: [{ userId: w.member.user.id, status: 'present' }] })
    .expect(200);
  const feedbackGiver = await f.user({ firmId: w.firm.id });
  await t.http
    .put(`/api/meetings/${pastMeeting}/attendance`)
    .set(admin.auth)
    .send({ records: [{ userId: feedbackGiver.user.id, status: 'late' }] })
    .expect(200);
  await post(`/api/meetings/${pastMeeting}/feedback`, feedbackGiver, { usefulness: 4, wouldRecommend: 8 });
  const commitment = await post(`/api/meetings/${pastMeeting}/commitments`, w.member, { text: 'Try cloud accounting' });
  const note = await post(`/api/meetings/${pastMeeting}/notes`, w.facilitator, { body: 'A first note' });

  // Firms outside the group: three with a pending application each, one about to apply.
  const applyingFirm = (sicCode: string) => firmWithPerson(f, w.programme.id, { sicCode, localAuthorityCode: 'S12000036' });
  const [toApprove, toReject, withdrawer, applicant] = [
    await applyingFirm('47710'),
    await applyingFirm('47720'),
    await applyingFirm('47730'),
    await applyingFirm('47740'),
  ];
  const apply = (who: SignedIn) => post(`/api/groups/${w.group.id}/applications`, who, { answers: { why: 'To learn' } });
  const [approveApp, rejectApp, withdrawApp] = [
    await apply(toApprove.person),
    await apply(toReject.person),
    await apply(withdrawer.person),
  ];
  // Firms in the group: one whose person leaves, one that is removed.
  const leaver = await firmWithPerson(f, w.programme.id, { sicCode: '56101' });
  const removed = await firmWithPerson(f, w.programme.id, { sicCode: '56102' });
  const [toLeave, toRemove] = [await f.membership(w.group.id, leaver.firm.id), await f.membership(w.group.id, removed.firm.id)];

  const invitation = await post('/api/invitations', admin, {
    email: `${TAG}-accept@example.org`,
    name: 'Accepting Person',
    role: 'facilitator',
    groupId: w.group.id,
  });
  // Staff of the programme (a facilitator of its other group), so a manager may make them a facilitator here.
  const spare = await f.user({ facilitatorOf: { groupId: w.otherGroup.id, programmeId: w.programme.id } });
  const toWithdraw = await post('/api/invitations', admin, {
    email: `${TAG}-withdraw@example.org`,
    name: 'Withdrawn Person',
    role: 'member',
    firmId: w.firm.id,
  });
  // Its email settled here: a worker of another test file would otherwise send it mid-check, changing its link.
  await f.mailInvitation(toWithdraw.id);
  const toResend = await post('/api/invitations', admin, {
    email: `${TAG}-resend@example.org`,
    name: 'Resent Person',
    role: 'member',
    firmId: w.firm.id,
  });
  // Emailed more than a minute ago, so it may be resent.
  await f.mailInvitation(toResend.id);
  await t.db.query(`UPDATE notification SET created_at = created_at - interval '61 seconds' WHERE invitation_id = $1`, [
    toResend.id,
  ]);
  // Personal URLs: the member's calendar feed, and an unsubscribe link of someone outside the programme.
  const feed = await post('/api/me/calendar-feed', w.member, {});
  const unsubscriber = await f.user();
  const resetUser = await f.user({ password: PASSWORD });
  await t.http.post('/api/auth/password-reset').send({ email: resetUser.user.email }).expect(202);
  return {
    ...w,
    admin,
    feedbackGiver,
    loginUser: await f.user({ password: PASSWORD }),
    passwordUser: await f.user({ password: PASSWORD }),
    logoutUser: await f.user(),
    invitationToken: await f.mailInvitation(invitation.id),
    passwordResetToken: await f.mailPasswordReset(resetUser.user.id),
    toResend: toResend.id,
    applicant,
    withdrawer,
    leaver,
    toReject: rejectApp.id,
    toWithdraw: withdrawApp.id,
    toLeave: toLeave.id,
    toCancel,
    myBookedMeeting,
    pastMeeting,
    ids: {
      programmeId: w.programme.id,
      groupId: w.group.id,
      firmId: w.firm.id,
      meetingId: futureMeeting,
      seriesId: series.id,
      bookingId: booking.id,
      applicationId: approveApp.id,
      membershipId: toRemove.id,
      userId: spare.user.id,
      invitationId: toWithdraw.id,
      commitmentId: commitment.id,
      noteId: note.id,
      feedToken: /\/calendar\/([^/]+)\.ics$/.exec(feed.url)![1],
      unsubscribeToken: signUnsubscribeToken(t.config.SIGNING_SECRET, { userId: unsubscriber.user.id, category: 'recaps' }),
    },
  };
}

// --- Requests and what counts as a clear refusal -------------------------------------------------

type Body = { json: unknown } | { raw: string | Buffer; type: string; encoding?: string };

interface Case {
  /** What is wrong, as it appears in the report. */
  input: string;
  /** The statuses that are a correct answer. */
  expect: number[];
  ids?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
  /** Sent over a bare socket: Node's HTTP client refuses to send these headers. */
  rawHeaders?: boolean;
  body?: Body;
}

/** What the checks read of an answer: a supertest response, or one read off a bare socket. */
interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
  text: string;
}

const BAD_REQUEST = [400];
/** A well-formed value naming something that does not exist or does not fit: a clear refusal, whichever. */
const REFUSED = [400, 404, 409, 422];

const LONG = 'x'.repeat(60_000);

/** The report shows values briefly: long strings by their length. */
function show(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 40 ? `${v.slice(0, 12)}…(${v.length} chars)` : v,
  );
  return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** What is wrong with an answer, or null when it is a clear refusal with one of the expected statuses. */
function offence(res: Answer, expected: number[]): string | null {
  const body = res.body as Record<string, unknown> | undefined;
  const summary = `${res.status} ${show(body && Object.keys(body).length ? body : res.text)}`;
  if (!expected.includes(res.status)) return `${summary} (expected ${expected.join(' or ')})`;
  const shaped =
    /application\/json/.test(String(res.headers['content-type'])) &&
    body?.statusCode === res.status &&
    typeof body.code === 'string' &&
    body.code !== '' &&
    typeof body.message === 'string' &&
    body.message.trim() !== '' &&
    body.message !== STATUS_CODES[res.status] &&
    (body.errors === undefined ||
      (Array.isArray(body.errors) &&
        body.errors.every(
          (e: { field?: unknown; message?: unknown }) => typeof e.field === 'string' && typeof e.message === 'string',
        )));
  return shaped ? null : `${summary} (not the standard error shape with a message of its own)`;
}

// --- Bad values, generated from the schemas ------------------------------------------------------

let components: Record<string, Schema> = {};

function resolve(schema: Schema): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')]);
  // A named schema used in place (an enum, LocalDateTime): `{ allOf: [{ $ref }], nullable, default, example }`.
  if (schema.allOf?.length === 1) {
    const { allOf, ...here } = schema;
    return { ...resolve(allOf[0]), ...here };
  }
  return schema;
}

type Kind = 'enum' | 'string' | 'number' | 'boolean' | 'array' | 'object' | 'map';

function kindOf(s: Schema): Kind {
  if (s.enum) return 'enum';
  if (s.type === 'integer' || s.type === 'number' || (!s.type && (s.minimum !== undefined || s.maximum !== undefined)))
    return 'number';
  if (s.type === 'array' || s.items) return 'array';
  if (s.properties) return 'object';
  if (s.type === 'object') return 'map';
  return (s.type as Kind | undefined) ?? 'string';
}

const looksLikeDate = (s: Schema) => typeof s.example === 'string' && /^\d{4}-\d{2}-\d{2}/.test(s.example);

/** A valid value: the example, else the default, else the first enum value, else something of the type. */
function exampleOf(schema: Schema, ids: Record<string, string> = {}, name = ''): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  if (s.format === 'uuid') return ids[name] ?? randomUUID();
  switch (kindOf(s)) {
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => exampleOf(s.items ?? {}, ids));
    case 'object':
      return Object.fromEntries((s.required ?? []).map((p) => [p, exampleOf(s.properties![p], ids, p)]));
    case 'map':
      return {};
    default:
      return 'text';
  }
}

/** Values of the wrong kind, out of range, too long or not text at all, for a value of this schema. */
function wrongValues(schema: Schema): Array<[string, unknown]> {
  const s = resolve(schema);
  const out: Array<[string, unknown]> = s.nullable ? [] : [['null', null]];
  switch (kindOf(s)) {
    case 'enum':
      return [...out, ['"nonsense"', 'nonsense'], ['42', 42], ['["a value"]', [s.enum![0]]]];
    case 'number': {
      out.push(['"7"', '7'], ['"abc"', 'abc'], ['true', true], ['{}', {}], ['[7]', [7]], ['2.5', 2.5], ['-1', -1]);
      out.push(['2^31', 2 ** 31], ['1e300', 1e300]);
      if (s.minimum !== undefined) out.push([`${s.minimum - 1} (below the minimum)`, s.minimum - 1]);
      if (s.maximum !== undefined) out.push([`${s.maximum + 1} (above the maximum)`, s.maximum + 1]);
      return out;
    }
    case 'boolean':
      return [...out, ['"true"', 'true'], ['1', 1], ['"yes"', 'yes'], ['{}', {}]];
    case 'array': {
      out.push(['"text"', 'text'], ['{}', {}], ['1', 1]);
      const items = resolve(s.items ?? {});
      for (const [label, value] of wrongValues(items).slice(0, 6)) out.push([`[${label}]`, [value]]);
      if (s.maxItems !== undefined) out.push([`${s.maxItems + 1} items`, Array.from({ length: s.maxItems + 1 }, () => ({}))]);
      return out;
    }
    case 'object':
      return [...out, ['"text"', 'text'], ['1', 1], ['[]', []], ['true', true]];
    case 'map': {
      out.push(['"text"', 'text'], ['[]', []], ['{"k":5}', { k: 5 }], ['{"k":{}}', { k: {} }], ['{"k":null}', { k: null }]);
      out.push(['{"k": 60000 chars}', { k: LONG }], ['{1000-char key}', { ['k'.repeat(1000)]: 'v' }]);
      out.push(['{"k\\u0000":"v"}', { 'k\u0000': 'v' }], ['{"constructor":"v"}', { ['constructor']: 'v' }]);
      if (s.maxProperties !== undefined) {
        const many = Object.fromEntries(Array.from({ length: s.maxProperties + 1 }, (_, i) => [`k${i}`, 'v']));
        out.push([`${s.maxProperties + 1} entries`, many]);
      }
      return out;
    }
    default: {
      out.push(['42', 42], ['true', true], ['{}', {}], ['["a"]', ['a']], ['60000 chars', LONG]);
      out.push(['a NUL character', 'a\u0000b'], ['an unpaired surrogate', 'a\ud800b']);
      if (s.format === 'uuid') out.push(['"not-a-uuid"', 'not-a-uuid']);
      if (looksLikeDate(s))
        out.push(['"yesterday"', 'yesterday'], ['30 February', String(s.example).replace(/-\d\d-\d\d/, '-02-30')]);
      return out;
    }
  }
}

/**
 * Time zones, RRULEs and dates, generated: zones Node knows and PostgreSQL does not (a valid zone
 * in the wrong case is accepted and stored canonically, so only a wrong-case unknown one is here),
 * odd RRULE parts on each frequency, rules that never occur or run for decades, hour 24, and dates
 * far in the past or the future.
 */
const BAD_ZONES = ['US/Pacific-New', 'Canada/East-Saskatchewan', 'SystemV/AST4', 'EUROPE/LONDRES', 'EST', 'posix/Europe/London'];
const RRULE_PARTS = [
  'BYSETPOS=400',
  'BYSETPOS=0',
  'BYSETPOS=-367',
  'BYMONTHDAY=40',
  'BYMONTHDAY=-40',
  'BYMONTHDAY=0',
  'BYMONTH=13',
  'BYDAY=54MO',
  'BYDAY=XX',
  'BYWEEKNO=20',
  'BYYEARDAY=100',
  'BYEASTER=0',
  'BYHOUR=25',
  'INTERVAL=0',
  'INTERVAL=99999999999999999999',
  'WKST=XX',
];
const BAD_RRULES = [
  ...['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].flatMap((freq) => RRULE_PARTS.map((part) => `FREQ=${freq};COUNT=2;${part}`)),
  'FREQ=DAILY;COUNT=1;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=WEEKLY;COUNT=1;BYMONTHDAY=30',
  'FREQ=MONTHLY;COUNT=2;BYMONTH=4;BYMONTHDAY=31',
  'FREQ=WEEKLY;COUNT=2;BYDAY=MO;BYSETPOS=2',
  'FREQ=YEARLY;COUNT=40',
  'FREQ=DAILY;UNTIL=99991231T000000Z',
  'FREQ=YEARLY;INTERVAL=10;UNTIL=20991231T000000Z',
  'FREQ=DAILY;COUNT=0',
  'FREQ=DAILY;COUNT=-1',
  'FREQ=DAILY;COUNT=2;UNTIL=20300101T000000Z',
  'FREQ=MONTHLY;COUNT=2;BYSETPOS=1',
  'FREQ=DAILY;COUNT=2\nDTSTART:20270101T000000Z',
  '\u00ff\u00fe;;=',
];
const farPast = new Date(Date.now() - 60 * 86400_000).toISOString().slice(0, 10);
const BAD_LOCAL_STARTS = [
  `${farPast}T24:00`,
  `${farPast}T09:30`,
  '2000-01-04T09:30',
  '9999-12-31T09:30',
  `${new Date().getUTCFullYear() + 6}-01-05T09:30`,
  '2027-01-05T09:30:00',
  '2027-01-05T09:30Z',
];

/** Well-typed values that make no sense for a property of this name. */
const NONSENSE: Record<string, unknown[]> = {
  email: ['not-an-email', `${'a'.repeat(400)}@example.org`],
  timezone: ['Mars/Olympus_Mons', 'GMT+99', ...BAD_ZONES],
  rrule: [
    'FREQ=SECONDLY;COUNT=3',
    'FREQ=DAILY',
    'FREQ=DAILY;COUNT=100000',
    'FREQ=WEEKLY;UNTIL=soon',
    'FREQ=WEEKLY;UNTIL=20270302',
    'FREQ=WEEKLY;UNTIL=20270302T235959',
    'not an rrule;;;==;',
    ...BAD_RRULES,
  ],
  localStart: ['2027-02-30T09:30', '2027-03-02T25:61', '0000-01-01T00:00', ...BAD_LOCAL_STARTS],
  dueDate: ['2027-02-30', '0000-01-01', '30/04/2027', '9999-12-31', '2000-01-01', `${new Date().getUTCFullYear() - 2}-01-05`],
  onlineLink: ['javascript:alert(1)', 'not a link'],
  defaultMeetingLink: ['javascript:alert(1)', 'not a link'],
  postcode: ['XX1', '   '],
  sicCode: ['00000', '6201'],
  localAuthorityCode: ['X12000017'],
  companiesHouseNumber: ['ABC', '123456789'],
  name: ['', '   '],
  title: ['', '   '],
  text: ['', '   '],
  body: ['', '   '],
  reason: ['', '   '],
  message: ['', '   '],
  reminderOffsetsMinutes: [
    [60, 60],
    [1, 2, 3, 4, 5, 6],
  ],
  newPassword: ['short'],
  token: ['short'],
};

interface Property {
  path: Array<string | number>;
  schema: Schema;
}

/** Every property of a body schema, nested objects and the first item of arrays of objects included. */
function propertiesOf(schema: Schema, path: Array<string | number> = []): Property[] {
  const s = resolve(schema);
  return Object.entries(s.properties ?? {}).flatMap(([name, prop]) => {
    const p = resolve(prop);
    const here = { path: [...path, name], schema: prop };
    if (kindOf(p) === 'object') return [here, ...propertiesOf(p, [...path, name])];
    const items = p.items && resolve(p.items);
    if (items && kindOf(items) === 'object') return [here, ...propertiesOf(items, [...path, name, 0])];
    return [here];
  });
}

/** A copy of `base` with the value at `path` replaced; missing objects on the way are filled with examples. */
function withValue(base: unknown, path: Array<string | number>, value: unknown, schema: Schema, w: World): unknown {
  if (path.length === 0) return value;
  const s = resolve(schema);
  const [key, ...rest] = path;
  if (typeof key === 'number') {
    const items = Array.isArray(base) && base.length ? [...base] : [exampleOf(s.items ?? {}, w.ids)];
    items[key] = withValue(items[key], rest, value, s.items ?? {}, w);
    return items;
  }
  const object = { ...((base && typeof base === 'object' ? base : exampleOf(s, w.ids)) as Record<string, unknown>) };
  object[key] = withValue(object[key], rest, value, s.properties?.[key] ?? {}, w);
  return object;
}

/** The valid body with one more property, an array nested 50,000 deep (in 200 kB, under the size limit). */
function deeplyNested(base: Record<string, unknown>): string {
  return `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}"deep":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
}

const label = (path: Array<string | number>) =>
  path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .slice(1);

function bodyCases(schema: Schema, base: Record<string, unknown>, w: World): Case[] {
  const s = resolve(schema);
  const json = (value: unknown): Body => ({ json: value });
  const cases: Case[] = [
    ...['[]', '[{}]', '"text"', 'null', '42', 'true'].map((raw) => ({
      input: `body ${raw}`,
      expect: BAD_REQUEST,
      body: { raw, type: 'application/json' },
    })),
    // Without required properties, {} is a valid body: the last test sends it.
    ...(s.required?.length ? [{ input: 'body {}', expect: BAD_REQUEST, body: json({}) }] : []),
    { input: 'an unknown property', expect: BAD_REQUEST, body: json({ ...base, notInTheSchema: 1 }) },
    { input: 'an unknown property isAdmin', expect: BAD_REQUEST, body: json({ ...base, isAdmin: true }) },
    { input: 'a value nested 50,000 deep', expect: BAD_REQUEST, body: { raw: deeplyNested(base), type: 'application/json' } },
    ...['__proto__', 'constructor', 'prototype'].map((key) => ({
      input: `a property named ${key}`,
      expect: BAD_REQUEST,
      body: { raw: JSON.stringify({ ...base, [key]: { isAdmin: true } }), type: 'application/json' },
    })),
  ];
  for (const { path, schema: prop } of propertiesOf(s)) {
    const name = String(path[path.length - 1]);
    const values: Array<[string, unknown, number[]]> = wrongValues(prop).map(([l, v]) => [l, v, BAD_REQUEST]);
    for (const v of NONSENSE[name] ?? []) values.push([show(v), v, REFUSED]);
    if (resolve(prop).format === 'uuid') values.push(['an unknown id', randomUUID(), REFUSED]);
    for (const [what, value, expect] of values) {
      cases.push({ input: `${label(path)} = ${what}`, expect, body: json(withValue(base, path, value, s, w)) });
    }
  }
  return cases;
}

function queryCases(params: Parameter[]): Case[] {
  return params.flatMap(({ name, schema = {} }) => {
    const s = resolve(schema);
    const values: string[] = [];
    switch (kindOf(s)) {
      case 'number':
        values.push('abc', '-1', '0', '2.5', '', '1e300', 'Infinity');
        if (s.maximum !== undefined) values.push(String(s.maximum + 1), '1e9');
        break;
      case 'enum':
        values.push('nonsense', String(s.enum![0]).toUpperCase() + 'X');
        break;
      case 'boolean':
        values.push('maybe', '1', '');
        break;
      default:
        values.push('y'.repeat(10_000), '\u0000');
        if (looksLikeDate(s)) {
          values.push(
            'yesterday',
            '2027-02-30T00:00:00Z',
            '0000-01-01T00:00:00Z',
            '+275760-09-14T00:00:00Z',
            '-000001-01-01T00:00:00Z',
            '0001-01-01T00:00:00Z',
            '9999-12-31T23:59:59Z',
          );
        }
    }
    const valid = encodeURIComponent(String(exampleOf(s, {}, name)));
    const cases = values.map((v) => ({
      input: `?${name}=${show(v)}`,
      expect: BAD_REQUEST,
      query: `${name}=${encodeURIComponent(v)}`,
    }));
    return [...cases, { input: `?${name} given twice`, expect: BAD_REQUEST, query: `${name}=${valid}&${name}=${valid}` }];
  });
}

function headerCases(params: Parameter[]): Case[] {
  return params.flatMap(({ name }) => [
    ...[
      ['300 characters', 'k'.repeat(300)],
      ['a tab', 'key\twith-tab'],
      ['a space', 'key with space'],
      ['empty', ''],
      ['a non-ASCII character', 'clé'],
    ].map(([what, value]) => ({ input: `${name}: ${what}`, expect: BAD_REQUEST, headers: { [name]: value } })),
    ...['\u0001', '\u001b', '\u007f'].map((char) => ({
      input: `${name}: a control character ${show(char)}`,
      expect: BAD_REQUEST,
      headers: { [name]: `key${char}` },
      rawHeaders: true,
    })),
  ]);
}

/** A well-formed value no object answers to, for path parameters that are not uuids. */
const UNKNOWN: Record<string, () => string> = {
  feedToken: () => randomBytes(32).toString('base64url'),
  unsubscribeToken: () => `${randomBytes(24).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
};

function pathCases(route: Route): Case[] {
  return route.params
    .filter((p) => p.in === 'path')
    .flatMap(({ name }) => [
      ...['not-a-uuid', '123', 'x'.repeat(300), '%E0%A4%A', encodeURIComponent('\u0000'), `${randomUUID()}x`].map((id) => ({
        input: `{${name}} = ${show(id)}`,
        expect: BAD_REQUEST,
        ids: { [name]: id },
      })),
      { input: `{${name}} unknown`, expect: [404], ids: { [name]: (UNKNOWN[name] ?? randomUUID)() } },
    ]);
}

function transportCases(): Case[] {
  const json = (raw: string | Buffer, type = 'application/json', encoding?: string): Body => ({ raw, type, encoding });
  return [
    ...['{"a":', '{"a":1,}', "{'a':1}", '{"a":1}}'].map((raw) => ({
      input: `malformed JSON ${raw}`,
      expect: BAD_REQUEST,
      body: json(raw),
    })),
    { input: 'a 300 kB body', expect: [413], body: json(JSON.stringify({ padding: 'p'.repeat(300 * 1024) })) },
    {
      input: 'a 300 kB gzip-compressed body',
      expect: [413],
      body: json(gzipSync(`{"p":"${'p'.repeat(300 * 1024)}"}`), undefined, 'gzip'),
    },
    { input: 'charset latin1', expect: [415], body: json('{}', 'application/json; charset=latin1') },
    { input: 'gzip encoding of bytes that are not gzip', expect: [400], body: json('{}', undefined, 'gzip') },
    { input: 'an unknown content encoding', expect: [415], body: json('{}', undefined, 'snappy') },
  ];
}

/**
 * Bodies in any type but JSON: a browser sends forms, multipart and text/plain to any site without a
 * CORS preflight, so they are refused (415) on every route, before anything reads them, also when
 * the body is empty; the one exception is the one-click unsubscribe's form, read on its route alone. JSON in UTF-8 is read whatever the spelling of its type, and then validated:
 * an unknown property shows that it was (400).
 */
function contentTypeCases(route: Route, base: Record<string, unknown> | undefined): Case[] {
  const json = JSON.stringify(base ?? {});
  const as = (type: string, raw: string = json): Body => ({ raw, type });
  const multipart = `--rt\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--rt--\r\n`;
  const cases: Case[] = [
    { input: 'JSON sent as text/plain', expect: [415], body: as('text/plain') },
    { input: 'JSON sent as text/plain; charset=utf-8', expect: [415], body: as('text/plain; charset=utf-8') },
    // The one-click route reads a form, and refuses one that is not the one-click body (400); every other route never reads one.
    {
      input: 'a form body',
      expect: route.readsForm ? BAD_REQUEST : [415],
      body: as('application/x-www-form-urlencoded', 'a=1&isAdmin=true'),
    },
    { input: 'a multipart body', expect: [415], body: as('multipart/form-data; boundary=rt', multipart) },
    { input: 'a vendor +json type', expect: [415], body: as('application/vnd.roundtable+json') },
    { input: 'application/merge-patch+json', expect: [415], body: as('application/merge-patch+json') },
    { input: 'JSON in UTF-16', expect: [415], body: as('application/json; charset=utf-16') },
    { input: 'JSON with no Content-Type', expect: [415], body: as('') },
  ];
  if (route.method !== 'get') {
    cases.push({ input: 'an empty text/plain body', expect: [415], body: as('text/plain', '') });
    // An empty form is a valid one-click unsubscribe, which the last test sends.
    if (!route.readsForm)
      cases.push({ input: 'an empty form body', expect: [415], body: as('application/x-www-form-urlencoded', '') });
  }
  if (route.bodySchema) {
    const unknown = JSON.stringify({ ...base, notInTheSchema: 1 });
    for (const type of ['application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"']) {
      cases.push({ input: `${type} with an unknown property`, expect: BAD_REQUEST, body: as(type, unknown) });
    }
  }
  return cases;
}

// --- The suite ----------------------------------------------------------------------------------

describe('bad input on every route', () => {
  let t: TestApp;
  let w: World;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100000',
      INVITATION_ACCEPT_MAX_FAILURES_PER_ADDRESS: '100000',
      PASSWORD_RESET_MAX_PER_ADDRESS: '100000',
      PASSWORD_RESET_MAX_PER_EMAIL: '100000',
      PASSWORD_RESET_MAX_FAILURES_PER_ADDRESS: '100000',
    });
    const doc = (await t.http.get('/api/openapi.json').expect(200)).body as OpenApi;
    components = doc.components.schemas;
    routes = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({
        op: `${method.toUpperCase()} ${template}`,
        method: method as Method,
        template,
        params: operation.parameters ?? [],
        bodySchema: operation.requestBody?.content['application/json']?.schema,
        readsForm: operation.requestBody?.content['application/x-www-form-urlencoded'] !== undefined,
      })),
    );
    w = await buildWorld(t);
    // Listening, so that requests can also be written to a bare socket; supertest uses the same port.
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(() => t.close());

  function baseBody(route: Route): Record<string, unknown> | undefined {
    const given = reach(w, route.op).body;
    if (given !== undefined) return given as Record<string, unknown>;
    return route.bodySchema ? (exampleOf(route.bodySchema, w.ids) as Record<string, unknown>) : undefined;
  }

  function send(route: Route, c: Partial<Case>): Promise<Answer> {
    const r = reach(w, route.op);
    const ids: Record<string, string> = { ...w.ids, ...r.ids, ...c.ids };
    const path = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!(name in ids)) throw new Error(`No id for {${name}}: add one to the ids buildWorld returns`);
      return ids[name];
    });
    const url = c.query ? `${path}?${c.query}` : path;
    const body = c.body ?? (route.bodySchema ? { json: baseBody(route) } : undefined);
    if (c.rawHeaders) {
      const json = body && 'json' in body ? JSON.stringify(body.json) : '';
      return sendRaw(route.method, url, { ...(r.as ?? w.admin).auth, ...c.headers }, json);
    }
    const req = t.http[route.method](url)
      .set((r.as ?? w.admin).auth)
      .set(c.headers ?? {});
    if (!body) return req.then((res) => res);
    if ('json' in body) return req.set('Content-Type', 'application/json').send(JSON.stringify(body.json));
    if (body.encoding) req.set('Content-Encoding', body.encoding);
    // As it is: superagent would otherwise serialise a Buffer sent as JSON.
    const sent = req
      .set('Content-Type', body.type)
      .serialize((raw: unknown) => raw as string)
      .send(body.raw);
    // An empty type means none at all: superagent would otherwise call a string a form.
    return body.type ? sent : sent.unset('Content-Type');
  }

  /** One request written to a bare socket, its answer read back. */
  function sendRaw(method: Method, url: string, headers: Record<string, string>, json: string): Promise<Answer> {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const lines = Object.entries({
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(json)),
    });
    const request = `${method.toUpperCase()} ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${lines
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n${json}`;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head, ...rest] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
        const [statusLine, ...headerLines] = head.split('\r\n');
        const text = rest.join('\r\n\r\n');
        const received = Object.fromEntries(
          headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        let parsed: unknown = {};
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: the check reports the text.
        }
        resolve({ status: Number(statusLine.split(' ')[1]), headers: received, body: parsed, text });
      });
    });
  }

  /** Everything of the suite's programme and people, so a write made by a refused request shows. */
  async function fingerprint(): Promise<string> {
    const people = [
      w.admin,
      w.manager,
      w.facilitator,
      w.otherFacilitator,
      w.member,
      w.otherMember,
      w.loginUser,
      w.passwordUser,
      w.logoutUser,
    ].map((p) => p.user.id);
    const meetingRows = (table: string) =>
      `SELECT x::text FROM ${table} x JOIN meeting m ON m.id = x.meeting_id WHERE m.programme_id = $1`;
    const [{ digest }] = await t.db.query(
      `SELECT md5(string_agg(row, '|' ORDER BY row)) AS digest FROM (
         SELECT x::text AS row FROM programme x WHERE x.id = $1 OR x.name LIKE $3
         UNION ALL SELECT x::text FROM firm x WHERE x.programme_id = $1
         UNION ALL SELECT x::text FROM peer_group x WHERE x.programme_id = $1
         UNION ALL SELECT x::text FROM meeting x WHERE x.programme_id = $1
         UNION ALL SELECT x::text FROM meeting_series x WHERE x.programme_id = $1
         UNION ALL SELECT x::text FROM action_commitment x WHERE x.programme_id = $1
         UNION ALL SELECT x::text FROM commitment_revision x JOIN action_commitment c ON c.id = x.commitment_id WHERE c.programme_id = $1
         UNION ALL ${meetingRows('booking')}
         UNION ALL ${meetingRows('attendance')}
         UNION ALL ${meetingRows('feedback')}
         UNION ALL ${meetingRows('meeting_note')}
         UNION ALL SELECT x::text FROM attendance_revision x JOIN attendance a ON a.id = x.attendance_id
           JOIN meeting m ON m.id = a.meeting_id WHERE m.programme_id = $1
         UNION ALL SELECT x::text FROM membership x JOIN peer_group g ON g.id = x.group_id WHERE g.programme_id = $1
         UNION ALL SELECT x::text FROM application x JOIN peer_group g ON g.id = x.group_id WHERE g.programme_id = $1
         UNION ALL SELECT x::text FROM app_user x
           WHERE x.id = ANY($2) OR x.email LIKE $3 OR x.firm_id IN (SELECT id FROM firm WHERE programme_id = $1)
         UNION ALL SELECT x::text FROM role_assignment x WHERE x.user_id = ANY($2) OR x.programme_id = $1
         UNION ALL SELECT x::text FROM invitation x WHERE x.user_id = ANY($2) OR x.invited_by_id = ANY($2)
         UNION ALL SELECT x::text FROM idempotency_key x WHERE x.user_id = ANY($2)
       ) rows`,
      [w.programme.id, people, `${TAG}%`],
    );
    return digest as string;
  }

  /** Sends each route its cases; the report lists, per route, every answer that is not a clear refusal. */
  async function check(casesFor: (route: Route) => Case[]): Promise<Record<string, string[]>> {
    const report: Record<string, string[]> = {};
    for (const route of routes) {
      const cases = casesFor(route);
      if (!cases.length) continue;
      const before = await fingerprint();
      const offences: string[] = [];
      for (const c of cases) {
        const problem = offence(await send(route, c), c.expect);
        if (problem) offences.push(`${c.input}: ${problem}`);
      }
      if ((await fingerprint()) !== before) offences.push('the programme’s data changed: something above was written');
      if (offences.length) report[route.op] = offences;
    }
    return report;
  }

  it('refuses malformed path ids (400) and answers unknown ones with 404', async () => {
    expect(await check(pathCases)).toEqual({});
  }, 120_000);

  it('refuses malformed, oversized and mis-encoded bodies', async () => {
    expect(await check(() => transportCases())).toEqual({});
  }, 120_000);

  describe('content types', () => {
    it('refuses every body that is not JSON in UTF-8 with 415, and reads JSON however its type is spelled', async () => {
      expect(await check((route) => contentTypeCases(route, baseBody(route)))).toEqual({});
    }, 120_000);
  });

  it('refuses request bodies that break the schema', async () => {
    expect(await check((route) => (route.bodySchema ? bodyCases(route.bodySchema, baseBody(route)!, w) : []))).toEqual({});
  }, 300_000);

  it('refuses bad query parameters', async () => {
    expect(await check((route) => queryCases(route.params.filter((p) => p.in === 'query')))).toEqual({});
  }, 120_000);

  it('refuses bad headers', async () => {
    expect(await check((route) => headerCases(route.params.filter((p) => p.in === 'header')))).toEqual({});
  }, 60_000);

  it('still serves the valid request of every route, so the bad ones above reached validation', async () => {
    const failures: Record<string, string> = {};
    for (const route of routes) {
      const res = await send(route, {});
      if (res.status < 200 || res.status >= 300) failures[route.op] = `${res.status} ${show(res.body)}`;
    }
    expect(failures).toEqual({});
  }, 60_000);
});
