import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsService } from './commitments.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';

/** What happens at and after a session: attendance, action commitments, facilitator notes, feedback. */
@Module({
  controllers: [AttendanceController, CommitmentsController, NotesController, FeedbackController],
  providers: [AttendanceService, CommitmentsService, NotesService, FeedbackService],
  exports: [AttendanceService, CommitmentsService],
})
export class ParticipationModule {}
