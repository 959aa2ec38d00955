import { Module } from '@nestjs/common';
import { MeetingsModule } from '@roundtable/server-meetings';
import { ApplicationsService } from './applications.service';
import { GroupHealthService } from './group-health.service';
import { GroupsService } from './groups.service';
import { MembershipsService } from './memberships.service';

/**
 * Peer groups, applications and memberships as services, with no HTTP (the worker's import);
 * GroupsHttpModule adds the routes. Ending a membership gives up seats through MeetingsModule's BookingsService.
 */
@Module({
  imports: [MeetingsModule],
  providers: [GroupsService, GroupHealthService, ApplicationsService, MembershipsService],
  exports: [GroupsService, GroupHealthService, ApplicationsService, MembershipsService],
})
export class GroupsModule {}
