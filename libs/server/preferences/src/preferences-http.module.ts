import { Module } from '@nestjs/common';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { PreferencesModule } from './preferences.module';
import { UnsubscribeController } from './unsubscribe.controller';

/** The API's routes: `/api/me/notification-preferences` and the one-click `/api/unsubscribe/{token}`. */
@Module({ imports: [PreferencesModule], controllers: [NotificationPreferencesController, UnsubscribeController] })
export class PreferencesHttpModule {}
