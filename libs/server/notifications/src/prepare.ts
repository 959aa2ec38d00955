import { hashToken, newToken, PASSWORD_RESET_TTL_MINUTES } from '@roundtable/server-auth';
import {
  BookingCancelReason,
  CalendarPerson,
  ComposeEmailInput,
  composeEmail,
  MailMeeting,
  MailRecipient,
  MeetingBefore,
  signUnsubscribeToken,
  toNodemailerMessage,
  UnsubscribeCategory,
} from '@roundtable/server-mail';
import { EntityManager } from 'typeorm';
import { NotificationRow, Prepare } from './delivery';

export interface PrepareSettings {
  /** Where people reach the app: the base of every link. */
  appUrl: string;
  /** The From of every email. */
  from: string;
  signingSecret: string;
  /** How long an emailed set-password link stays valid. */
  invitationTtlHours: number;
}

type Skip = { skip: string };
const skip = (reason: string): Skip => ({ skip: reason });

interface RecipientRow {
  id: string;
  name: string;
  email: string;
  timezone: string;
  status: string;
  firm_id: string | null;
  preferences: Record<string, boolean | undefined>;
}

interface MeetingRow {
  id: string;
  programme_id: string;
  group_id: string | null;
  group_name: string | null;
  title: string;
  agenda: string;
  starts_at: Date;
  duration_minutes: number;
  timezone: string;
  mode: MailMeeting['mode'];
  venue: string | null;
  online_link: string | null;
  status: string;
  cancellation_message: string | null;
  ical_uid: string;
  ical_sequence: number;
  organizer_name: string | null;
  organizer_email: string | null;
  booking_status: string | null;
  booking_position: number | null;
}

/** The preference that turns a non-essential kind off. */
const CATEGORY: Partial<Record<string, UnsubscribeCategory>> = {
  reminder: 'reminders',
  meeting_recap: 'recaps',
  facilitator_brief: 'briefs',
};

/**
 * Reads what a notification is about as it is now, and either composes its message or says why it
 * is no longer wanted. Runs inside the delivery's transaction with the row locked.
 */
