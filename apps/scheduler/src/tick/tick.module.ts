import { Module } from '@nestjs/common';
import { TickerService } from './ticker.service';

/** The in-process ticker. */
@Module({ providers: [TickerService] })
export class TickModule {}
