import { Injectable } from '@nestjs/common';
import { Actor, ApiError, likePattern, Page, pageOf } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { NotificationDto, NotificationQueryDto } from './dto/notification.dto';

interface NotificationRow {
  id: string;
  kind: NotificationDto['kind'];
  status: NotificationDto['status'];
  user_id: string | null;
  email: string | null;
  meeting_id: string | null;
  booking_id: string | null;
  application_id: string | null;
  invitation_id: string | null;
  attempts: number;
  last_error: string | null;
  skipped_reason: string | null;
  due_at: Date;
  queued_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The outbox as admins read it: what was sent, skipped and, above all, what failed and why. */
@Injectable()
export class NotificationsAdminService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    if (!actor.isAdmin) throw ApiError.forbidden('Only admins can read the outbox');
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (sql: (param: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    // `status = 'failed'` with the order below reads ix_notification_failed alone.
    if (query.status) where((p) => `n.status = ${p}`, query.status);
    if (query.kind) where((p) => `n.kind = ${p}`, query.kind);
    if (query.q) where((p) => `COALESCE(u.email, i.email) ILIKE ${p}`, likePattern(query.q));
    const from = `FROM notification n
      LEFT JOIN app_user u ON u.id = n.user_id
      LEFT JOIN invitation i ON i.id = n.invitation_id
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT n.id, n.kind, n.status, n.user_id, COALESCE(u.email, i.email) AS email, n.meeting_id, n.booking_id,
                n.application_id, n.invitation_id, n.attempts, n.last_error, n.skipped_reason, n.due_at, n.queued_at,
                n.sent_at, n.created_at, n.updated_at
           ${from}
          ORDER BY n.updated_at ${direction}, n.id ${direction}
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ) as Promise<NotificationRow[]>,
      this.db.query(`SELECT count(*)::int AS total ${from}`, params) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows.map(toDto), total, query);
  }
}

function toDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    recipient: { userId: row.user_id, email: row.email },
    about: {
      meetingId: row.meeting_id,
      bookingId: row.booking_id,
      applicationId: row.application_id,
      invitationId: row.invitation_id,
    },
    attempts: row.attempts,
    lastError: row.last_error,
    skippedReason: row.skipped_reason,
    dueAt: row.due_at,
    queuedAt: row.queued_at,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
