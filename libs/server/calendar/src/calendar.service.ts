import { Inject, Injectable } from '@nestjs/common';
import { MeetingMode, MeetingStatus } from '@roundtable/domain';
import { hashToken, newToken } from '@roundtable/server-auth';
import { Actor, APP_CONFIG, AppConfig, ApiError } from '@roundtable/server-core';
import { CalendarPerson, calendarFeedIcs, IcsMeeting, singleMeetingIcs } from '@roundtable/server-mail';
import { loadMeeting } from '@roundtable/server-meetings';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { CalendarFeedDto, CreatedCalendarFeedDto } from './dto/calendar-feed.dto';

/** A feed token as `newToken` makes it: 32 random bytes, base64url. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** How far back a feed reaches: a term's worth of past sessions stays in the calendar. */
const FEED_PAST_DAYS = 90;
/** How long a cancelled meeting (or a seat given up) stays in a feed as STATUS:CANCELLED, so subscribed calendars drop it. */
const FEED_CANCELLED_DAYS = 30;

interface FeedRow {
  owner_name: string;
  id: string | null;
  title: string;
  agenda: string;
  starts_at: Date;
  duration_minutes: number;
  timezone: string;
  mode: MeetingMode;
  venue: string | null;
  online_link: string | null;
  status: MeetingStatus;
  ical_uid: string;
  ical_sequence: number;
  /** The person held a confirmed seat and gave it up (or lost it when their firm left): no longer theirs. */
  seat_gone: boolean;
}

/**
 * The whole feed in one statement, so a calendar polling every few minutes costs one indexed query:
 * the owner by the token's hash (the unique index on `token_hash`), then the meetings that are theirs —
 * where they hold a confirmed seat or gave one up in the last 30 days, and every meeting of the
 * groups they facilitate — from 90 days ago onward, cancelled ones for 30 days after the cancellation.
 * No owner (unknown, revoked or replaced URL; a disabled account): no row. An owner with no meeting:
 * one row with no meeting.
 */
const FEED_SQL = `
  SELECT o.name AS owner_name, m.id, m.title, m.agenda, m.starts_at, m.duration_minutes, m.timezone, m.mode, m.venue,
         m.online_link, m.status, m.ical_uid, m.ical_sequence, e.seat_gone
    FROM calendar_feed f
    JOIN app_user o ON o.id = f.user_id AND o.status = 'active'
    LEFT JOIN LATERAL (
      SELECT x.meeting_id, bool_and(x.gone) AS seat_gone FROM (
        SELECT b.meeting_id, b.status = 'cancelled' AS gone FROM booking b
         WHERE b.user_id = o.id
           AND (b.status = 'confirmed'
                OR (b.status = 'cancelled' AND b.confirmed_at IS NOT NULL
                    AND b.cancelled_at > now() - make_interval(days => ${FEED_CANCELLED_DAYS})))
        UNION ALL
        SELECT g.id, false FROM role_assignment r JOIN meeting g ON g.group_id = r.group_id
         WHERE r.user_id = o.id AND r.role = 'facilitator'
           AND g.starts_at >= now() - make_interval(days => ${FEED_PAST_DAYS})
      ) x GROUP BY x.meeting_id
    ) e ON true
    LEFT JOIN meeting m ON m.id = e.meeting_id
          AND m.starts_at >= now() - make_interval(days => ${FEED_PAST_DAYS})
          AND (m.status <> 'cancelled' OR m.cancelled_at > now() - make_interval(days => ${FEED_CANCELLED_DAYS}))
   WHERE f.token_hash = $1
   ORDER BY m.starts_at, m.id`;

