import { Module } from '@nestjs/common';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesModule } from './programmes.module';

/** The API's programme routes over ProgrammesModule. */
@Module({ imports: [ProgrammesModule], controllers: [ProgrammesController] })
export class ProgrammesHttpModule {}
