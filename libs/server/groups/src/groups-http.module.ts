import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications.controller';
import { GroupsController } from './groups.controller';
import { GroupsModule } from './groups.module';
import { MembershipsController } from './memberships.controller';

/** The API's group, application and membership routes over GroupsModule. */
@Module({ imports: [GroupsModule], controllers: [GroupsController, ApplicationsController, MembershipsController] })
export class GroupsHttpModule {}
