import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from './actor';
import { namedEnum } from './api-schemas';
import { REDIS } from './redis.module';

export class DeliveryQueueDepthDto {
  @ApiProperty({ description: 'Deliveries waiting for a worker', example: 0 })
  waiting: number;
  @ApiProperty({ description: 'Deliveries a worker is sending now', example: 0 })
  active: number;
  @ApiProperty({ description: 'Deliveries waiting to retry after a temporary SMTP failure', example: 0 })
  delayed: number;
  @ApiProperty({
    description: 'Failed jobs still kept in the queue (failed notifications themselves are in the database)',
    example: 0,
  })
  failed: number;
}

const WORKER_STATUSES = ['up', 'down', 'unknown'] as const;
const HEALTH_STATUSES = ['ok', 'degraded'] as const;
const DEPENDENCY_STATUSES = ['up', 'down'] as const;

export class WorkerHealthDto {
  @ApiProperty({
    ...namedEnum(WORKER_STATUSES, 'WorkerStatus'),
    example: 'up',
    description:
      'up: at least one worker renewed its heartbeat in the last 20 seconds; down: none did; unknown: Redis did not answer',
  })
  status: 'up' | 'down' | 'unknown';
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1,
    description: 'Worker processes with a fresh heartbeat (null when unknown)',
  })
  workers: number | null;
  @ApiPropertyOptional({
    type: DeliveryQueueDepthDto,
    nullable: true,
    description: 'The delivery queue in Redis (null when unknown)',
  })
  deliveries: DeliveryQueueDepthDto | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 0,
    description:
      'Age in seconds of the oldest email that is due and not yet sent (pending or queued); 0 when nothing is due, null when unknown',
  })
  oldestDueSeconds: number | null;
}

/** What the health check asks about the worker; provided by the notifications library in the API. */
export interface WorkerHealthSource {
  check(): Promise<WorkerHealthDto>;
}

/** The injection token of the WorkerHealthSource, optional: without one, health reports PostgreSQL and Redis only. */
export const WORKER_HEALTH = Symbol('WORKER_HEALTH');

export class HealthDto {
  @ApiProperty({
    ...namedEnum(HEALTH_STATUSES, 'HealthStatus'),
    example: 'ok',
    description:
      'ok when PostgreSQL, Redis and a worker answer; degraded otherwise. Only PostgreSQL or Redis down makes the answer a 503: ' +
      'without a worker the API serves as usual and emails wait in the outbox',
  })
  status: 'ok' | 'degraded';
  @ApiProperty({
    ...namedEnum(DEPENDENCY_STATUSES, 'DependencyStatus'),
    example: 'up',
    description: 'Whether PostgreSQL answers',
  })
  postgres: 'up' | 'down';
  @ApiProperty({ ...namedEnum(DEPENDENCY_STATUSES, 'DependencyStatus'), example: 'up', description: 'Whether Redis answers' })
  redis: 'up' | 'down';
  @ApiPropertyOptional({ type: WorkerHealthDto, description: 'The email worker: heartbeat, delivery queue, backlog' })
  worker?: WorkerHealthDto;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Optional() @Inject(WORKER_HEALTH) private readonly worker: WorkerHealthSource | null = null,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Liveness and dependencies',
    description:
      'Reports whether PostgreSQL and Redis answer (503 when either does not), and the email worker: whether one has a ' +
      'fresh heartbeat, the delivery queue’s depth and the age of the oldest email due. A missing worker is reported as ' +
      'degraded with a 200: the API works without it. Public.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency is down' })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthDto> {
    const [postgres, redis, worker] = await Promise.all([
      this.db.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      withTimeout(this.redis.ping(), 1000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.worker?.check(),
    ]);
    const serving = postgres === 'up' && redis === 'up';
    if (!serving) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    const ok = serving && (worker === undefined || worker.status === 'up');
    return { status: ok ? 'ok' : 'degraded', postgres, redis, ...(worker && { worker }) };
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
