import { ConnectionProjectionEntity } from '@amazon-channel/platform-auth';
import type { ServiceDefinition } from '@amazon-channel/platform-service';
import { JobRunEntity } from './job-runs/entities/job-run.entity';
import { migrations } from './database/migrations';
import { ScheduleSeedEntity } from './schedules/entities/schedule-seed.entity';
import { ScheduleEntity } from './schedules/entities/schedule.entity';

/** scheduler: its schema, entities and migrations. */
export const SCHEDULER_SERVICE: ServiceDefinition = {
  name: 'scheduler',
  schema: 'scheduler',
  title: 'scheduler',
  description: 'Schedules and job runs',
  entities: [ConnectionProjectionEntity, JobRunEntity, ScheduleEntity, ScheduleSeedEntity],
  migrations,
};
