import { Module } from '@nestjs/common';
import { ActionMetricsService } from './action-metrics.service';
import { ParticipationMetricsService } from './participation-metrics.service';
import { RetentionMetricsService } from './retention-metrics.service';
import { SatisfactionMetricsService } from './satisfaction-metrics.service';

const SERVICES = [ParticipationMetricsService, RetentionMetricsService, ActionMetricsService, SatisfactionMetricsService];

/** Metrics as services, with no HTTP; MetricsHttpModule adds the routes, MetricsWorkerModule the worker's jobs. */
@Module({ providers: SERVICES, exports: SERVICES })
export class MetricsModule {}
