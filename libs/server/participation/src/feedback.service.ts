import { Injectable } from '@nestjs/common';
import { summariseFeedback } from '@roundtable/domain';
import { Actor, ApiError } from '@roundtable/server-core';
import { AttendanceEntity } from '@roundtable/server-data';
import { loadMeeting } from '@roundtable/server-meetings';
import { DataSource, EntityManager } from 'typeorm';
import { CreateFeedbackDto, FeedbackDto, MeetingFeedbackDto } from './dto/feedback.dto';

/** Feedback comes from people recorded as present or late, once each per meeting. */
@Injectable()
export class FeedbackService {
  constructor(private readonly db: DataSource) {}

  create(actor: Actor, meetingId: string, dto: CreateFeedbackDto): Promise<FeedbackDto> {
    return this.db.transaction(async (em) => {
      await loadMeeting(em, actor, meetingId);
      const attendance = await em.findOneBy(AttendanceEntity, { meetingId, userId: actor.userId });
      if (!attendance || (attendance.status !== 'present' && attendance.status !== 'late')) {
        throw new ApiError(403, 'not_attended', 'Feedback is for people recorded as present or late at this meeting');
      }
      // The unique index decides between two simultaneous answers: the second inserts nothing.
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO feedback (meeting_id, user_id, usefulness, would_recommend, comment)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (meeting_id, user_id) DO NOTHING
         RETURNING id`,
        [meetingId, actor.userId, dto.usefulness, dto.wouldRecommend, dto.comment ?? null],
      );
      if (inserted.length === 0) {
        throw ApiError.conflict('feedback_exists', 'You have already given feedback on this meeting');
      }
      return (await queryFeedback(em, 'fb.id = $1', [inserted[0].id]))[0];
    });
  }

  /**
   * The caller's own feedback, if they gave any. The meeting is loaded as when giving feedback, so whoever could not
   * give it learns nothing more here; the query is by the caller's own id, never anyone else's.
   */
  mine(actor: Actor, meetingId: string): Promise<FeedbackDto> {
    return this.db.transaction(async (em) => {
      await loadMeeting(em, actor, meetingId);
      const [own] = await queryFeedback(em, 'fb.meeting_id = $1 AND fb.user_id = $2', [meetingId, actor.userId]);
      if (!own) throw new ApiError(404, 'feedback_not_found', 'You have not given feedback on this meeting');
      return own;
    });
  }

  async list(actor: Actor, meetingId: string): Promise<MeetingFeedbackDto> {
    await loadMeeting(this.db.manager, actor, meetingId, { need: 'manage' });
    const entries = await queryFeedback(this.db.manager, 'fb.meeting_id = $1', [meetingId]);
    return { summary: summariseFeedback(entries), entries };
  }
}

interface FeedbackRow {
  id: string;
  meeting_id: string;
  user_id: string;
  user_name: string;
  usefulness: number;
  would_recommend: number;
  comment: string | null;
  created_at: Date;
}

async function queryFeedback(em: EntityManager, where: string, params: unknown[]): Promise<FeedbackDto[]> {
  const rows: FeedbackRow[] = await em.query(
    `SELECT fb.id, fb.meeting_id, fb.user_id, u.name AS user_name, fb.usefulness, fb.would_recommend, fb.comment,
            fb.created_at
       FROM feedback fb JOIN app_user u ON u.id = fb.user_id
      WHERE ${where}
      ORDER BY fb.created_at, fb.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    userId: r.user_id,
    userName: r.user_name,
    usefulness: Number(r.usefulness),
    wouldRecommend: Number(r.would_recommend),
    comment: r.comment,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
