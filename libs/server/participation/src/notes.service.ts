import { Injectable } from '@nestjs/common';
import { Actor, ApiError } from '@roundtable/server-core';
import { MeetingNoteEntity } from '@roundtable/server-data';
import { loadMeeting } from '@roundtable/server-meetings';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { NoteBodyDto, NoteDto } from './dto/note.dto';

/**
 * Facilitator notes are confidential to the group's own facilitators (open events: programme
 * staff). Programme managers see everything else about a group but not these: members speak
 * freely in sessions because what is said stays with the facilitator.
 */
@Injectable()
export class NotesService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, meetingId: string): Promise<NoteDto[]> {
    await loadMeeting(this.db.manager, actor, meetingId, { need: 'notes' });
    return queryNotes(this.db.manager, 'n.meeting_id = $1', [meetingId]);
  }

  create(actor: Actor, meetingId: string, dto: NoteBodyDto): Promise<NoteDto> {
    return this.db.transaction(async (em) => {
      await loadMeeting(em, actor, meetingId, { need: 'notes' });
      const id = randomUUID();
      await em.insert(MeetingNoteEntity, { id, meetingId, authorId: actor.userId, body: dto.body });
      return (await queryNotes(em, 'n.id = $1', [id]))[0];
    });
  }

  update(actor: Actor, noteId: string, dto: NoteBodyDto): Promise<NoteDto> {
    return this.db.transaction(async (em) => {
      const note = await em.findOneBy(MeetingNoteEntity, { id: noteId });
      if (!note) throw ApiError.notFound('Note');
      await loadMeeting(em, actor, note.meetingId, { need: 'notes' }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) throw ApiError.notFound('Note');
        throw err;
      });
      if (note.authorId !== actor.userId) throw ApiError.forbidden('Only the note’s author can change it');
      await em.update(MeetingNoteEntity, { id: noteId }, { body: dto.body });
      return (await queryNotes(em, 'n.id = $1', [noteId]))[0];
    });
  }
}

interface NoteRow {
  id: string;
  meeting_id: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
  updated_at: Date;
}

async function queryNotes(em: EntityManager, where: string, params: unknown[]): Promise<NoteDto[]> {
  const rows: NoteRow[] = await em.query(
    `SELECT n.id, n.meeting_id, n.body, n.author_id, u.name AS author_name, n.created_at, n.updated_at
       FROM meeting_note n LEFT JOIN app_user u ON u.id = n.author_id
      WHERE ${where}
      ORDER BY n.created_at, n.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    body: r.body,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}
