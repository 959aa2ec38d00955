import { ApplicationStatus, CompetitorProfile, findCompetitors } from '@roundtable/domain';
import {
  ApplicationEntity,
  FirmEntity,
  MembershipEntity,
  PeerGroupEntity,
  ProgrammeEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@roundtable/server-data';
import { randomUUID } from 'node:crypto';
import {
  DEMO_FACILITATORS,
  DEMO_GROUPS,
  DEMO_HEARD_ABOUT,
  DEMO_MEMBER,
  DEMO_PROGRAMME,
  DEMO_STAFF,
  DemoGroup,
  DemoOutcome,
  facilitatorEmail,
  OUTCOME_NOTES,
} from './demo-data';
import { buildMeetings } from './demo-meetings';
import { seededRandom } from './demo-random';
import { DemoCastGroup, DemoPerson, DemoTenure, MeetingRows } from './demo-types';

const DAY = 86_400_000;

/** The rows of the demo, ready to insert; ids are set here so children can point at parents. */
export interface DemoRows extends MeetingRows {
  programme: Partial<ProgrammeEntity>;
  firms: Partial<FirmEntity>[];
  users: Partial<UserEntity>[];
  groups: Partial<PeerGroupEntity>[];
  roles: Partial<RoleAssignmentEntity>[];
  applications: Partial<ApplicationEntity>[];
  memberships: Partial<MembershipEntity>[];
}

const APPLICATION_STATUS: Record<DemoOutcome, ApplicationStatus> = {
  member: 'approved',
  left: 'approved',
  pending: 'pending',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

export function firmSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(ltd|llp|co)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Builds the whole demo in memory; dates are relative to `now` so the demo never looks stale. */
export function buildDemo(now: Date, passwordHash: string): DemoRows {
  const random = seededRandom(20240611);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  /** A moment `days` days ago, in office hours. */
  const daysAgo = (days: number): Date => {
    const d = new Date(now.getTime() - days * DAY);
    d.setUTCHours(int(8, 16), int(0, 59), 0, 0);
    return d;
  };
  const person = (email: string, name: string, createdAt: Date, firmId: string | null = null): Partial<UserEntity> => ({
    id: randomUUID(),
    email,
    name,
    timezone: 'Europe/London',
    status: 'active',
    passwordHash,
    firmId,
    createdAt,
    updatedAt: createdAt,
  });

  const founded = daysAgo(320);
  const programme: Partial<ProgrammeEntity> = { id: randomUUID(), ...DEMO_PROGRAMME, createdAt: founded, updatedAt: founded };
  const programmeId = programme.id as string;
  const admin = person(DEMO_STAFF.admin.email, DEMO_STAFF.admin.name, founded);
  const manager = person(DEMO_STAFF.manager.email, DEMO_STAFF.manager.name, founded);
  const facilitators = DEMO_FACILITATORS.map((name, i) => person(facilitatorEmail(i), name, daysAgo(310 - i)));
  const rows: Omit<DemoRows, keyof MeetingRows> = {
    programme,
    firms: [],
    users: [admin, manager, ...facilitators],
    groups: [],
    roles: [
      { userId: admin.id, role: 'admin', createdAt: founded },
      { userId: manager.id, role: 'programme_manager', programmeId, createdById: admin.id, createdAt: founded },
    ],
    applications: [],
    memberships: [],
  };

  /** The people of every firm, for the meetings they book. */
  const firmPeople: DemoPerson[][] = [];
  const addApplicants = (spec: DemoGroup, groupId: string, deciderId: string): DemoTenure[] => {
    const tenures: DemoTenure[] = [];
    const start = spec.startedDaysAgo;
    const applications: { application: Partial<ApplicationEntity>; profile: CompetitorProfile }[] = [];
    const activeMembers: CompetitorProfile[] = [];
    for (const [outcome, name, companiesHouseNumber, sicCode, employeeBand, localAuthorityCode, postcode, people] of spec.firms) {
      const admitted = outcome === 'member' || outcome === 'left';
      const note = noteFor(outcome, name);
      const appliedDays = outcome === 'pending' ? int(1, 9) : admitted ? start + int(8, 25) : int(15, 40);
      const applied = daysAgo(appliedDays);
      const decided = outcome === 'pending' ? null : daysAgo(admitted ? start + int(0, 5) : appliedDays - int(2, 6));
      const registered = daysAgo(appliedDays + 1);
      const firmId = randomUUID();
      rows.firms.push({
        id: firmId,
        programmeId,
        name,
        companiesHouseNumber,
        sicCode,
        employeeBand,
        localAuthorityCode,
        postcode,
        createdAt: registered,
        updatedAt: registered,
      });
      const slug = firmSlug(name);
      const [owner, ...others] = people.split(', ').map((personName, i) => {
        const email =
          i > 0
            ? `${firmSlug(personName.split(' ')[0])}@${slug}.demo.roundtable.local`
            : name === DEMO_MEMBER.firm
              ? DEMO_MEMBER.email
              : `owner@${slug}.demo.roundtable.local`;
        return person(email, personName, registered, firmId);
      });
      rows.users.push(owner, ...others);
      const team: DemoPerson[] = [owner, ...others].map((u, i) => ({
        id: u.id as string,
        name: u.name as string,
        firmName: name,
        owner: i === 0,
      }));
      firmPeople.push(team);

      const status = APPLICATION_STATUS[outcome];
      const application: Partial<ApplicationEntity> = {
        id: randomUUID(),
        groupId,
        firmId,
        applicantId: owner.id,
        answers: { goal: pick(spec.goals), heardAbout: pick(DEMO_HEARD_ABOUT), yearsTrading: String(int(2, 35)) },
        status,
        // A withdrawal is the applicant's own decision; approvals and rejections are the facilitator's.
        decidedById: status === 'pending' ? null : status === 'withdrawn' ? (owner.id as string) : deciderId,
        decidedAt: decided,
        decisionNote: status === 'rejected' || status === 'withdrawn' ? note : null,
        createdAt: applied,
        updatedAt: decided ?? applied,
      };
      const profile = { firmId, sicCode, localAuthorityCode };
      applications.push({ application, profile });
      if (admitted) {
        const endedAt = outcome === 'left' ? daysAgo(int(20, start - 30)) : null;
        tenures.push({ joinedAt: decided as Date, endedAt, people: team });
        rows.memberships.push({
          groupId,
          firmId,
          applicationId: application.id,
          status: outcome === 'member' ? 'active' : 'left',
          joinedAt: decided as Date,
          endedAt,
          endReason: outcome === 'left' ? note : null,
          endedById: outcome === 'left' ? (owner.id as string) : null,
        });
      }
      if (outcome === 'member') activeMembers.push(profile);
    }
    // Flagged as the applications service flags them: against the group's active member firms.
    for (const { application, profile } of applications) {
      const conflicting = findCompetitors(profile, activeMembers);
      rows.applications.push({ ...application, competitorConflict: conflicting.length > 0, conflictingFirmIds: conflicting });
    }
    return tenures;
  };

  const castGroups: DemoCastGroup[] = [];
  for (const spec of DEMO_GROUPS) {
    const createdAt = daysAgo(spec.startedDaysAgo + 45);
    const group: Partial<PeerGroupEntity> = {
      id: randomUUID(),
      programmeId,
      name: spec.name,
      theme: spec.theme,
      format: spec.format,
      capacity: spec.capacity,
      status: spec.status,
      defaultVenue: spec.defaultVenue,
      defaultMeetingLink: spec.defaultMeetingLink,
      createdAt,
      updatedAt: createdAt,
    };
    rows.groups.push(group);
    const facilitatorIds = spec.facilitators.map((i) => facilitators[i].id as string);
    for (const userId of facilitatorIds) {
      rows.roles.push({ userId, role: 'facilitator', programmeId, groupId: group.id, createdById: manager.id, createdAt });
    }
    const tenures = addApplicants(spec, group.id as string, facilitatorIds[0]);
    castGroups.push({ id: group.id as string, spec, facilitatorId: facilitatorIds[0], createdAt, tenures });
  }
  const member = rows.users.find((u) => u.email === DEMO_MEMBER.email);
  if (!member) throw new Error(`Demo data: no firm of DEMO_GROUPS is "${DEMO_MEMBER.firm}"`);
  const meetings = buildMeetings({
    now,
    programmeId,
    managerId: manager.id as string,
    memberId: member.id as string,
    groups: castGroups,
    firmPeople,
  });
  return { ...rows, ...meetings };
}

function noteFor(outcome: DemoOutcome, firm: string): string | null {
  if (outcome === 'member' || outcome === 'pending') return null;
  const note = OUTCOME_NOTES[firm];
  if (!note) throw new Error(`Demo data: "${firm}" (${outcome}) needs an entry in OUTCOME_NOTES`);
  return note;
}
