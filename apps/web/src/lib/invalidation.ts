import { QueryClient } from '@tanstack/react-query';

/**
 * What each kind of change touches, by the API operation whose queries show it. Every area invalidates through
 * this one map, so a change refreshes every page that shows its effect, whichever area made it.
 */
export const AFFECTED_BY = {
  /** A person books, joins the waiting list or cancels (seats, their booking, the waiting list positions). */
  booking: [
    'meetingsUpcoming',
    'meetingsGet',
    'meetingsListOpenEvents',
    'meetingsListForGroup',
    'bookingsMine',
    'bookingsList',
    'attendanceRoster',
    'groupsMine',
    'groupsList',
    'groupsGet',
  ],
  /** A session is scheduled, changed or cancelled. */
  meetingSchedule: [
    'meetingsListForGroup',
    'meetingsGet',
    'meetingsGetSeries',
    'meetingsUpcoming',
    'meetingsListOpenEvents',
    'bookingsMine',
    'groupsMine',
    'groupsList',
    'groupsGet',
    'groupsHealth',
  ],
  /** Attendance is recorded: the meeting becomes completed, and the group's health and trend change. */
  attendance: [
    'attendanceRoster',
    'attendanceList',
    'attendanceMine',
    'meetingsGet',
    'meetingsListForGroup',
    'meetingsUpcoming',
    'meetingsListOpenEvents',
    'bookingsMine',
    'groupsHealth',
    'groupsMine',
    'groupsGet',
    'programmesOverview',
  ],
  /** A firm applies to a group, withdraws, or the application is decided. */
  application: [
    'applicationsListMine',
    'applicationsGet',
    'applicationsListForGroup',
    'groupsRoster',
    'groupsList',
    'groupsGet',
    'groupsMine',
    'groupsHealth',
    'programmesOverview',
  ],
  /** A commitment is made, updated or reviewed. */
  commitment: ['commitmentsMine', 'commitmentsListForMeeting', 'commitmentsHistory', 'commitmentsReview'],
  /** Someone is invited, an invitation resent or withdrawn. */
  invitation: ['invitationsList', 'firmsPeople', 'programmesPeople'],
  /** A firm's people change. */
  firmPeople: ['firmsPeople', 'invitationsList', 'programmesPeople'],
  /** A programme is created or changed. */
  programme: ['programmesList', 'programmesGet'],
  /** A firm is created or changed. */
  firm: ['firmsList', 'firmsGet', 'programmesOverview'],
  /** A group is created or changed, or its facilitators. */
  group: ['groupsList', 'groupsGet', 'groupsMine', 'programmesPeople', 'programmesOverview'],
  /** A facilitator's private notes. */
  notes: ['notesList'],
} as const satisfies Record<string, readonly string[]>;

export type Change = keyof typeof AFFECTED_BY;

/** The generated query keys are `[{ _id: 'meetingsUpcoming', path, query }]`: this reads the operation. */
export const operationOf = (key: readonly unknown[]): string | undefined => {
  const first = key[0];
  return typeof first === 'object' && first !== null ? (first as { _id?: string })._id : undefined;
};

/** Marks stale (and refetches, if shown) every query of these operations; resolves when the refetches are done. */
export function invalidateOperations(queryClient: QueryClient, operations: readonly string[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => operations.includes(operationOf(query.queryKey) ?? ''),
  });
}

/** Refreshes everything the given changes affect; resolves when what is on screen has been read again. */
export function invalidateAfter(queryClient: QueryClient, ...changes: Change[]): Promise<void> {
  const operations = new Set<string>(changes.flatMap((change) => AFFECTED_BY[change]));
  return invalidateOperations(queryClient, [...operations]);
}
