import { Module } from '@nestjs/common';
import { MetricsWorker } from './metrics-worker.service';

/** The worker's metrics module: rebuilds marked slices and reconciles nightly. Nothing HTTP; the API never imports it. */
@Module({ providers: [MetricsWorker], exports: [MetricsWorker] })
export class MetricsWorkerModule {}
