import { EmployeeBand, GroupFormat, CommitmentTheme } from '@roundtable/domain';
import { ColumnTable } from './scale-tables';
import { apportion, ScaleRng, scaleId } from './scale-random';
import { OTHER_ZONES, PROGRAMME_BRANDS, SCALE_REGIONS } from './scale-geography';
import { EMPLOYEE_BAND_WEIGHTS, FIRM_WORDS, FIRST_NAMES, GROUP_THEMES, LAST_NAMES, SIC_CODES } from './scale-texts';

/** The national figures at scale 1 (issue 9). */
export const SCALE_TARGETS = { programmes: 50, groups: 2000, firms: 20000, members: 25000 };

/** The months the data spans: 24 up to and including the anchor's month, and 2 still to come. */
export const PAST_MONTHS = 24;
export const MONTHS = PAST_MONTHS + 2;

export interface ScaleProgramme {
  id: string;
  timezone: string;
  managerId: string;
  people: ScalePerson[];
}

export interface ScalePerson {
  id: string;
  /** How reliably they book and turn up, 0–1; a few drift away. */
  reliability: number;
  joinMonth: number;
  /** The month their firm left the group (exclusive), or MONTHS. */
  leaveMonth: number;
  /** How they join a hybrid session. */
  online: boolean;
}

export interface ScaleGroup {
  id: string;
  programme: ScaleProgramme;
  name: string;
  format: GroupFormat;
  capacity: number;
  venue: string | null;
  link: string | null;
  facilitatorId: string;
  startMonth: number;
  /** Inclusive. */
  endMonth: number;
  themes: CommitmentTheme[];
  people: ScalePerson[];
}

export const KIND = {
  programme: 1,
  user: 2,
  firm: 3,
  group: 4,
  role: 5,
  application: 6,
  membership: 7,
  series: 8,
  meeting: 9,
  booking: 10,
  attendance: 11,
  commitment: 12,
  revision: 13,
  feedback: 14,
  note: 15,
} as const;

/** First day (UTC) of month index m, month PAST_MONTHS - 1 being the anchor's. */
export function monthStart(anchor: Date, m: number): Date {
  return new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - (PAST_MONTHS - 1) + m, 1));
}

