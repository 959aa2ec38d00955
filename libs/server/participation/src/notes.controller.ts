import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor } from '@roundtable/server-core';
import { NoteBodyDto, NoteDto } from './dto/note.dto';
import { NotesService } from './notes.service';

@ApiTags('facilitator notes')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get('meetings/:meetingId/notes')
  @ApiOperation({
    summary: 'Facilitator notes on a meeting',
    description:
      'Only the group’s own facilitators (open events: programme staff). Programme managers, members and other ' +
      'facilitators get 403; other programmes 404. Oldest first.',
  })
  @ApiOkResponse({ type: [NoteDto] })
  list(@CurrentActor() actor: Actor, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<NoteDto[]> {
    return this.notes.list(actor, meetingId);
  }

  @Post('meetings/:meetingId/notes')
  @ApiOperation({
    summary: 'Write a facilitator note',
    description: 'Only the group’s own facilitators (open events: programme staff), as for reading them.',
  })
  @ApiCreatedResponse({ type: NoteDto })
  create(
    @CurrentActor() actor: Actor,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: NoteBodyDto,
  ): Promise<NoteDto> {
    return this.notes.create(actor, meetingId, dto);
  }

  @Patch('notes/:noteId')
  @ApiOperation({
    summary: 'Edit a facilitator note',
    description: 'Only its author, while they may still read the meeting’s notes.',
  })
  @ApiOkResponse({ type: NoteDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Body() dto: NoteBodyDto,
  ): Promise<NoteDto> {
    return this.notes.update(actor, noteId, dto);
  }
}
