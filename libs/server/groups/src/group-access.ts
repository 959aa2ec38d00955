import { CompetitorProfile } from '@roundtable/domain';
import { Actor, ApiError, belongsToProgramme } from '@roundtable/server-core';
import { FirmEntity, MembershipEntity, PeerGroupEntity } from '@roundtable/server-data';
import { EntityManager, QueryFailedError } from 'typeorm';

/** A group the caller may see; a group outside their programmes does not exist for them (404). */
export async function findVisibleGroup(em: EntityManager, actor: Actor, id: string, lock = false): Promise<PeerGroupEntity> {
  const group = await em.findOne(PeerGroupEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  if (!group || !belongsToProgramme(actor, group.programmeId)) throw ApiError.notFound('Peer group');
  return group;
}

export function isActiveMember(em: EntityManager, groupId: string, firmId: string): Promise<boolean> {
  return em.existsBy(MembershipEntity, { groupId, firmId, status: 'active' });
}

export function countActiveMembers(em: EntityManager, groupId: string): Promise<number> {
  return em.countBy(MembershipEntity, { groupId, status: 'active' });
}

export function competitorProfile(firm: FirmEntity): CompetitorProfile {
  return { firmId: firm.id, sicCode: firm.sicCode, localAuthorityCode: firm.localAuthorityCode };
}

/** Competitor profiles of the active member firms of each group, in one query. */
export async function activeMemberProfiles(em: EntityManager, groupIds: string[]): Promise<Map<string, CompetitorProfile[]>> {
  const byGroup = new Map<string, CompetitorProfile[]>(groupIds.map((id) => [id, []]));
  if (!groupIds.length) return byGroup;
  const rows: { group_id: string; firm_id: string; sic_code: string; local_authority_code: string }[] = await em.query(
    `SELECT m.group_id, f.id AS firm_id, f.sic_code, f.local_authority_code
       FROM membership m JOIN firm f ON f.id = m.firm_id
      WHERE m.group_id = ANY($1) AND m.status = 'active'`,
    [groupIds],
  );
  for (const r of rows) {
    byGroup.get(r.group_id)?.push({ firmId: r.firm_id, sicCode: r.sic_code, localAuthorityCode: r.local_authority_code });
  }
  return byGroup;
}

/** The name of the database constraint (or trigger-raised rule) behind a failed query, if any. */
export function constraintOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { constraint?: string }).constraint;
}

/** Turns a known constraint violation into the client-facing error; anything else is rethrown unchanged. */
export function translateConstraint(error: unknown, errors: Record<string, () => ApiError>): never {
  const constraint = constraintOf(error);
  const make = constraint ? errors[constraint] : undefined;
  throw make ? make() : error;
}