export function createPrepare(settings: PrepareSettings): Prepare {
  const appUrl = settings.appUrl.replace(/\/+$/, '');
  const link = (path: string) => `${appUrl}${path}`;
  const fromAddress = /<([^>]+)>/.exec(settings.from)?.[1] ?? settings.from;

  async function recipient(em: EntityManager, userId: string): Promise<RecipientRow | null> {
    const [row] = (await em.query(
      `SELECT id, name, email, timezone, status, firm_id, notification_preferences AS preferences FROM app_user WHERE id = $1`,
      [userId],
    )) as RecipientRow[];
    return row ?? null;
  }

  /** The meeting, its organizer and (given one) the booking's status and waitlist position, in one query. */
  async function meeting(em: EntityManager, meetingId: string, bookingId: string | null): Promise<MeetingRow | null> {
    // The ORGANIZER is the group's first facilitator; an open event's is whoever scheduled it.
    const [row] = (await em.query(
      `SELECT m.id, m.programme_id, m.group_id, g.name AS group_name, m.title, m.agenda, m.starts_at, m.duration_minutes,
              m.timezone, m.mode, m.venue, m.online_link, m.status, m.cancellation_message, m.ical_uid, m.ical_sequence,
              o.name AS organizer_name, o.email AS organizer_email, bk.status AS booking_status, bk.position AS booking_position
         FROM meeting m
         LEFT JOIN LATERAL (
           SELECT b.status,
                  CASE WHEN b.status = 'waitlisted' THEN
                    (SELECT count(*)::int FROM booking w WHERE w.meeting_id = b.meeting_id AND w.status = 'waitlisted'
                        AND w.queue_number <= b.queue_number) END AS position
             FROM booking b WHERE b.id = $2) bk ON true
         LEFT JOIN peer_group g ON g.id = m.group_id
         LEFT JOIN LATERAL (
           SELECT u.name, u.email FROM role_assignment r JOIN app_user u ON u.id = r.user_id
            WHERE r.group_id = m.group_id AND r.role = 'facilitator' AND u.status = 'active'
            ORDER BY r.created_at LIMIT 1) f ON true
         LEFT JOIN app_user c ON c.id = m.created_by_id
         CROSS JOIN LATERAL (SELECT COALESCE(f.name, c.name) AS name, COALESCE(f.email, c.email) AS email) o
        WHERE m.id = $1`,
      [meetingId, bookingId],
    )) as MeetingRow[];
    return row ?? null;
  }

  const mailRecipient = (r: RecipientRow): MailRecipient => ({ name: r.name, email: r.email, timezone: r.timezone });

  const mailMeeting = (m: MeetingRow): MailMeeting => ({
    icalUid: m.ical_uid,
    icalSequence: m.ical_sequence,
    title: m.title,
    agenda: m.agenda || null,
    startsAt: new Date(m.starts_at),
    durationMinutes: m.duration_minutes,
    timezone: m.timezone,
    mode: m.mode,
    venue: m.venue,
    onlineLink: m.online_link,
    url: link(`/meetings/${m.id}`),
    groupName: m.group_name,
  });

  const organizer = (m: MeetingRow): CalendarPerson => ({
    name: m.organizer_name ?? 'Roundtable',
    email: m.organizer_email ?? fromAddress,
  });

  /**
   * The SEQUENCE this person's calendar entry for the meeting carries. A cancellation of their own seat
   * must be newer than the REQUEST it withdraws, and a REQUEST after it (booked again) newer than the
   * cancellation, while the meeting's own SEQUENCE only counts changes everyone sees. So each personal
   * cancellation already sent moves the person two steps ahead: REQUESTs carry base + 2c, their c+1th
   * cancellation base + 2c + 1. The meeting's changes raise base for all, keeping every person's
   * sequence rising.
   */
  async function personalSequence(em: EntityManager, userId: string, m: MeetingRow, row: NotificationRow): Promise<number> {
    const [{ cancels }] = (await em.query(
      `SELECT count(*)::int AS cancels FROM notification
        WHERE user_id = $1 AND meeting_id = $2 AND kind = 'booking_cancelled' AND status = 'sent' AND id <> $3`,
      [userId, m.id, row.id],
    )) as { cancels: number }[];
    return m.ical_sequence + 2 * cancels + (row.kind === 'booking_cancelled' ? 1 : 0);
  }

  const started = (m: MeetingRow, now: Date) => new Date(m.starts_at).getTime() <= now.getTime();

  /** Whether the person was sent this meeting's calendar entry, or holds a seat that put it there. */
  async function hasCalendarEntry(em: EntityManager, userId: string, meetingId: string): Promise<boolean> {
    const [row] = (await em.query(
      `SELECT EXISTS (SELECT 1 FROM notification
                       WHERE user_id = $1 AND meeting_id = $2 AND status = 'sent'
                         AND kind IN ('meeting_invitation', 'booking_confirmed', 'booking_promoted', 'meeting_updated'))
           OR EXISTS (SELECT 1 FROM booking WHERE user_id = $1 AND meeting_id = $2 AND status = 'confirmed') AS held`,
      [userId, meetingId],
    )) as { held: boolean }[];
    return row.held;
  }

  /** Whether the person's firm is an active member of the group (group meetings), or of the programme (open events). */
  async function stillConcerned(em: EntityManager, person: RecipientRow, m: MeetingRow): Promise<boolean> {
    if (!person.firm_id) return false;
    const [row] = (await em.query(
      m.group_id
        ? `SELECT EXISTS (SELECT 1 FROM membership WHERE group_id = $1 AND firm_id = $2 AND status = 'active') AS ok`
        : `SELECT EXISTS (SELECT 1 FROM firm WHERE programme_id = $1 AND id = $2) AS ok`,
      [m.group_id ?? m.programme_id, person.firm_id],
    )) as { ok: boolean }[];
    return row.ok;
  }

  async function inputFor(em: EntityManager, row: NotificationRow, now: Date): Promise<ComposeEmailInput | Skip> {
    if (row.kind === 'account_invitation') return invitationInput(em, row, now);
    if (!row.user_id) return skip('no recipient');
    // Read with the row's lock by deliver(); looked up here when called without it.
    const person = row.recipient !== undefined ? row.recipient : await recipient(em, row.user_id);
    if (!person) return skip('recipient gone');
    if (person.status !== 'active') return skip(`recipient ${person.status}`);
    if (row.kind === 'password_reset') return passwordResetInput(em, row, person, now);
    const category = CATEGORY[row.kind];
    if (category && person.preferences[category] === false) return skip(`recipient turned ${category} off`);
    const base = { recipient: mailRecipient(person), appUrl, now };
    const unsubscribeUrl = category
      ? link(`/api/unsubscribe/${signUnsubscribeToken(settings.signingSecret, { userId: person.id, category })}`)
      : '';

    if (row.kind.startsWith('application_')) {
      const [app] = (await em.query(
        `SELECT a.status, a.competitor_conflict, a.decision_note, a.group_id, f.name AS firm_name, g.name AS group_name,
                ap.name AS applicant_name, d.name AS reviewer_name
           FROM application a JOIN firm f ON f.id = a.firm_id JOIN peer_group g ON g.id = a.group_id
           LEFT JOIN app_user ap ON ap.id = a.applicant_id LEFT JOIN app_user d ON d.id = a.decided_by_id
          WHERE a.id = $1`,
        [row.application_id],
      )) as {
        status: string;
        competitor_conflict: boolean;
        decision_note: string | null;
        group_id: string;
        firm_name: string;
        group_name: string;
        applicant_name: string | null;
        reviewer_name: string | null;
      }[];
      if (!app) return skip('application gone');
      const common = { ...base, firmName: app.firm_name, groupName: app.group_name };
      switch (row.kind) {
        case 'application_received':
          if (app.status !== 'pending') return skip(`application already ${app.status}`);
          return {
            ...common,
            kind: 'application_received',
            applicantName: app.applicant_name ?? 'A member',
            competitorConflict: app.competitor_conflict,
            reviewUrl: link(`/applications/${row.application_id}`),
          };
        case 'application_approved':
          if (app.status !== 'approved') return skip(`application now ${app.status}`);
          return { ...common, kind: 'application_approved', groupUrl: link(`/groups/${app.group_id}`) };
        case 'application_rejected':
          if (app.status !== 'rejected') return skip(`application now ${app.status}`);
          return { ...common, kind: 'application_rejected', message: app.decision_note || null, reviewerName: app.reviewer_name };
      }
    }

    if (!row.meeting_id) return skip('no meeting');
    const m = await meeting(em, row.meeting_id, row.booking_id);
    if (!m) return skip('meeting gone');
    const withMeeting = { ...base, meeting: mailMeeting(m) };
    // The person's SEQUENCE is read only for the emails that carry a calendar.
    const withCalendar = async () => ({
      ...withMeeting,
      meeting: { ...withMeeting.meeting, icalSequence: await personalSequence(em, person.id, m, row) },
      organizer: organizer(m),
    });
    const booking = m.booking_status ? { status: m.booking_status, position: m.booking_position } : null;

    switch (row.kind) {
      case 'meeting_invitation':
        if (m.status !== 'scheduled') return skip(`meeting ${m.status}`);
        if (started(m, now)) return skip('meeting started');
        if (!(await stillConcerned(em, person, m))) return skip('no longer a member');
        return { ...(await withCalendar()), kind: 'meeting_invitation' };
      case 'meeting_updated': {
        if (m.status !== 'scheduled') return skip(`meeting ${m.status}`);
        if (started(m, now)) return skip('meeting started');
        if (Number(row.data.sequence ?? 0) < m.ical_sequence) return skip('superseded by a later change');
        const held = await hasCalendarEntry(em, person.id, m.id);
        if (!held && !(await stillConcerned(em, person, m))) return skip('no longer concerned');
        return {
          ...(await withCalendar()),
          kind: 'meeting_updated',
          previous: reviveBefore(row.data.previous),
          hasCalendarEntry: held,
        };
      }
      case 'meeting_cancelled':
        return {
          ...(await withCalendar()),
          kind: 'meeting_cancelled',
          message: m.cancellation_message,
          hasCalendarEntry: await hasCalendarEntry(em, person.id, m.id),
        };
      case 'booking_cancelled': {
        if (m.status === 'cancelled') return skip('the meeting was cancelled (its own email says so)');
        if (started(m, now)) return skip('meeting started');
        // A seat released, or (no booking) the firm's membership ended while the session was in the calendar.
        const concerned = await stillConcerned(em, person, m);
        if (row.booking_id ? booking?.status !== 'cancelled' : concerned) return skip('taking part again');
        // Booked again since: this cancellation, sent now, would take the new seat out of their calendar.
        const [{ booked }] = (await em.query(
          `SELECT EXISTS (SELECT 1 FROM booking WHERE meeting_id = $1 AND user_id = $2 AND status <> 'cancelled') AS booked`,
          [m.id, person.id],
        )) as { booked: boolean }[];
        if (booked) return skip('booked again');
        // Why: what the trigger or the membership recorded; else a firm no longer in the group, else who cancelled.
        const reason: BookingCancelReason =
          (row.data.reason as BookingCancelReason | undefined) ??
          (!concerned ? 'firm_left_group' : row.data.bySelf === true ? 'member' : 'facilitator');
        // The calendar entry goes: a seat's, or (out of the group now) the group's invitation's.
        const hadEntry = row.data.wasConfirmed === true || (!concerned && (await hasCalendarEntry(em, person.id, m.id)));
        return { ...(await withCalendar()), kind: 'booking_cancelled', reason, hasCalendarEntry: hadEntry };
      }
      case 'booking_confirmed':
      case 'booking_promoted':
        if (m.status !== 'scheduled') return skip(`meeting ${m.status}`);
        if (started(m, now)) return skip('meeting started');
        if (booking?.status !== 'confirmed') return skip(`booking ${booking?.status ?? 'gone'}`);
        return { ...(await withCalendar()), kind: row.kind };
      case 'booking_waitlisted':
        if (m.status !== 'scheduled') return skip(`meeting ${m.status}`);
        if (started(m, now)) return skip('meeting started');
        if (booking?.status !== 'waitlisted' || booking.position === null) return skip(`booking ${booking?.status ?? 'gone'}`);
        return { ...withMeeting, kind: 'booking_waitlisted', position: booking.position };
      case 'reminder': {
        const offsetMinutes = Number(row.data.offsetMinutes);
        if (m.status !== 'scheduled') return skip(`meeting ${m.status}`);
        if (started(m, now)) return skip('meeting started');
        if (booking?.status !== 'confirmed') return skip(`booking ${booking?.status ?? 'gone'}`);
        // A moved meeting has its reminders written again; a row for the old time is not sent.
        if (new Date(m.starts_at).getTime() - offsetMinutes * 60_000 !== new Date(row.due_at).getTime()) {
          return skip('meeting moved');
        }
        const commitments = (await em.query(
          `SELECT text, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM action_commitment
            WHERE user_id = $1 AND status = 'open' AND ($2::uuid IS NULL OR group_id = $2) ORDER BY due_date NULLS LAST, created_at`,
          [person.id, m.group_id],
        )) as { text: string; dueDate: string | null }[];
        return { ...withMeeting, kind: 'reminder', offsetMinutes, unsubscribeUrl, openCommitments: commitments };
      }
      case 'facilitator_brief': {
        if (m.status !== 'scheduled') return skip(`meeting ${m.status}`);
        if (started(m, now)) return skip('meeting started');
        const [facilitates] = (await em.query(
          `SELECT EXISTS (SELECT 1 FROM role_assignment WHERE user_id = $1 AND group_id = $2 AND role = 'facilitator') AS ok`,
          [person.id, m.group_id],
        )) as { ok: boolean }[];
        if (!facilitates.ok) return skip('no longer facilitates the group');
        // Who is coming: confirmed seats; apologies: recorded ahead of the session.
        const attending = (await em.query(
          `SELECT u.name, f.name AS "firmName", b.mode FROM booking b JOIN app_user u ON u.id = b.user_id
             LEFT JOIN firm f ON f.id = u.firm_id
            WHERE b.meeting_id = $1 AND b.status = 'confirmed'
              AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = b.meeting_id AND a.user_id = b.user_id AND a.status = 'apologies')
            ORDER BY f.name, u.name`,
          [m.id],
        )) as { name: string; firmName: string | null; mode: 'in_person' | 'online' | null }[];
        const apologies = (await em.query(
          `SELECT u.name, f.name AS "firmName" FROM attendance a JOIN app_user u ON u.id = a.user_id
             LEFT JOIN firm f ON f.id = u.firm_id
            WHERE a.meeting_id = $1 AND a.status = 'apologies' ORDER BY f.name, u.name`,
          [m.id],
        )) as { name: string; firmName: string | null }[];
        const [{ waitlisted }] = (await em.query(
          `SELECT count(*)::int AS waitlisted FROM booking WHERE meeting_id = $1 AND status = 'waitlisted'`,
          [m.id],
        )) as { waitlisted: number }[];
        // Commitments to review: those of the group still open, or due by this session.
        const commitmentsDue = (await em.query(
          `SELECT c.text, to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.status, u.name AS "memberName", f.name AS "firmName"
             FROM action_commitment c JOIN app_user u ON u.id = c.user_id LEFT JOIN firm f ON f.id = u.firm_id
            WHERE c.group_id = $1 AND c.status = 'open' AND c.reviewed_meeting_id IS NULL
            ORDER BY c.due_date NULLS LAST, f.name, u.name`,
          [m.group_id],
        )) as { text: string; dueDate: string | null; status: 'open'; memberName: string; firmName: string | null }[];
        return { ...withMeeting, kind: 'facilitator_brief', unsubscribeUrl, attending, apologies, waitlisted, commitmentsDue };
      }
      case 'meeting_recap': {
        if (m.status === 'cancelled') return skip('meeting cancelled');
        const [attended] = (await em.query(
          `SELECT EXISTS (SELECT 1 FROM attendance WHERE meeting_id = $1 AND user_id = $2 AND status IN ('present', 'late')) AS ok`,
          [m.id, person.id],
        )) as { ok: boolean }[];
        if (!attended.ok) return skip('did not attend');
        const commitments = (await em.query(
          `SELECT text, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM action_commitment
            WHERE meeting_id = $1 AND user_id = $2 ORDER BY created_at`,
          [m.id, person.id],
        )) as { text: string; dueDate: string | null }[];
        return {
          ...withMeeting,
          kind: 'meeting_recap',
          unsubscribeUrl,
          commitments,
          feedbackUrl: link(`/meetings/${m.id}/feedback`),
        };
      }
      default:
        return skip(`${row.kind} is not sent yet`);
    }
  }

  async function invitationInput(em: EntityManager, row: NotificationRow, now: Date): Promise<ComposeEmailInput | Skip> {
    const [inv] = (await em.query(
      `SELECT i.id, i.email, i.name, i.timezone, i.role, i.accepted_at, i.withdrawn_at, p.name AS programme_name,
              g.name AS group_name, f.name AS firm_name, b.name AS invited_by_name
         FROM invitation i JOIN programme p ON p.id = i.programme_id
         LEFT JOIN peer_group g ON g.id = i.group_id LEFT JOIN firm f ON f.id = i.firm_id
         LEFT JOIN app_user b ON b.id = i.invited_by_id
        WHERE i.id = $1 FOR UPDATE OF i`,
      [row.invitation_id],
    )) as {
      id: string;
      email: string;
      name: string;
      timezone: string;
      role: 'programme_manager' | 'facilitator' | 'member';
      accepted_at: Date | null;
      withdrawn_at: Date | null;
      programme_name: string;
      group_name: string | null;
      firm_name: string | null;
      invited_by_name: string | null;
    }[];
    if (!inv) return skip('invitation gone');
    if (inv.accepted_at) return skip('invitation already accepted');
    if (inv.withdrawn_at) return skip('invitation withdrawn');
    // The link is minted now, and only its hash kept: it exists in this email and nowhere else. A
    // resend mints a new one, which replaces the last. The write commits only if the email is accepted.
    const token = newToken();
    const expiresAt = new Date(now.getTime() + settings.invitationTtlHours * 3600_000);
    await em.query(`UPDATE invitation SET token_hash = $2, expires_at = $3 WHERE id = $1`, [inv.id, hashToken(token), expiresAt]);
    return {
      kind: 'account_invitation',
      recipient: { name: inv.name, email: inv.email, timezone: inv.timezone },
      appUrl,
      now,
      invitedByName: inv.invited_by_name,
      role: inv.role,
      programmeName: inv.programme_name,
      groupName: inv.group_name,
      firmName: inv.firm_name,
      setPasswordUrl: link(`/invitations/accept?token=${encodeURIComponent(token)}`),
      expiresAt,
    };
  }

  async function passwordResetInput(
    em: EntityManager,
    row: NotificationRow,
    person: RecipientRow,
    now: Date,
  ): Promise<ComposeEmailInput | Skip> {
    // A newer request closes the older ones (used_at) in its own transaction.
    const [reset] = (await em.query(`SELECT id, used_at FROM password_reset WHERE id = $1 AND user_id = $2 FOR UPDATE`, [
      row.data.passwordResetId,
      person.id,
    ])) as { id: string; used_at: Date | null }[];
    if (!reset) return skip('password reset request gone');
    if (reset.used_at) return skip('password reset already used');
    // As for an invitation: the link is minted now and exists only in this email; the hour starts now.
    const token = newToken();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MINUTES * 60_000);
    await em.query(`UPDATE password_reset SET token_hash = $2, expires_at = $3 WHERE id = $1`, [
      reset.id,
      hashToken(token),
      expiresAt,
    ]);
    return {
      kind: 'password_reset',
      recipient: mailRecipient(person),
      appUrl,
      now,
      resetUrl: link(`/reset-password?token=${encodeURIComponent(token)}`),
      expiresAt,
    };
  }

  return async (em, row, messageId) => {
    const now = new Date();
    const input = await inputFor(em, row, now);
    if ('skip' in input) return input;
    const composed = composeEmail(input);
    return toNodemailerMessage(composed, {
      from: settings.from,
      to: { name: input.recipient.name, address: input.recipient.email },
      messageId,
      sentAt: now,
    });
  };
}

/** The meeting as it was before a change, stored with the notification (dates as ISO strings in JSON). */
function reviveBefore(value: unknown): MeetingBefore {
  if (!value || typeof value !== 'object') return {};
  const before = { ...(value as Record<string, unknown>) };
  if (typeof before.startsAt === 'string') before.startsAt = new Date(before.startsAt);
  return before as MeetingBefore;
}