/**
 * Calendars: each person's secret subscription URL (a webcal feed of their meetings) and the
 * single-meeting download. The feed URL is the credential, like a session token: random, shown once,
 * stored as its SHA-256 only, looked up by that hash (so how long a lookup takes says nothing about
 * any stored token), rotated by making a new one and revoked by deleting it.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async feedStatus(userId: string): Promise<CalendarFeedDto> {
    const [row] = (await this.db.query(`SELECT created_at FROM calendar_feed WHERE user_id = $1`, [userId])) as {
      created_at: Date;
    }[];
    return { active: !!row, createdAt: row ? new Date(row.created_at).toISOString() : null };
  }

  /** Makes the person's feed URL, or a new one in place of the old (which stops working at once). */
  async createFeed(userId: string): Promise<CreatedCalendarFeedDto> {
    const token = newToken();
    const [row] = (await this.db.query(
      `INSERT INTO calendar_feed (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at`,
      [userId, hashToken(token)],
    )) as { created_at: Date }[];
    return { url: `${this.config.PUBLIC_URL}/api/calendar/${token}.ics`, createdAt: new Date(row.created_at).toISOString() };
  }

  /** Stops the person's feed URL; without one, nothing changes. */
  async revokeFeed(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM calendar_feed WHERE user_id = $1`, [userId]);
  }

  /** The iCalendar feed behind a URL, or 404. */
  async feed(token: string, now = new Date()): Promise<string> {
    const rows = (await this.db.query(FEED_SQL, [hashToken(token)])) as FeedRow[];
    if (!rows.length) throw new ApiError(404, 'not_found', 'No calendar feed at this address: it was replaced or revoked');
    const meetings = rows
      .filter((r) => r.id !== null)
      .map((r) => {
        const meeting = this.icsMeeting({ ...r, id: r.id as string });
        // A seat given up no longer opens the meeting to its holder: only what the calendar needs to drop it.
        return r.seat_gone
          ? { ...meeting, agenda: null, venue: null, onlineLink: null, status: 'cancelled' as const }
          : { ...meeting, status: r.status };
      });
    return calendarFeedIcs({ ownerName: rows[0].owner_name, meetings, dtstamp: now });
  }

  /** One meeting as a file, for anyone who may see it (the meetings' own rule), with a file name to save it under. */
  async meetingIcs(actor: Actor, meetingId: string, now = new Date()): Promise<{ ics: string; filename: string }> {
    const em = this.db.manager;
    const { meeting } = await loadMeeting(em, actor, meetingId);
    // The ORGANIZER is the group's first facilitator; an open event's is whoever scheduled it (as in the invitations).
    const [organizer] = (await em.query(
      `SELECT name, email FROM (
         SELECT 0 AS rank, r.created_at AS since, u.name, u.email FROM role_assignment r JOIN app_user u ON u.id = r.user_id
          WHERE r.group_id = $1 AND r.role = 'facilitator' AND u.status = 'active'
         UNION ALL
         SELECT 1, u.created_at, u.name, u.email FROM app_user u WHERE u.id = $2
       ) o ORDER BY rank, since LIMIT 1`,
      [meeting.groupId, meeting.createdById],
    )) as CalendarPerson[];
    const ics = singleMeetingIcs(
      {
        ...this.icsMeeting({
          id: meeting.id,
          title: meeting.title,
          agenda: meeting.agenda,
          starts_at: meeting.startsAt,
          duration_minutes: meeting.durationMinutes,
          timezone: meeting.timezone,
          mode: meeting.mode,
          venue: meeting.venue,
          online_link: meeting.onlineLink,
          ical_uid: meeting.icalUid,
          ical_sequence: meeting.icalSequence,
        }),
        status: meeting.status,
      },
      now,
      organizer,
    );
    return { ics, filename: fileName(meeting.title, meeting.startsAt, meeting.timezone) };
  }

  private icsMeeting(
    r: Pick<
      FeedRow,
      | 'title'
      | 'agenda'
      | 'starts_at'
      | 'duration_minutes'
      | 'timezone'
      | 'mode'
      | 'venue'
      | 'online_link'
      | 'ical_uid'
      | 'ical_sequence'
    > & { id: string },
  ): IcsMeeting {
    return {
      icalUid: r.ical_uid,
      icalSequence: r.ical_sequence,
      title: r.title,
      agenda: r.agenda || null,
      startsAt: new Date(r.starts_at),
      durationMinutes: r.duration_minutes,
      timezone: r.timezone,
      mode: r.mode,
      venue: r.venue,
      onlineLink: r.online_link,
      url: `${this.config.PUBLIC_URL}/meetings/${r.id}`,
    };
  }
}

/**
 * `<title>-<local date>.ics` in lower-case ASCII letters, digits and hyphens, so the name is safe in a
 * quoted Content-Disposition and on every file system: `Peer session: Q&A` on 2 March → `peer-session-q-a-2027-03-02.ics`.
 */
export function fileName(title: string, startsAt: Date, timezone: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const date = DateTime.fromJSDate(startsAt, { zone: timezone }).toISODate() ?? 'meeting';
  return `${slug || 'meeting'}-${date}.ics`;
}
