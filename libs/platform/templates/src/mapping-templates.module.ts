import { Module, type DynamicModule } from '@nestjs/common';
import { MappingTemplates } from './mapping-templates';
import { MappingTemplatesController } from './mapping-templates.controller';
import { MAPPING_TEMPLATES_OPTIONS, type MappingTemplatesOptions } from './mapping-templates.options';
import { MappingTemplatesRepository } from './mapping-templates.repository';

/**
 * Per-connection mapping templates for the operations a service runs: the routes
 * `GET /connections/:connectionId/templates`, `GET|PUT|DELETE .../templates/:operation`,
 * `POST .../templates/:operation/preview`, and {@link MappingTemplates} for its jobs. The service
 * lists {@link MappingTemplateEntity} among its entities and adds the table with
 * {@link mappingTemplatesV1} in a migration of its own (its schema).
 *
 * @example MappingTemplatesModule.forService({ operations: ['publish-listings', 'sync-listings'] })
 */
@Module({})
export class MappingTemplatesModule {
  static forService(options: MappingTemplatesOptions): DynamicModule {
    return {
      module: MappingTemplatesModule,
      global: true,
      controllers: [MappingTemplatesController],
      providers: [{ provide: MAPPING_TEMPLATES_OPTIONS, useValue: options }, MappingTemplatesRepository, MappingTemplates],
      exports: [MappingTemplates],
    };
  }
}
