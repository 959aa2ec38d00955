import { authMeOptions, MeDto } from '@roundtable/api-client';
import { useSuspenseQuery } from '@tanstack/react-query';

/** Who is signed in: the one query every page under the app layout may rely on (the layout loads it first). */
export const meQuery = () => ({ ...authMeOptions(), staleTime: 5 * 60_000, retry: false });

export interface Viewer extends MeDto {
  isAdmin: boolean;
  /** Programmes the viewer manages (empty for an admin who manages none: admins see every programme). */
  managedProgrammeIds: string[];
  /** Groups the viewer facilitates. */
  facilitatedGroupIds: string[];
  isFacilitator: boolean;
  isManager: boolean;
  /** A person of a firm: books sessions, applies to groups, keeps commitments. */
  isMember: boolean;
}

export function toViewer(me: MeDto): Viewer {
  const of = (role: string) => me.roles.filter((r) => r.role === role);
  const managedProgrammeIds = of('programme_manager').flatMap((r) => (r.programmeId ? [r.programmeId] : []));
  const facilitatedGroupIds = of('facilitator').flatMap((r) => (r.groupId ? [r.groupId] : []));
  return {
    ...me,
    isAdmin: of('admin').length > 0,
    managedProgrammeIds,
    facilitatedGroupIds,
    isFacilitator: of('facilitator').length > 0,
    isManager: managedProgrammeIds.length > 0,
    isMember: Boolean(me.firmId),
  };
}

/** The signed-in viewer; only under the app layout, which has loaded it. */
export function useViewer(): Viewer {
  const { data } = useSuspenseQuery(meQuery());
  return toViewer(data);
}

/** Where a viewer starts: members at their sessions, facilitators at their groups, managers at their programme. */
export function homeOf(viewer: Viewer): string {
  if (viewer.isMember) return '/sessions';
  if (viewer.isFacilitator) return '/facilitate';
  if (viewer.isManager && viewer.managedProgrammeIds.length === 1) return `/programmes/${viewer.managedProgrammeIds[0]}`;
  if (viewer.isManager || viewer.isAdmin) return '/programmes';
  return '/profile';
}