export function structureTables() {
  return {
    programme: new ColumnTable('programme', [
      ['id', 'uuid'],
      ['name', 'text'],
      ['region', 'text'],
      ['funder', 'text'],
      ['timezone', 'text'],
      ['confidentiality_text', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    firm: new ColumnTable('firm', [
      ['id', 'uuid'],
      ['programme_id', 'uuid'],
      ['name', 'text'],
      ['companies_house_number', 'text'],
      ['sic_code', 'text'],
      ['employee_band', 'text'],
      ['local_authority_code', 'text'],
      ['postcode', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    app_user: new ColumnTable('app_user', [
      ['id', 'uuid'],
      ['email', 'text'],
      ['name', 'text'],
      ['timezone', 'text'],
      ['password_hash', 'text'],
      ['status', 'text'],
      ['firm_id', 'uuid'],
      ['password_changed_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    peer_group: new ColumnTable('peer_group', [
      ['id', 'uuid'],
      ['programme_id', 'uuid'],
      ['name', 'text'],
      ['theme', 'text'],
      ['format', 'text'],
      ['capacity', 'int'],
      ['status', 'text'],
      ['default_venue', 'text'],
      ['default_meeting_link', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    role_assignment: new ColumnTable('role_assignment', [
      ['id', 'uuid'],
      ['user_id', 'uuid'],
      ['role', 'text'],
      ['programme_id', 'uuid'],
      ['group_id', 'uuid'],
      ['created_at', 'timestamptz'],
    ]),
    application: new ColumnTable('application', [
      ['id', 'uuid'],
      ['group_id', 'uuid'],
      ['firm_id', 'uuid'],
      ['applicant_id', 'uuid'],
      ['answers', 'jsonb'],
      ['status', 'text'],
      ['decided_by_id', 'uuid'],
      ['decided_at', 'timestamptz'],
      ['decision_note', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    membership: new ColumnTable('membership', [
      ['id', 'uuid'],
      ['group_id', 'uuid'],
      ['firm_id', 'uuid'],
      ['application_id', 'uuid'],
      ['status', 'text'],
      ['joined_at', 'timestamptz'],
      ['ended_at', 'timestamptz'],
      ['end_reason', 'text'],
    ]),
  };
}

export type StructureTables = ReturnType<typeof structureTables>;

const iso = (d: Date) => d.toISOString();
const SIC_INDEX = SIC_CODES.map((c, i) => [i, c[1]] as const);
const DAY = 86_400_000;
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Programmes, their staff, firms and their people, peer groups and who is in them: everything but the sessions.
 * Fills `t` and returns the groups the sessions are generated for.
 */
export function buildStructure(rng: ScaleRng, scale: number, anchor: Date, passwordHash: string, t: StructureTables) {
  const count = (n: number) => Math.max(1, Math.round(n * scale));
  const nProgrammes = count(SCALE_TARGETS.programmes);
  const nGroups = Math.max(nProgrammes, count(SCALE_TARGETS.groups));
  const nFirms = Math.max(nGroups * 4, count(SCALE_TARGETS.firms));
  const nMembers = Math.max(nFirms, count(SCALE_TARGETS.members));
  const start = iso(monthStart(anchor, -2));
  let users = 0;
  let roles = 0;
  const logins: { role: string; email: string }[] = [];
  const addUser = (name: string, email: string, timezone: string, firmId: string | null) => {
    const id = scaleId(KIND.user, ++users);
    t.app_user.add(id, email, name, timezone, passwordHash, 'active', firmId, start, start, start);
    return id;
  };
  const adminId = addUser('Ada Admin', 'admin@scale.roundtable.local', 'Europe/London', null);
  t.role_assignment.add(scaleId(KIND.role, ++roles), adminId, 'admin', null, null, start);
  logins.push({ role: 'admin', email: 'admin@scale.roundtable.local' });

  const groupsPer = apportion(
    nGroups,
    Array.from({ length: nProgrammes }, () => 0.5 + rng.next() * 1.5),
    1,
  );
  const firmsPer = apportion(
    nFirms,
    Array.from({ length: nGroups }, () => 0.8 + rng.next() * 0.4),
    4,
  );
  const peoplePer = apportion(
    nMembers - nFirms,
    Array.from({ length: nFirms }, () => (rng.chance(0.2) ? 1 + rng.next() : 0)),
  );
  const groups: ScaleGroup[] = [];
  const names = new Set<string>();
  let firms = 0;
  let members = 0;
  let chNumber = 0;
  for (let p = 0; p < nProgrammes; p++) {
    const region = SCALE_REGIONS[p % SCALE_REGIONS.length];
    const other = p % 17 === 16 ? OTHER_ZONES[Math.floor(p / 17) % OTHER_ZONES.length] : null;
    const timezone = other ? other[0] : 'Europe/London';
    let name = other
      ? `${other[1]} — ${region.name}`
      : `${PROGRAMME_BRANDS[Math.floor(p / SCALE_REGIONS.length) % PROGRAMME_BRANDS.length]} ${region.name}`;
    for (let k = 2; names.has(name); k++) name = `${name.replace(/ \(\d+\)$/, '')} (${k})`;
    names.add(name);
    const programme: ScaleProgramme = { id: scaleId(KIND.programme, p + 1), timezone, managerId: '', people: [] };
    t.programme.add(
      programme.id,
      name,
      region.name,
      rng.pick(region.funders),
      timezone,
      'What members share in the room stays in the room.',
      start,
      start,
    );
    const pmEmail = `pm${p + 1}@scale.roundtable.local`;
    programme.managerId = addUser(`${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, pmEmail, timezone, null);
    t.role_assignment.add(scaleId(KIND.role, ++roles), programme.managerId, 'programme_manager', programme.id, null, start);
    if (p === 0) logins.push({ role: 'programme manager', email: pmEmail });
    const facilitators: string[] = [];
    const groupNames = new Set<string>();
    for (let g = 0; g < groupsPer[p]; g++) {
      // A facilitator runs about three groups.
      if (g % 3 === 0) {
        const email = `facilitator${users + 1}@scale.roundtable.local`;
        facilitators.push(addUser(`${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, email, timezone, null));
        if (logins.length === 2) logins.push({ role: 'facilitator', email });
      }
      const home = rng.pick(region.authorities);
      const area = home[1];
      const [themeName, theme, themes] = rng.pick(GROUP_THEMES);
      let groupName = `${themeName} — ${area}`;
      for (let k = 2; groupNames.has(groupName); k++) groupName = `${themeName} — ${area} ${k}`;
      groupNames.add(groupName);
      const format = rng.weighted<GroupFormat>([
        ['in_person', 45],
        ['online', 35],
        ['hybrid', 20],
      ]);
      const capacity = rng.weighted([
        [10, 40],
        [12, 35],
        [11, 12],
        [8, 8],
        [14, 5],
      ] as const);
      const kind = rng.weighted([
        ['founding', 72],
        ['later', 18],
        ['closed', 6],
        ['forming', 4],
      ] as const);
      const startMonth =
        kind === 'founding' ? 0 : kind === 'forming' ? PAST_MONTHS : kind === 'later' ? rng.int(1, 12) : rng.int(0, 3);
      const endMonth = kind === 'closed' ? startMonth + rng.int(12, 18) : MONTHS - 1;
      const status = kind === 'closed' ? 'closed' : kind === 'forming' ? 'forming' : 'active';
      const id = scaleId(KIND.group, groups.length + 1);
      const groupSlug = slug(groupName);
      const group: ScaleGroup = {
        id,
        programme,
        name: groupName,
        format,
        capacity,
        themes,
        venue:
          format === 'online'
            ? null
            : `${rng.pick(['Enterprise Centre', 'Business Hub', 'Innovation Centre', 'Chamber of Commerce'])}, ${area}`,
        link: format === 'in_person' ? null : `https://meet.scale.roundtable.local/${groupSlug}-${groups.length + 1}`,
        facilitatorId: facilitators[facilitators.length - 1],
        startMonth,
        endMonth,
        people: [],
      };
      groups.push(group);
      const created = iso(new Date(monthStart(anchor, startMonth).getTime() - 30 * DAY));
      t.peer_group.add(id, programme.id, groupName, theme, format, capacity, status, group.venue, group.link, created, created);
      t.role_assignment.add(scaleId(KIND.role, ++roles), group.facilitatorId, 'facilitator', programme.id, id, created);
      let active = 0;
      for (let f = 0; f < firmsPer[groups.length - 1]; f++) {
        const firmId = scaleId(KIND.firm, ++firms);
        const [la, , pc] = rng.chance(0.7) ? home : rng.pick(region.authorities);
        const [sic, , trade] = SIC_CODES[rng.weighted(SIC_INDEX)];
        const band: EmployeeBand = rng.weighted(EMPLOYEE_BAND_WEIGHTS);
        const firmName = `${rng.pick(FIRM_WORDS)} ${trade} ${rng.chance(0.08) ? 'LLP' : 'Ltd'}`;
        chNumber += rng.int(1, 97);
        const ch = la.startsWith('S')
          ? `SC${String(100000 + chNumber).slice(-6)}`
          : la.startsWith('N')
            ? `NI${String(600000 + chNumber).slice(-6)}`
            : String(8000000 + chNumber).padStart(8, '0');
        const postcode = `${pc}${rng.int(1, 29)} ${rng.int(1, 9)}${rng.pick([...'ABDEFGHJLNPQRSTUWXYZ'])}${rng.pick([...'ABDEFGHJLNPQRSTUWXYZ'])}`;
        const outcome = rng.weighted([
          ['member', 84],
          ['left', 10],
          ['pending', 2],
          ['rejected', 2],
          ['withdrawn', 2],
        ] as const);
        let member: 'member' | 'left' | 'pending' | 'rejected' | 'withdrawn' =
          outcome === 'member' && active < capacity ? 'member' : outcome === 'member' ? 'left' : outcome;
        const late = Math.min(endMonth, PAST_MONTHS - 1, startMonth + rng.int(1, 8));
        const joinMonth =
          member === 'member' || member === 'left'
            ? rng.chance(0.75)
              ? startMonth
              : Math.max(startMonth, late)
            : PAST_MONTHS - 1;
        const leaveMonth = member === 'left' ? Math.min(PAST_MONTHS - 1, endMonth, joinMonth + rng.int(2, 12)) : MONTHS;
        // A firm that would leave before its first session withdrew its application instead.
        if (member === 'left' && leaveMonth <= joinMonth) member = 'withdrawn';
        if (member === 'member') active++;
        const joined = new Date(
          Math.min(anchor.getTime() - rng.int(1, 5) * DAY, monthStart(anchor, joinMonth).getTime() - rng.int(3, 20) * DAY),
        );
        t.firm.add(
          firmId,
          programme.id,
          firmName,
          rng.chance(0.92) ? ch : null,
          sic,
          band,
          la,
          postcode,
          iso(new Date(joined.getTime() - 30 * DAY)),
          iso(joined),
        );
        const n = 1 + peoplePer[firms - 1];
        const firmPeople: string[] = [];
        const domain = `${slug(firmName)}-${firms}.scale.roundtable.local`;
        for (let k = 0; k < n; k++) {
          const first = rng.pick(FIRST_NAMES);
          const last = rng.pick(LAST_NAMES);
          const personId = addUser(
            `${first} ${last}`,
            `${slug(first)}.${slug(last)}${k ? k + 1 : ''}@${domain}`,
            timezone,
            firmId,
          );
          firmPeople.push(personId);
          members++;
          if (member !== 'member' && member !== 'left') continue;
          const drifter = rng.chance(0.1);
          const person = {
            id: personId,
            reliability: drifter ? 0.3 + rng.next() * 0.3 : 0.65 + rng.next() * 0.35,
            joinMonth,
            leaveMonth,
            online: rng.chance(0.4),
          };
          group.people.push(person);
          programme.people.push(person);
          if (logins.length === 3 && member === 'member' && startMonth === 0)
            logins.push({ role: 'member', email: `${slug(first)}.${slug(last)}${k ? k + 1 : ''}@${domain}` });
        }
        const applicationId = scaleId(KIND.application, firms);
        const applied = iso(new Date(joined.getTime() - rng.int(7, 21) * DAY));
        const decided = member === 'pending' ? null : iso(joined);
        const status = member === 'member' || member === 'left' ? 'approved' : member;
        const note =
          member === 'rejected'
            ? 'Same trade and area as a current member.'
            : member === 'withdrawn'
              ? 'Cannot commit to the session dates this year.'
              : null;
        const answers = JSON.stringify({
          goal: `Grow ${firmName.replace(/ (Ltd|LLP)$/, '')} with the group's help`,
          yearsTrading: String(rng.int(1, 40)),
        });
        t.application.add(
          applicationId,
          id,
          firmId,
          firmPeople[0],
          answers,
          status,
          decided && status !== 'withdrawn' ? group.facilitatorId : null,
          decided,
          note,
          applied,
          decided ?? applied,
        );
        if (status !== 'approved') continue;
        const ended = member === 'left' ? iso(new Date(monthStart(anchor, leaveMonth).getTime() - rng.int(1, 20) * DAY)) : null;
        t.membership.add(
          scaleId(KIND.membership, firms),
          id,
          firmId,
          applicationId,
          member === 'left' ? 'left' : 'active',
          iso(joined),
          ended,
          ended ? rng.pick(['Too busy to keep coming', 'Sold the business', 'Got what they came for']) : null,
        );
      }
    }
  }
  return { groups, logins, counts: { programmes: nProgrammes, groups: nGroups, firms, members } };
}
