import { Module } from '@nestjs/common';
import { ProgrammesService } from './programmes.service';

/** Programmes as services, with no HTTP (the worker's import); ProgrammesHttpModule adds the routes. */
@Module({ providers: [ProgrammesService], exports: [ProgrammesService] })
export class ProgrammesModule {}
