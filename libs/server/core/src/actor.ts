import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** Who is calling, resolved once per request from the session. */
export interface Actor {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Programmes this user manages. */
  managedProgrammeIds: string[];
  /** Groups this user facilitates, and the programmes those groups belong to. */
  facilitatedGroupIds: string[];
  facilitatorProgrammeIds: string[];
  /**
   * Programmes whose facilitator pool this user is in (recruited, not yet given a group, or kept on between groups).
   * It shows them the programme itself and nothing in it: no group, firm or meeting opens to it, and it is never part
   * of facilitatorProgrammeIds (staff standing comes from a group only).
   */
  poolProgrammeIds: string[];
  /** The firm this user is a person of (a member), and its programme. */
  firmId: string | null;
  firmProgrammeId: string | null;
}

export const IS_PUBLIC = 'roundtable:public';
/** Marks a route that needs no session (login, accepting an invitation, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

export function managesProgramme(actor: Pick<Actor, 'isAdmin' | 'managedProgrammeIds'>, programmeId: string): boolean {
  return actor.isAdmin || actor.managedProgrammeIds.includes(programmeId);
}

export function facilitatesGroup(actor: Actor, group: { id: string; programmeId: string }): boolean {
  return managesProgramme(actor, group.programmeId) || actor.facilitatedGroupIds.includes(group.id);
}

/** Staff of a programme: its managers and the facilitators of any of its groups. */
export function isProgrammeStaff(
  actor: Pick<Actor, 'isAdmin' | 'managedProgrammeIds' | 'facilitatorProgrammeIds'>,
  programmeId: string,
): boolean {
  return managesProgramme(actor, programmeId) || actor.facilitatorProgrammeIds.includes(programmeId);
}

/** Anyone taking part in a programme in any role. */
export function belongsToProgramme(actor: Actor, programmeId: string): boolean {
  return isProgrammeStaff(actor, programmeId) || actor.firmProgrammeId === programmeId;
}

/** Programmes an actor may see; null means all (admin). */
export function visibleProgrammeIds(actor: Actor): string[] | null {
  if (actor.isAdmin) return null;
  const ids = new Set([...actor.managedProgrammeIds, ...actor.facilitatorProgrammeIds, ...actor.poolProgrammeIds]);
  if (actor.firmProgrammeId) ids.add(actor.firmProgrammeId);
  return [...ids];
}
