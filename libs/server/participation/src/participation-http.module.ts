import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { CommitmentsController } from './commitments.controller';
import { FeedbackController } from './feedback.controller';
import { NotesController } from './notes.controller';
import { ParticipationModule } from './participation.module';

/** The API's attendance, commitment, note and feedback routes over ParticipationModule. */
@Module({
  imports: [ParticipationModule],
  controllers: [AttendanceController, CommitmentsController, NotesController, FeedbackController],
})
export class ParticipationHttpModule {}
