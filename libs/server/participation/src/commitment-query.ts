import { EntityManager } from 'typeorm';
import { CommitmentDto, CommitmentRevisionDto } from './dto/commitment.dto';

interface CommitmentRow {
  id: string;
  meeting_id: string;
  meeting_title: string;
  meeting_starts_at: Date;
  group_id: string | null;
  programme_id: string;
  user_id: string;
  user_name: string;
  firm_name: string | null;
  text: string;
  theme: CommitmentDto['theme'];
  due_date: string | null;
  status: CommitmentDto['status'];
  outcome: string | null;
  reviewed_meeting_id: string | null;
  reviewed_at: Date | null;
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Commitments with their person and the meeting they were made at. `where` refers to the
 * commitment as `c`, the meeting as `m` and the person as `u`; `tail` is the ORDER BY (and paging).
 */
export async function queryCommitments(
  em: EntityManager,
  where: string,
  params: unknown[],
  tail = 'ORDER BY m.starts_at, u.name, c.created_at, c.id',
): Promise<CommitmentDto[]> {
  const rows: CommitmentRow[] = await em.query(
    `SELECT c.id, c.meeting_id, m.title AS meeting_title, m.starts_at AS meeting_starts_at, c.group_id, c.programme_id,
            c.user_id, u.name AS user_name, f.name AS firm_name, c.text, c.theme,
            c.due_date::text AS due_date, -- as text: a calendar date, not midnight in the server's zone
            c.status, c.outcome, c.reviewed_meeting_id, c.reviewed_at, c.created_by_id, c.created_at, c.updated_at
       FROM action_commitment c
       JOIN meeting m ON m.id = c.meeting_id
       JOIN app_user u ON u.id = c.user_id
       LEFT JOIN firm f ON f.id = u.firm_id
      WHERE ${where}
      ${tail}`,
    params,
  );
  return rows.map(toCommitmentDto);
}

export async function queryCommitment(em: EntityManager, id: string): Promise<CommitmentDto> {
  const [dto] = await queryCommitments(em, 'c.id = $1', [id]);
  return dto;
}

function toCommitmentDto(r: CommitmentRow): CommitmentDto {
  return {
    id: r.id,
    meeting: { id: r.meeting_id, title: r.meeting_title, startsAt: new Date(r.meeting_starts_at).toISOString() },
    groupId: r.group_id,
    programmeId: r.programme_id,
    userId: r.user_id,
    userName: r.user_name,
    firmName: r.firm_name,
    text: r.text,
    theme: r.theme,
    dueDate: r.due_date,
    status: r.status,
    outcome: r.outcome,
    reviewedMeetingId: r.reviewed_meeting_id,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    createdById: r.created_by_id,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

interface RevisionRow {
  status: CommitmentRevisionDto['status'];
  outcome: string | null;
  meeting_id: string | null;
  meeting_title: string | null;
  changed_by_id: string | null;
  changed_by_name: string | null;
  changed_at: Date;
}

export async function queryRevisions(em: EntityManager, commitmentId: string): Promise<CommitmentRevisionDto[]> {
  const rows: RevisionRow[] = await em.query(
    `SELECT r.status, r.outcome, r.meeting_id, m.title AS meeting_title, r.changed_by_id, u.name AS changed_by_name,
            r.changed_at
       FROM commitment_revision r
       LEFT JOIN meeting m ON m.id = r.meeting_id
       LEFT JOIN app_user u ON u.id = r.changed_by_id
      WHERE r.commitment_id = $1
      ORDER BY r.changed_at, r.id`,
    [commitmentId],
  );
  return rows.map((r) => ({
    status: r.status,
    outcome: r.outcome,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    changedById: r.changed_by_id,
    changedByName: r.changed_by_name,
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}
