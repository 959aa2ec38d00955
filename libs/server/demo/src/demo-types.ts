import { AttendanceMode, MeetingMode } from '@roundtable/domain';
import {
  ActionCommitmentEntity,
  AttendanceEntity,
  AttendanceRevisionEntity,
  BookingEntity,
  CommitmentRevisionEntity,
  FeedbackEntity,
  MeetingEntity,
  MeetingNoteEntity,
  MeetingSeriesEntity,
} from '@roundtable/server-data';
import { DemoGroup } from './demo-data';

/** The meeting rows of the demo, ready to insert in this order (parents first). */
export interface MeetingRows {
  series: Partial<MeetingSeriesEntity>[];
  meetings: Partial<MeetingEntity>[];
  bookings: Partial<BookingEntity>[];
  attendance: Partial<AttendanceEntity>[];
  attendanceRevisions: Partial<AttendanceRevisionEntity>[];
  commitments: Partial<ActionCommitmentEntity>[];
  commitmentRevisions: Partial<CommitmentRevisionEntity>[];
  notes: Partial<MeetingNoteEntity>[];
  feedback: Partial<FeedbackEntity>[];
}

export interface DemoPerson {
  id: string;
  name: string;
  firmName: string;
  /** The firm's owner (its first person) rather than a colleague. */
  owner: boolean;
}

/** A firm's time in a group, with its people. */
export interface DemoTenure {
  joinedAt: Date;
  endedAt: Date | null;
  people: DemoPerson[];
}

export interface DemoCastGroup {
  id: string;
  spec: DemoGroup;
  facilitatorId: string;
  createdAt: Date;
  /** Every admitted firm, including those that left. */
  tenures: DemoTenure[];
}

/** Who is who in the demo, as the meeting builder needs it. */
export interface DemoCast {
  now: Date;
  programmeId: string;
  managerId: string;
  /** The well-known member login. */
  memberId: string;
  groups: DemoCastGroup[];
  /** The people of every firm in the programme, one list a firm (open events are open to all of them). */
  firmPeople: DemoPerson[][];
}

/** A meeting that took place, with the people who held a confirmed seat. */
export interface HeldMeeting {
  id: string;
  groupId: string | null;
  startsAt: Date;
  durationMinutes: number;
  mode: MeetingMode;
  seated: { person: DemoPerson; mode: AttendanceMode | null }[];
  /** Who takes attendance, records commitments and writes the note. */
  recorderId: string;
}
