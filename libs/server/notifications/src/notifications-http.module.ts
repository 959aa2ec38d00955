import { Module } from '@nestjs/common';
import { WORKER_HEALTH } from '@roundtable/server-core';
import { NotificationQueues } from './notification-queues.service';
import { NotificationsAdminController } from './notifications-admin.controller';
import { NotificationsAdminService } from './notifications-admin.service';
import { WorkerHealthService } from './worker-health.service';

/**
 * The API's side of notifications: the admins' view of the outbox, the worker's health for
 * /api/health (WORKER_HEALTH), and the queues the dashboard shows (mounted by configureApp with
 * registerQueueDashboard, as it is a Fastify plugin). It never sends nor relays: the worker does.
 */
@Module({
  controllers: [NotificationsAdminController],
  providers: [
    NotificationQueues,
    NotificationsAdminService,
    WorkerHealthService,
    { provide: WORKER_HEALTH, useExisting: WorkerHealthService },
  ],
  exports: [NotificationQueues, WORKER_HEALTH],
})
export class NotificationsHttpModule {}
