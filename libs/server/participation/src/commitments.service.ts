import { Injectable } from '@nestjs/common';
import { Actor, ApiError, likePattern, Page, pageOf } from '@roundtable/server-core';
import { ActionCommitmentEntity, CommitmentRevisionEntity, MeetingEntity } from '@roundtable/server-data';
import { loadMeeting, MeetingAccess } from '@roundtable/server-meetings';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { queryCommitment, queryCommitments, queryRevisions } from './commitment-query';
import {
  CommitmentDto,
  CommitmentRevisionDto,
  CreateCommitmentDto,
  MyCommitmentsQueryDto,
  UpdateCommitmentDto,
} from './dto/commitment.dto';
import { loadRoster, onRoster } from './roster';

/**
 * Action commitments: made by a member at one session, reported on at the next. Members write
 * their own; the meeting's staff write them for anyone on the roster. Status and outcome changes
 * are kept as revisions, so a funder report can tell "done in April" from "done".
 */
@Injectable()
export class CommitmentsService {
  constructor(private readonly db: DataSource) {}

  create(actor: Actor, meetingId: string, dto: CreateCommitmentDto): Promise<CommitmentDto> {
    return this.db.transaction(async (em) => {
      // The meeting lock keeps a commitment from landing on a meeting being cancelled right now.
      const { meeting, access } = await loadMeeting(em, actor, meetingId, { lock: true });
      const userId = dto.userId ?? actor.userId;
      if (userId !== actor.userId && !access.manage) {
        throw ApiError.forbidden('Only the meeting’s facilitators and managers record commitments for someone else');
      }
      if (meeting.status === 'cancelled') {
        throw ApiError.conflict('meeting_cancelled', 'Commitments are not made at a cancelled meeting');
      }
      if (!(await onRoster(em, meeting, [userId])).has(userId)) {
        throw ApiError.badRequest('not_on_roster', `User ${userId} is not on this meeting’s roster`, 'userId');
      }
      const id = randomUUID();
      await em.insert(ActionCommitmentEntity, {
        id,
        meetingId: meeting.id,
        groupId: meeting.groupId,
        programmeId: meeting.programmeId,
        userId,
        text: dto.text,
        theme: dto.theme ?? null,
        dueDate: dto.dueDate ?? null,
        status: 'open',
        createdById: actor.userId,
      });
      await em.insert(CommitmentRevisionEntity, {
        commitmentId: id,
        status: 'open',
        outcome: null,
        meetingId: meeting.id,
        changedById: actor.userId,
        changedAt: () => 'clock_timestamp()',
      });
      return queryCommitment(em, id);
    });
  }

  /** Commitments made at this meeting: all of them for its staff, their own for a member. */
  async listForMeeting(actor: Actor, meetingId: string): Promise<CommitmentDto[]> {
    const { access } = await loadMeeting(this.db.manager, actor, meetingId);
    return access.manage
      ? queryCommitments(this.db.manager, 'c.meeting_id = $1', [meetingId], 'ORDER BY u.name, c.created_at, c.id')
      : queryCommitments(
          this.db.manager,
          'c.meeting_id = $1 AND c.user_id = $2',
          [meetingId, actor.userId],
          'ORDER BY c.created_at, c.id',
        );
  }

  /**
   * What the session opens with: commitments still open from earlier sessions of the group (an
   * open event: made at earlier open events of the programme by the people on its roster — never
   * commitments made inside a group, which stay confidential to that group).
   */
  async review(actor: Actor, meetingId: string): Promise<CommitmentDto[]> {
    const { meeting, access } = await loadMeeting(this.db.manager, actor, meetingId);
    const params: unknown[] = [meeting.startsAt];
    const where = [`c.status = 'open'`, 'm.starts_at < $1'];
    if (meeting.groupId) {
      params.push(meeting.groupId);
      where.push(`c.group_id = $${params.length}`);
    } else {
      const roster = await loadRoster(this.db.manager, meeting);
      params.push(
        meeting.programmeId,
        roster.map((p) => p.userId),
      );
      where.push(`c.programme_id = $${params.length - 1}`, `c.user_id = ANY($${params.length}::uuid[])`, 'c.group_id IS NULL');
    }
    if (!access.manage) {
      params.push(actor.userId);
      where.push(`c.user_id = $${params.length}`);
    }
    return queryCommitments(this.db.manager, where.join(' AND '), params);
  }

