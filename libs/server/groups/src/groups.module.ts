import { Module } from '@nestjs/common';
import { MeetingsModule } from '@roundtable/server-meetings';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';
import { MembershipsController } from './memberships.controller';
import { MembershipsService } from './memberships.service';

@Module({
  imports: [MeetingsModule],
  controllers: [GroupsController, ApplicationsController, MembershipsController],
  providers: [GroupsService, ApplicationsService, MembershipsService],
  exports: [GroupsService, ApplicationsService, MembershipsService],
})
export class GroupsModule {}
