import { Actor, ApiError, belongsToProgramme, facilitatesGroup, isProgrammeStaff } from '@roundtable/server-core';
import { MeetingEntity } from '@roundtable/server-data';
import { EntityManager } from 'typeorm';

export interface MeetingAccess {
  /** May read the meeting and its own booking. */
  view: boolean;
  /** May edit, cancel, take attendance, see every booking: the group's facilitators and managers (open events: programme staff). */
  manage: boolean;
  /** May hold a seat: a person of a current member firm (open events: of any firm in the programme). */
  book: boolean;
  /** May read and write facilitator notes: the group's own facilitators (open events: programme staff). */
  notes: boolean;
}

/** Whether the actor's firm is an active member of the group right now. */
export async function firmIsActiveMember(em: EntityManager, actor: Actor, groupId: string): Promise<boolean> {
  if (!actor.firmId) return false;
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM membership WHERE group_id = $1 AND firm_id = $2 AND status = 'active' LIMIT 1`,
    [groupId, actor.firmId],
  );
  return rows.length > 0;
}

export async function meetingAccess(em: EntityManager, actor: Actor, meeting: MeetingEntity): Promise<MeetingAccess> {
  const programmeId = meeting.programmeId;
  if (!meeting.groupId) {
    const staff = isProgrammeStaff(actor, programmeId);
    const member = actor.firmProgrammeId === programmeId;
    return { view: staff || member, manage: staff, book: member, notes: staff };
  }
  const manage = facilitatesGroup(actor, { id: meeting.groupId, programmeId });
  const member = actor.firmProgrammeId === programmeId && (await firmIsActiveMember(em, actor, meeting.groupId));
  let view = manage || member;
  if (!view && actor.firmProgrammeId === programmeId) {
    // Someone whose firm has left may still read the meetings they attended or held a seat at.
    // Leaving cancels their seats at meetings to come, so this never opens a future meeting to them.
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM booking WHERE meeting_id = $1 AND user_id = $2 AND status <> 'cancelled'
       UNION ALL SELECT 1 FROM attendance WHERE meeting_id = $1 AND user_id = $2 LIMIT 1`,
      [meeting.id, actor.userId],
    );
    view = rows.length > 0;
  }
  return { view, manage, book: member, notes: actor.facilitatedGroupIds.includes(meeting.groupId) };
}

/**
 * Loads a meeting the actor may see, optionally locking its row (the lock that serialises
 * bookings, cancellations and capacity changes of one meeting). Outside the actor's
 * programmes: 404; inside but not theirs: 403.
 */
export async function loadMeeting(
  em: EntityManager,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; need?: keyof MeetingAccess } = {},
): Promise<{ meeting: MeetingEntity; access: MeetingAccess }> {
  const meeting = await em.findOne(MeetingEntity, { where: { id }, ...(opts.lock && { lock: { mode: 'pessimistic_write' } }) });
  if (!meeting || !belongsToProgramme(actor, meeting.programmeId)) throw ApiError.notFound('Meeting');
  const access = await meetingAccess(em, actor, meeting);
  if (!access.view && !access.manage)
    throw ApiError.forbidden('Only the group’s current members and facilitators can see this meeting');
  if (opts.need && !access[opts.need]) throw ApiError.forbidden(NEED_MESSAGES[opts.need]);
  return { meeting, access };
}

const NEED_MESSAGES: Record<keyof MeetingAccess, string> = {
  view: 'You cannot see this meeting',
  manage: 'Only the group’s facilitators and the programme’s managers can do this',
  book: 'Only members of this group can book its meetings',
  notes: 'Facilitator notes are only for the group’s facilitators',
};
