export * from './dto/attendance.dto';
export * from './dto/commitment.dto';
export * from './dto/feedback.dto';
export * from './dto/note.dto';
export * from './participation.module';
export * from './roster';
