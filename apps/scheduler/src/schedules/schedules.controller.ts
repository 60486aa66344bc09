import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { ApiZodBody } from '@amazon-channel/platform-service';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { planNewSchedule, planUpdate, type SchedulePlan } from './domain/schedule-plan';
import { scheduleState } from './domain/schedule-state';
import { createScheduleSchema, updateScheduleSchema, type ScheduleView } from './dto/schedule.dto';
import { ScheduleErrorFilter } from './schedule-error.filter';
import { ScheduleError } from './schedules.error';
import { SchedulesRepository, type ScheduleWithConnection } from './schedules.repository';

/** A tenant's schedules: when each operation runs for each of its connections. */
@ApiTags('schedules')
@ApiBearerAuth()
@UseFilters(ScheduleErrorFilter)
@Controller('schedules')
export class SchedulesController {
  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiZodBody(createScheduleSchema)
  @ApiCreatedResponse({ description: 'The schedule; its first run is requested by the next tick (interval) or at the next firing (cron)' })
  @ApiNotFoundResponse({ description: "CONNECTION_NOT_FOUND: no such connection for the caller's tenant" })
  @ApiConflictResponse({ description: 'SCHEDULE_EXISTS: the connection already has a schedule for this operation' })
  async create(@CurrentTenant() tenantId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<ScheduleView> {
    const input = parse(createScheduleSchema, body);
    // Before anything is written: another tenant's connection is 404, as if it did not exist.
    await this.ownership.ownedConnection(tenantId, input.connectionId);
    const plan = orThrow(planNewSchedule(input.operation, input, new Date()));
    const created = await this.schedules.create(tenantId, input.connectionId, input.operation, plan);
    if (!created) {
      const existing = await this.schedules.findByOperation(tenantId, input.connectionId, input.operation);
      throw new ScheduleError('SCHEDULE_EXISTS', `Connection ${input.connectionId} already has a ${input.operation} schedule`, {
        scheduleId: existing?.id,
      });
    }
    res.setHeader('location', `/schedules/${created.id}`);
    return this.view(await this.findOrThrow(tenantId, created.id));
  }

  @Get()
  @ApiQuery({ name: 'connectionId', required: false })
  @ApiOkResponse({ description: "The tenant's schedules, each with its state (ACTIVE, PAUSED with the reason, DISABLED)" })
  async list(@CurrentTenant() tenantId: string, @Query('connectionId') connectionId?: string): Promise<ScheduleView[]> {
    if (connectionId !== undefined) await this.ownership.ownedConnection(tenantId, connectionId);
    return (await this.schedules.list(tenantId, connectionId)).map((entry) => this.view(entry));
  }

  @Get(':id')
  async get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<ScheduleView> {
    return this.view(await this.findOrThrow(tenantId, id));
  }

  @Patch(':id')
  @ApiZodBody(updateScheduleSchema)
  async update(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown): Promise<ScheduleView> {
    const input = parse(updateScheduleSchema, body);
    const { schedule } = await this.findOrThrow(tenantId, id);
    const plan = orThrow(planUpdate(schedule, input, new Date()));
    if (!(await this.schedules.update(tenantId, id, plan))) throw notFound(id);
    return this.view(await this.findOrThrow(tenantId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.schedules.delete(tenantId, id))) throw notFound(id);
  }

  private async findOrThrow(tenantId: string, id: string): Promise<ScheduleWithConnection> {
    const found = await this.schedules.find(tenantId, id);
    if (!found) throw notFound(id);
    return found;
  }

  private view({ schedule, connectionStatus }: ScheduleWithConnection): ScheduleView {
    const { state, pausedReason } = scheduleState(schedule.enabled, connectionStatus, schedule.system);
    return {
      id: schedule.id,
      connectionId: schedule.connectionId,
      operation: schedule.operation,
      interval: schedule.interval,
      cron: schedule.cron,
      timeZone: schedule.timeZone,
      enabled: schedule.enabled,
      state,
      paused: state === 'PAUSED',
      pausedReason,
      nextRunAt: schedule.nextDueAt.toISOString(),
      lastSlotAt: schedule.lastSlotAt?.toISOString() ?? null,
      lastRunId: schedule.lastRunId,
      createdAt: schedule.createdAt.toISOString(),
      updatedAt: schedule.updatedAt.toISOString(),
    };
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body'),
    reason: issue.message,
  }));
  throw new ScheduleError('INVALID_REQUEST', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), issues);
}

function orThrow(plan: SchedulePlan): Extract<SchedulePlan, { ok: true }>['values'] {
  if (plan.ok) return plan.values;
  throw new ScheduleError(plan.code, plan.message, plan.issues);
}

function notFound(id: string): ScheduleError {
  return new ScheduleError('SCHEDULE_NOT_FOUND', `No schedule ${id}`);
}