  update(actor: Actor, id: string, dto: UpdateCommitmentDto): Promise<CommitmentDto> {
    if (Object.keys(dto).length === 0) throw ApiError.badRequest('nothing_to_change', 'Send at least one field to change');
    return this.db.transaction(async (em) => {
      await this.authorise(em, actor, id);
      const current = await em.findOneOrFail(ActionCommitmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (dto.reviewedMeetingId !== undefined) await this.checkReviewMeeting(em, current, dto.reviewedMeetingId);
      const next: Partial<ActionCommitmentEntity> = {
        ...(dto.status !== undefined && { status: dto.status }),
        ...(dto.outcome !== undefined && { outcome: dto.outcome }),
        ...(dto.text !== undefined && { text: dto.text }),
        ...(dto.dueDate !== undefined && { dueDate: dto.dueDate }),
        ...(dto.theme !== undefined && { theme: dto.theme }),
        ...(dto.reviewedMeetingId !== undefined && { reviewedMeetingId: dto.reviewedMeetingId, reviewedAt: new Date() }),
      };
      await em.update(ActionCommitmentEntity, { id }, next);
      const status = next.status ?? current.status;
      const outcome = next.outcome !== undefined ? next.outcome : current.outcome;
      if (status !== current.status || outcome !== current.outcome) {
        await em.insert(CommitmentRevisionEntity, {
          commitmentId: id,
          status,
          outcome,
          meetingId: dto.reviewedMeetingId ?? null,
          changedById: actor.userId,
          // Taken after the row lock, so concurrent changes are logged in the order they were applied.
          changedAt: () => 'clock_timestamp()',
        });
      }
      return queryCommitment(em, id);
    });
  }

  async history(actor: Actor, id: string): Promise<CommitmentRevisionDto[]> {
    await this.authorise(this.db.manager, actor, id);
    return queryRevisions(this.db.manager, id);
  }

  async mine(actor: Actor, query: MyCommitmentsQueryDto): Promise<Page<CommitmentDto>> {
    const params: unknown[] = [actor.userId];
    const where = ['c.user_id = $1'];
    if (query.status) {
      params.push(query.status);
      where.push(`c.status = $${params.length}`);
    }
    if (query.q) {
      params.push(likePattern(query.q));
      where.push(`c.text ILIKE $${params.length}`);
    }
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [{ total }]: { total: number }[] = await this.db.query(
      `SELECT count(*)::int AS total FROM action_commitment c WHERE ${where.join(' AND ')}`,
      params,
    );
    const items = await queryCommitments(
      this.db.manager,
      where.join(' AND '),
      params,
      `ORDER BY c.created_at ${direction}, c.id ${direction} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    );
    return pageOf(items, total, query);
  }

  /**
   * The member who committed, or the staff of the meeting it was made at. The member keeps their
   * own commitments after their firm leaves the group; anyone else gets the meeting's answer
   * (403 inside the programme, 404 outside it).
   */
  private async authorise(em: EntityManager, actor: Actor, id: string): Promise<ActionCommitmentEntity> {
    const commitment = await em.findOneBy(ActionCommitmentEntity, { id });
    if (!commitment) throw ApiError.notFound('Commitment');
    const own = commitment.userId === actor.userId;
    const access: MeetingAccess | null = await loadMeeting(em, actor, commitment.meetingId).then(
      (r) => r.access,
      (err: unknown) => {
        if (own) return null;
        if (err instanceof ApiError && err.status === 404) throw ApiError.notFound('Commitment');
        throw err;
      },
    );
    if (!own && !access?.manage) {
      throw ApiError.forbidden('Only the member who committed and the meeting’s facilitators and managers can do this');
    }
    return commitment;
  }

  private async checkReviewMeeting(em: EntityManager, commitment: ActionCommitmentEntity, meetingId: string): Promise<void> {
    const meeting = await em.findOneBy(MeetingEntity, { id: meetingId });
    const madeAt = await em.findOneByOrFail(MeetingEntity, { id: commitment.meetingId });
    // A group's commitment is reviewed in that group; an open event's at a later open event, never inside a
    // group it does not belong to (which would also reveal that group's meeting to the member).
    const fits =
      meeting !== null &&
      (commitment.groupId
        ? meeting.groupId === commitment.groupId
        : meeting.groupId === null && meeting.programmeId === commitment.programmeId);
    if (fits && meeting.startsAt <= madeAt.startsAt) {
      throw ApiError.badRequest(
        'invalid_reviewed_meeting',
        'reviewedMeetingId must be a meeting after the one the commitment was made at',
        'reviewedMeetingId',
      );
    }
    if (!fits) {
      throw ApiError.badRequest(
        'invalid_reviewed_meeting',
        commitment.groupId
          ? 'reviewedMeetingId must be a meeting of the group the commitment was made in'
          : 'reviewedMeetingId must be an open event of the programme the commitment was made in',
        'reviewedMeetingId',
      );
    }
  }
}
