import { QueryClient } from '@tanstack/react-query';
import { invalidateAfter } from '../../lib/invalidation';

/** Everything that lists or shows meetings, after scheduling, changing or cancelling one. */
export const invalidateGroupMeetings = (queryClient: QueryClient) => invalidateAfter(queryClient, 'meetingSchedule');

/** Applications and what counts them, after a decision. */
export const invalidateApplications = (queryClient: QueryClient) => invalidateAfter(queryClient, 'application');

/** Attendance and what it changes: the meeting becomes completed, the group's health and trend move. */
export const invalidateAttendance = (queryClient: QueryClient) => invalidateAfter(queryClient, 'attendance');
