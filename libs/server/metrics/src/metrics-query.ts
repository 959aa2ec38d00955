import { Actor, ApiError, managesProgramme, visibleProgrammeIds } from '@roundtable/server-core';
import { PeerGroupEntity, ProgrammeEntity } from '@roundtable/server-data';
import { DataSource } from 'typeorm';
import { ParticipationMetricsQueryDto } from './dto/participation-metrics.dto';

/**
 * What every metrics route shares: the filters, who may see what, and the monthly series. Every family reads
 * summaries at the grain of the filters, so each filter is a WHERE on a summary row.
 */

/** The longest series one answer gives, in months (fifty years). */
const MAX_MONTHS = 600;

/** Where a summary row's slice passes the group filters ($1 programme, $2 groups in scope, $3 group, $4 facilitator, $5–$6 months). */
export const sliceWhere = (t: string) => `($1::uuid IS NULL OR ${t}.programme_id = $1)
   AND ($2::uuid[] IS NULL OR ${t}.group_id = ANY($2))
   AND ($3::uuid IS NULL OR ${t}.group_id = $3)
   AND ($4::uuid IS NULL OR ${t}.group_id IN (
         SELECT r.group_id FROM role_assignment r WHERE r.user_id = $4 AND r.role = 'facilitator' AND r.group_id IS NOT NULL))
   AND ($5::date IS NULL OR ${t}.month >= $5) AND ($6::date IS NULL OR ${t}.month <= $6)`;
/** Where a row passes the firm filters ($7 local authority, $8 SIC section, $9 employee band). */
export const firmWhere = (t: string) => `($7::text IS NULL OR ${t}.local_authority_code = $7)
   AND ($8::text IS NULL OR ${t}.sic_section = $8) AND ($9::text IS NULL OR ${t}.employee_band = $9)`;

/** The parameters $1–$9 of `sliceWhere` and `firmWhere`. */
export function filterParams(query: ParticipationMetricsQueryDto, groupsInScope: string[] | null): unknown[] {
  return [
    query.programmeId ?? null,
    groupsInScope,
    query.groupId ?? null,
    query.facilitatorId ?? null,
    query.from ? `${query.from}-01` : null,
    query.to ? `${query.to}-01` : null,
    query.localAuthority ?? null,
    query.sicSection ?? null,
    query.employeeBand ?? null,
  ];
}

/**
 * Admins see everything; a programme's managers all of it; its facilitators their own groups (another group is
 * 404, as it is not theirs to see); anyone else taking part in it (a member, a facilitator still in the pool)
 * 403; outside it 404. Returns the groups a facilitator is limited to, or null for no limit.
 */
export async function metricsScope(db: DataSource, actor: Actor, query: ParticipationMetricsQueryDto): Promise<string[] | null> {
  if (query.from && query.to && query.from > query.to) {
    throw ApiError.badRequest('validation_failed', 'from must not be after to', 'from');
  }
  if (query.from && query.to && monthIndex(query.to) - monthIndex(query.from) >= MAX_MONTHS) {
    throw ApiError.badRequest('validation_failed', `from and to may span at most ${MAX_MONTHS} months`, 'to');
  }
  if (!query.programmeId) {
    if (actor.isAdmin) return groupOutside(db, query, null);
    throw ApiError.badRequest('programme_required', 'Name the programme (programmeId): only admins see every programme at once');
  }
  const programmeId = query.programmeId;
  const visible = visibleProgrammeIds(actor);
  const exists = await db.manager.exists(ProgrammeEntity, { where: { id: programmeId } });
  if (!exists || (visible && !visible.includes(programmeId))) throw ApiError.notFound('Programme');
  if (managesProgramme(actor, programmeId)) return groupOutside(db, query, null);
  if (!actor.facilitatorProgrammeIds.includes(programmeId)) {
    throw ApiError.forbidden('Only the programme’s managers and its groups’ facilitators see its metrics');
  }
  return groupOutside(db, query, actor.facilitatedGroupIds);
}

/** Checks the group named is in the programme and in scope (404 otherwise), and passes the scope on. */
async function groupOutside(
  db: DataSource,
  query: ParticipationMetricsQueryDto,
  scope: string[] | null,
): Promise<string[] | null> {
  if (!query.groupId) return scope;
  const group = await db.manager.findOne(PeerGroupEntity, {
    where: { id: query.groupId },
    select: { id: true, programmeId: true },
  });
  if (!group || (query.programmeId && group.programmeId !== query.programmeId) || (scope && !scope.includes(group.id))) {
    throw ApiError.notFound('Group');
  }
  return scope;
}

/** The months of the answer: `from` (or the first month with data) to `to` (or the last), every month between. */
export function seriesMonths(
  query: ParticipationMetricsQueryDto,
  known: Iterable<string>,
): { from: string | null; to: string | null; months: string[] } {
  const sorted = [...known].sort();
  const from = query.from ?? sorted[0] ?? query.to ?? null;
  const to = query.to ?? sorted[sorted.length - 1] ?? query.from ?? null;
  return { from, to, months: from && to ? monthsBetween(from, to) : [] };
}

/** A share in 0..1 to three decimals, rounded half up from the exact fraction; null over nothing. */
export function ratio(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 1000) / whole) / 1000;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Every month from `from` to `to`, inclusive, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i += 1) {
    months.push(`${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}
