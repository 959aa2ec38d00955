import { ApplicationEntity } from './application.entity';
import { FirmEntity } from './firm.entity';
import { InvitationEntity } from './invitation.entity';
import { MembershipEntity } from './membership.entity';
import { PeerGroupEntity } from './peer-group.entity';
import { ProgrammeEntity } from './programme.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export const ENTITIES = [
  ProgrammeEntity,
  FirmEntity,
  UserEntity,
  RoleAssignmentEntity,
  SessionEntity,
  InvitationEntity,
  PeerGroupEntity,
  ApplicationEntity,
  MembershipEntity,
];
