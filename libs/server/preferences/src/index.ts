export * from './dto/notification-preferences.dto';
export * from './notification-preferences.service';
export * from './preferences-http.module';
export * from './preferences.module';
