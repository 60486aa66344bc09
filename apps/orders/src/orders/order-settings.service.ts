import {
  compileTemplateFor,
  defaultTemplate,
  MappingTemplateError,
  type CompiledTemplate,
  type GetOrdersMappedRecord,
  type MappingTemplate,
} from '@amazon-channel/mapping';
import { MappingTemplates, TemplatesError } from '@amazon-channel/platform-templates';
import { Injectable } from '@nestjs/common';
import { DEFAULT_GET_ORDERS_SETTINGS, type GetOrdersSettings } from './domain/order-candidate';
import { OrderSettingsRepository } from './order-settings.repository';
import { OrdersError } from './orders.error';

/** Settings of one connection plus its template (null = default). */
export interface ConnectionOrderSettings extends GetOrdersSettings {
  connectionId: string;
  template: MappingTemplate | null;
  /** Version of the saved template; 0 when the default applies. A run's summary names it. */
  templateVersion: number;
}

/**
 * Compiles the get-orders template of a connection. The product-code setting (seed 004: ASIN or
 * SKU) rewrites `item_product_code` of the default template; a custom template decides itself.
 */
export function compileGetOrdersTemplate(settings: Pick<ConnectionOrderSettings, 'template' | 'productCode'>): CompiledTemplate<GetOrdersMappedRecord> {
  let template = settings.template;
  if (!template) {
    const base = defaultTemplate('get-orders');
    template = settings.productCode === 'ASIN' ? { ...base, fields: { ...base.fields, item_product_code: { kind: 'field', path: 'product.asin' } } } : base;
  }
  try {
    return compileTemplateFor('get-orders', template);
  } catch (error) {
    if (error instanceof MappingTemplateError) throw new OrdersError('INVALID_TEMPLATE', 'The get-orders template is not valid', { issues: error.issues });
    throw error;
  }
}

/**
 * Per-connection get-orders settings, tenant-scoped. The template is the connection's saved
 * get-orders template (`mapping_templates`, shared with `/connections/:connectionId/templates/get-orders`),
 * so the job runs with whichever of the two routes saved it last.
 */
@Injectable()
export class OrderSettingsService {
  constructor(
    private readonly rows: OrderSettingsRepository,
    private readonly templates: MappingTemplates,
  ) {}

  async get(tenantId: string, connectionId: string): Promise<ConnectionOrderSettings> {
    const [row, saved] = await Promise.all([this.rows.find(tenantId, connectionId), this.templates.saved(tenantId, connectionId, 'get-orders')]);
    const template = saved?.template ?? null;
    const templateVersion = saved?.version ?? 0;
    if (!row) return { connectionId, ...DEFAULT_GET_ORDERS_SETTINGS, template, templateVersion };
    return {
      connectionId,
      productCode: row.productCode,
      fulfillmentStatuses: row.fulfillmentStatuses,
      fulfilledBy: row.fulfilledBy,
      createdWithinDays: row.createdWithinDays,
      keepPendingAsReservations: row.keepPendingAsReservations,
      template,
      templateVersion,
    };
  }

  async put(
    tenantId: string,
    connectionId: string,
    input: Partial<Omit<ConnectionOrderSettings, 'connectionId' | 'templateVersion'>>,
  ): Promise<ConnectionOrderSettings> {
    const owner = await this.rows.findByConnection(connectionId);
    if (owner && owner.tenantId !== tenantId) throw new OrdersError('CONNECTION_NOT_FOUND', `No connection ${connectionId}`);
    const next = { ...(await this.get(tenantId, connectionId)), ...input, connectionId };
    compileGetOrdersTemplate(next);
    await this.rows.save({
      tenantId,
      connectionId,
      productCode: next.productCode,
      fulfillmentStatuses: next.fulfillmentStatuses,
      fulfilledBy: next.fulfilledBy,
      createdWithinDays: next.createdWithinDays,
      keepPendingAsReservations: next.keepPendingAsReservations,
    });
    if (input.template === null) {
      await this.templates.remove(tenantId, connectionId, 'get-orders');
      next.templateVersion = 0;
    } else if (input.template !== undefined) {
      next.templateVersion = await this.saveTemplate(tenantId, connectionId, input.template);
    }
    return next;
  }

  /** Saves through the templates store; its faults keep this route's answer (422 INVALID_TEMPLATE with the issues). */
  private async saveTemplate(tenantId: string, connectionId: string, template: MappingTemplate): Promise<number> {
    try {
      return (await this.templates.put(tenantId, connectionId, 'get-orders', template)).version;
    } catch (error) {
      if (error instanceof TemplatesError && error.code === 'INVALID_TEMPLATE') {
        throw new OrdersError('INVALID_TEMPLATE', 'The get-orders template is not valid', { issues: error.details });
      }
      throw error;
    }
  }
}
