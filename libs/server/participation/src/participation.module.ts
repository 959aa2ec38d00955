import { Module } from '@nestjs/common';
import { AttendanceService } from './attendance.service';
import { CommitmentsService } from './commitments.service';
import { FeedbackService } from './feedback.service';
import { NotesService } from './notes.service';

/**
 * What happens at and after a session, as services with no HTTP (the worker's import): attendance, action
 * commitments, facilitator notes, feedback. ParticipationHttpModule adds the routes.
 */
@Module({
  providers: [AttendanceService, CommitmentsService, NotesService, FeedbackService],
  exports: [AttendanceService, CommitmentsService, NotesService, FeedbackService],
})
export class ParticipationModule {}
