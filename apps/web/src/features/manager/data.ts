import {
  accountsAdminList,
  applicationsListForGroup,
  firmsList,
  groupsList,
  invitationsList,
  notificationsAdminList,
  programmesList,
  programmesPeople,
  type NotificationStatus,
  type ProgrammeRole,
} from '@roundtable/api-client';
import { QueryClient, queryOptions } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/invalidation';
import { allPages, PAGE_SIZE } from '../../lib/paging';

const PAGE = PAGE_SIZE;

/*
 * Keys start like the generated ones ({ _id: 'firmsList', … }) so one invalidation by operation reaches both the
 * generated single-page queries and these whole lists.
 */
const key = (id: string, rest: Record<string, unknown> = {}) => [{ _id: id, all: true, ...rest }] as const;

export const allFirmsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: key('firmsList', { programmeId }),
    queryFn: ({ signal }) =>
      allPages(
        async (page) =>
          (await firmsList({ path: { programmeId }, query: { page, pageSize: PAGE }, signal, throwOnError: true })).data,
      ),
  });

export const allGroupsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: key('groupsList', { programmeId }),
    queryFn: ({ signal }) =>
      allPages(
        async (page) =>
          (await groupsList({ path: { programmeId }, query: { page, pageSize: PAGE }, signal, throwOnError: true })).data,
      ),
  });

export const allPeopleQuery = (programmeId: string, role?: ProgrammeRole) =>
  queryOptions({
    queryKey: key('programmesPeople', { programmeId, role }),
    queryFn: ({ signal }) =>
      allPages(
        async (page) =>
          (
            await programmesPeople({
              path: { programmeId },
              query: { page, pageSize: PAGE, role },
              signal,
              throwOnError: true,
            })
          ).data,
      ),
  });

/** Pending invitations into one programme (the API filters by `programmeId`). */
export const allInvitationsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: key('invitationsList', { programmeId }),
    queryFn: ({ signal }) =>
      allPages(
        async (page) =>
          (
            await invitationsList({
              query: { page, pageSize: PAGE, order: 'desc', programmeId },
              signal,
              throwOnError: true,
            })
          ).data,
      ),
  });

export const allApplicationsQuery = (groupId: string) =>
  queryOptions({
    queryKey: key('applicationsListForGroup', { groupId }),
    queryFn: ({ signal }) =>
      allPages(
        async (page) =>
          (
            await applicationsListForGroup({
              path: { groupId },
              query: { page, pageSize: PAGE, order: 'desc' },
              signal,
              throwOnError: true,
            })
          ).data,
      ),
  });

export const allProgrammesQuery = () =>
  queryOptions({
    queryKey: key('programmesList'),
    queryFn: ({ signal }) =>
      allPages(async (page) => (await programmesList({ query: { page, pageSize: PAGE }, signal, throwOnError: true })).data),
  });

export const allAccountsQuery = () =>
  queryOptions({
    queryKey: key('accountsAdminList'),
    queryFn: ({ signal }) =>
      allPages(async (page) => (await accountsAdminList({ query: { page, pageSize: PAGE }, signal, throwOnError: true })).data),
  });

export const allNotificationsQuery = (status: NotificationStatus) =>
  queryOptions({
    queryKey: key('notificationsAdminList', { status }),
    queryFn: ({ signal }) =>
      allPages(
        async (page) =>
          (await notificationsAdminList({ query: { page, pageSize: PAGE, status }, signal, throwOnError: true })).data,
      ),
  });

/** Marks stale every query of these operations (generated or whole-list), so what a change touched is read again. */
export function invalidate(queryClient: QueryClient, ...operations: string[]): Promise<void> {
  return invalidateOperations(queryClient, operations);
}
