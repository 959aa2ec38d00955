/** Roles held through a role assignment. "member" is not assigned: it follows from being a person of a firm. */
export const ASSIGNED_ROLES = ['admin', 'programme_manager', 'facilitator'] as const;
export type AssignedRole = (typeof ASSIGNED_ROLES)[number];

export const INVITABLE_ROLES = ['programme_manager', 'facilitator', 'member'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const GROUP_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type GroupFormat = (typeof GROUP_FORMATS)[number];

export const GROUP_STATUSES = ['forming', 'active', 'closed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const MEMBERSHIP_STATUSES = ['active', 'left', 'removed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Employee bands as used by the ONS business counts (UK Business: activity, size and location). */
export const EMPLOYEE_BANDS = ['0-4', '5-9', '10-49', '50-249', '250+'] as const;
export type EmployeeBand = (typeof EMPLOYEE_BANDS)[number];
