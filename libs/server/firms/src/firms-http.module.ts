import { Module } from '@nestjs/common';
import { FirmsController } from './firms.controller';
import { FirmsModule } from './firms.module';

/** The API's firm routes over FirmsModule. */
@Module({ imports: [FirmsModule], controllers: [FirmsController] })
export class FirmsHttpModule {}
