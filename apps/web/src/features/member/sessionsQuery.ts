import { meetingsUpcomingOptions } from '@roundtable/api-client';

/** Sessions still running count as upcoming: a member looking for the call link mid-session finds it here. */
const SINCE_MS = 4 * 60 * 60 * 1000;

/**
 * Where "My sessions" starts its list: four hours ago, to the minute, so the router (which starts the request
 * while the page's code is still downloading) and the page ask with the same query key.
 */
export const sessionsFrom = (now = Date.now()): string => {
  const since = now - SINCE_MS;
  return new Date(since - (since % 60_000)).toISOString();
};

/** The member's upcoming sessions, as "My sessions" asks for them. */
export const upcomingSessionsOptions = (from: string) => meetingsUpcomingOptions({ query: { from, limit: 100 } });
