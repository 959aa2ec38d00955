import { Module } from '@nestjs/common';
import { FirmsService } from './firms.service';

/** Firms and their people as services, with no HTTP (the worker's import); FirmsHttpModule adds the routes. */
@Module({ providers: [FirmsService], exports: [FirmsService] })
export class FirmsModule {}
