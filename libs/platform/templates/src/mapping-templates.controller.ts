import { mappingTemplateSchema } from '@amazon-channel/mapping';
import { ApiZodBody } from '@amazon-channel/platform-service';
import { CurrentTenant } from '@amazon-channel/platform-auth';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { MappingTemplates, type TemplatePreview, type TemplateView } from './mapping-templates';
import { parseIfMatch, parsePreviewBody, templatePreviewBody } from './template-requests';
import { TemplatesErrorFilter } from './templates-error.filter';

const OPERATION = {
  name: 'operation',
  description: 'publish-listings, sync-listings (listings), get-orders (orders) or sync-orders (fulfillment)',
  example: 'sync-listings',
};

/**
 * The mapping templates of a connection. The platform checks `:connectionId` against the caller's
 * tenant before any handler (404 CONNECTION_NOT_FOUND for another tenant's), so nothing here runs
 * for a connection the caller does not own.
 */
@ApiTags('templates')
@ApiBearerAuth()
@UseFilters(TemplatesErrorFilter)
@Controller('connections/:connectionId/templates')
export class MappingTemplatesController {
  constructor(private readonly templates: MappingTemplates) {}

  @Get()
  @ApiOkResponse({ description: 'Each operation this service runs, with whether a saved template or the default applies, and its version' })
  async list(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string) {
    const all = await Promise.all(this.templates.operations.map((op) => this.templates.effective(tenantId, connectionId, op)));
    return { items: all.map(({ operation, source, version, updatedAt }) => ({ operation, source, version, updatedAt })) };
  }

  @Get(':operation')
  @ApiParam(OPERATION)
  @ApiOkResponse({
    description: 'The template in use (saved, or the default with version 0), the target fields it can map, and its advisories; ETag = version',
  })
  @ApiNotFoundResponse({ description: 'CONNECTION_NOT_FOUND, TEMPLATE_OPERATION_NOT_FOUND' })
  async get(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('operation') operation: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateView> {
    const view = await this.templates.view(tenantId, connectionId, this.templates.operation(operation));
    res.setHeader('etag', `"${view.version}"`);
    return view;
  }

  @Put(':operation')
  @ApiParam(OPERATION)
  @ApiZodBody(mappingTemplateSchema, 'The template; `operation` and `schemaVersion` may be left out (the route names the operation)')
  @ApiHeader({ name: 'if-match', required: false, description: 'The version you edited (ETag of GET; "0" = none saved yet): 409 if another is saved by now' })
  @ApiOkResponse({ description: 'Saved as the next version; advisories (e.g. a required field left unmapped) in `warnings`' })
  @ApiBadRequestResponse({
    description: 'INVALID_TEMPLATE: every fault with its JSON path (`details[].field`, e.g. `$.fields.price.rules[0].when.op`) and libs/mapping code',
  })
  @ApiConflictResponse({ description: 'TEMPLATE_VERSION_CONFLICT' })
  async put(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('operation') operation: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateView> {
    const op = this.templates.operation(operation);
    const saved = await this.templates.put(tenantId, connectionId, op, body, parseIfMatch(ifMatch));
    res.setHeader('etag', `"${saved.version}"`);
    return saved;
  }

  @Delete(':operation')
  @ApiParam(OPERATION)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The saved template is gone (if there was one): the operation runs with the default again' })
  async remove(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string, @Param('operation') operation: string): Promise<void> {
    await this.templates.remove(tenantId, connectionId, this.templates.operation(operation));
  }

  @Post(':operation/preview')
  @ApiParam(OPERATION)
  @HttpCode(200)
  @ApiZodBody(templatePreviewBody, 'A sample record, and optionally a template to try before saving it')
  @ApiOkResponse({ description: 'The mapped record, its errors and warnings, and per target field which source or rule produced it. Writes nothing.' })
  @ApiBadRequestResponse({ description: 'INVALID_REQUEST (no record), INVALID_TEMPLATE (draft faults under `$.template`)' })
  preview(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('operation') operation: string,
    @Body() body: unknown,
  ): Promise<TemplatePreview> {
    const op = this.templates.operation(operation);
    const input = parsePreviewBody(body);
    return this.templates.preview(tenantId, connectionId, op, input.record, input.template);
  }
}
