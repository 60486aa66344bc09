import { jobOperationSchema, jobTriggerSchema, SYSTEM_RUN } from '@amazon-channel/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { isRunnable, RUNNABLE_OPERATIONS } from '../domain/runnable-operations';

/** Body of `POST /job-runs`. */
export const requestJobRunSchema = z.object({
  operation: z
    .string()
    .refine(isRunnable, { message: `must be one of ${RUNNABLE_OPERATIONS.join(', ')}` })
    .pipe(jobOperationSchema),
  // The system run's connection id is the scheduler command line's alone (see SYSTEM_RUN).
  connectionId: z
    .string()
    .min(1)
    .max(100)
    .refine((id) => id !== SYSTEM_RUN.connectionId, 'must name one connection'),
  trigger: jobTriggerSchema.default('API'),
  settings: z.record(z.string(), z.unknown()).default({}),
});
/** Parsed {@link requestJobRunSchema}. */
export type RequestJobRun = z.infer<typeof requestJobRunSchema>;

/** OpenAPI shape of {@link requestJobRunSchema}. */
export class RequestJobRunDto {
  @ApiProperty({ enum: RUNNABLE_OPERATIONS })
  operation!: string;

  @ApiProperty()
  connectionId!: string;

  @ApiProperty({ enum: jobTriggerSchema.options, required: false, default: 'API' })
  trigger?: string;

  @ApiProperty({ required: false, type: Object, additionalProperties: true })
  settings?: Record<string, unknown>;
}
