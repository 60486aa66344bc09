import { ApiZodBody } from '@amazon-channel/platform-service';
import { CurrentTenant } from '@amazon-channel/platform-auth';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { sourceBody } from './dto/source.dto';
import { parseInput } from '../errors/parse-input';
import type { SourceEntity } from './source.entity';
import { SourcesService } from './sources.service';

/** The platform registers its sources with the Amazon compliance flag; only compliant ones receive Amazon orders. */
@ApiTags('sources')
@ApiBearerAuth()
@Controller('sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  list(@CurrentTenant() tenantId: string): Promise<SourceEntity[]> {
    return this.sources.list(tenantId);
  }

  /** Registers or updates a source and its "Compliance with Amazon Services Business Solutions Agreement" flag. */
  @Put(':sourceId')
  @ApiZodBody(sourceBody)
  put(@CurrentTenant() tenantId: string, @Param('sourceId') sourceId: string, @Body() body: unknown): Promise<SourceEntity> {
    return this.sources.put(tenantId, sourceId, parseInput(sourceBody, body));
  }
}
