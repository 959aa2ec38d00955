import { Module } from '@nestjs/common';
import { NotificationWorker } from './notification-worker.service';

/** The worker's module: relays, delivers and schedules notifications. Nothing HTTP; the API never imports it. */
@Module({
  providers: [NotificationWorker],
  exports: [NotificationWorker],
})
export class NotificationWorkerModule {}
