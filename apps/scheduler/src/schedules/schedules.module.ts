import { Module } from '@nestjs/common';
import { SchedulesController } from './schedules.controller';
import { SchedulesRepository } from './schedules.repository';

/** Schedules: when each operation runs for each connection; the tick requests their runs. */
@Module({ controllers: [SchedulesController], providers: [SchedulesRepository] })
export class SchedulesModule {}
