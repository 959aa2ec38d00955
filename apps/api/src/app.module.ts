import { DynamicModule, Module } from '@nestjs/common';
import { AuthHttpModule } from '@roundtable/server-auth';
import { CalendarHttpModule } from '@roundtable/server-calendar';
import { AppConfig, HealthController, InfrastructureModule } from '@roundtable/server-core';
import { FirmsHttpModule } from '@roundtable/server-firms';
import { GroupsHttpModule } from '@roundtable/server-groups';
import { MeetingsHttpModule } from '@roundtable/server-meetings';
import { MetricsHttpModule } from '@roundtable/server-metrics';
import { NotificationsHttpModule } from '@roundtable/server-notifications';
import { ParticipationHttpModule } from '@roundtable/server-participation';
import { PreferencesHttpModule } from '@roundtable/server-preferences';
import { ProgrammesHttpModule } from '@roundtable/server-programmes';

/** The API: the shared infrastructure, and each feature's routes over its services-only module. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        AuthHttpModule,
        ProgrammesHttpModule,
        FirmsHttpModule,
        GroupsHttpModule,
        MeetingsHttpModule,
        ParticipationHttpModule,
        NotificationsHttpModule,
        PreferencesHttpModule,
        CalendarHttpModule,
        MetricsHttpModule,
      ],
      controllers: [HealthController],
    };
  }
}
