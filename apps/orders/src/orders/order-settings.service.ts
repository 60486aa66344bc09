import {
  compileTemplateFor,
  defaultTemplate,
  MappingTemplateError,
  type CompiledTemplate,
  type GetOrdersMappedRecord,
  type MappingTemplate,
} from '@amazon-channel/mapping';
import { Injectable } from '@nestjs/common';
import { DEFAULT_GET_ORDERS_SETTINGS, type GetOrdersSettings } from './domain/order-candidate';
import { OrderSettingsRepository } from './order-settings.repository';
import { OrdersError } from './orders.error';

/** Settings of one connection plus its template (null = default). */
export interface ConnectionOrderSettings extends GetOrdersSettings {
  connectionId: string;
  template: MappingTemplate | null;
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

/** Per-connection get-orders settings, tenant-scoped. */
@Injectable()
export class OrderSettingsService {
  constructor(private readonly rows: OrderSettingsRepository) {}

  async get(tenantId: string, connectionId: string): Promise<ConnectionOrderSettings> {
    const row = await this.rows.find(tenantId, connectionId);
    if (!row) return { connectionId, ...DEFAULT_GET_ORDERS_SETTINGS, template: null };
    return {
      connectionId,
      productCode: row.productCode,
      fulfillmentStatuses: row.fulfillmentStatuses,
      fulfilledBy: row.fulfilledBy,
      createdWithinDays: row.createdWithinDays,
      keepPendingAsReservations: row.keepPendingAsReservations,
      template: row.template as MappingTemplate | null,
    };
  }

  async put(tenantId: string, connectionId: string, input: Partial<Omit<ConnectionOrderSettings, 'connectionId'>>): Promise<ConnectionOrderSettings> {
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
      template: next.template,
    });
    return next;
  }
}
