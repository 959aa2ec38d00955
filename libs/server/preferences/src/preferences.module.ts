import { Module } from '@nestjs/common';
import { NotificationPreferencesService } from './notification-preferences.service';

/** Notification preferences and one-click unsubscribe as a service, with no HTTP; PreferencesHttpModule adds the routes. */
@Module({ providers: [NotificationPreferencesService], exports: [NotificationPreferencesService] })
export class PreferencesModule {}
