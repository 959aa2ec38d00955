import { QueryClient } from '@tanstack/react-query';
import { invalidateAfter } from '../../lib/invalidation';

/** Everything that shows seats or a person's own booking, refreshed after they book or cancel. */
export const invalidateMeetings = (queryClient: QueryClient) => invalidateAfter(queryClient, 'booking');

/** A firm's applications and the group lists that show them, after applying or withdrawing. */
export const invalidateApplications = (queryClient: QueryClient) => invalidateAfter(queryClient, 'application');

/** A person's commitments, after they report on one. */
export const invalidateCommitments = (queryClient: QueryClient) => invalidateAfter(queryClient, 'commitment');

/** A firm's people and pending invitations, after inviting someone. */
export const invalidateFirmPeople = (queryClient: QueryClient) => invalidateAfter(queryClient, 'firmPeople');
