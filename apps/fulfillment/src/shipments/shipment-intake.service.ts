import type { ShipmentReadyV2 } from '@amazon-channel/contracts';
import { compileTemplateFor, defaultTemplate, type CompiledTemplate } from '@amazon-channel/mapping';
import { AMAZON_CARRIER_CODES } from '@amazon-channel/sp-api';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CarrierSettingsRepository } from './carrier-settings.repository';
import { decideEdit, decideIntake, type CarrierContext, type PackageEdit } from './domain/intake-decision';
import type { PackageStatus } from './domain/package-status';
import { ShipmentsError } from './shipments.error';
import { ShipmentsRepository, type DecideShipment, type ShipmentView } from './shipments.repository';
import { SyncOrdersRequests } from './sync-orders-requests.repository';

/**
 * Where a connection's sync-orders template comes from. Until the shared templates library is wired,
 * every connection uses the default template (GOSO → GLS US, GOLDEN STATE OVERNIGHT → Other).
 */
export interface SyncOrdersTemplates {
  forConnection(tenantId: string, connectionId: string): Promise<CompiledTemplate>;
}
/** DI token of {@link SyncOrdersTemplates}. */
export const SYNC_ORDERS_TEMPLATES = Symbol('SYNC_ORDERS_TEMPLATES');

const DEFAULT_TEMPLATE = compileTemplateFor('sync-orders', defaultTemplate('sync-orders'));

/** Packages a seller may edit and re-send. */
const EDITABLE: readonly PackageStatus[] = ['REJECTED', 'INVALID', 'FLAGGED', 'FAILED', 'RETRY', 'READY'];

/**
 * Shipments in: from the platform's event or HTTP call (idempotent by shipment id), released when
 * a held shipment's order arrives, and edited by the seller. Each asks for a sync-orders run.
 */
@Injectable()
export class ShipmentIntakeService {
  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly settings: CarrierSettingsRepository,
    private readonly requests: SyncOrdersRequests,
    @Optional() @Inject(SYNC_ORDERS_TEMPLATES) private readonly templates?: SyncOrdersTemplates,
  ) {}

  /** Stores the shipment (once) and queues a run in the same transaction (`tx`: the event's inbox transaction). @returns our id and whether it was new. */
  async receive(tenantId: string, shipment: ShipmentReadyV2, tx: EntityManager | null = null): Promise<{ id: string; created: boolean }> {
    const decide = await this.decider(tenantId, shipment.connectionId);
    return this.shipments.intake(tx, tenantId, shipment, decide, (manager) => this.requests.requestIn(manager, tenantId, shipment.connectionId));
  }

  /** The decision function for a connection's shipments (its template and settings, read now). */
  async decider(tenantId: string, connectionId: string): Promise<DecideShipment> {
    const ctx = await this.carrierContext(tenantId, connectionId);
    return (shipment, order, claimed, next) => decideIntake(shipment, order, claimed, next, ctx, new Date());
  }

  /** Releases the shipments held for an order in the transaction recording the order, and queues a run there if any was released. */
  async releaseHeld(tx: EntityManager, tenantId: string, connectionId: string, amazonOrderId: string, decide: DecideShipment): Promise<number> {
    const released = await this.shipments.releaseHeld(tx, connectionId, amazonOrderId, decide);
    if (released > 0) await this.requests.requestIn(tx, tenantId, connectionId);
    return released;
  }

  /** Edits a package's carrier, method or tracking number and queues it for sending again. */
  async edit(tenantId: string, shipmentRowId: string, packageId: string, edit: PackageEdit): Promise<ShipmentView> {
    const pkg = await this.shipments.findPackage(tenantId, shipmentRowId, packageId);
    if (!pkg) throw new ShipmentsError('PACKAGE_NOT_FOUND', `No package ${packageId} in shipment ${shipmentRowId}`);
    if (!EDITABLE.includes(pkg.status))
      throw new ShipmentsError(
        'PACKAGE_NOT_EDITABLE',
        `Package ${packageId} is ${pkg.status}: only packages not yet with Amazon, refused, failed or flagged can be edited`,
        {
          status: pkg.status,
        },
      );
    const ctx = await this.carrierContext(tenantId, pkg.connectionId);
    const decided = decideEdit(pkg, edit, ctx);
    await this.shipments.saveEdit(pkg.id, decided, async (tx) => {
      if (decided.status === 'READY') await this.requests.requestIn(tx, tenantId, pkg.connectionId);
    });
    const view = await this.shipments.find(tenantId, shipmentRowId);
    if (!view) throw new ShipmentsError('SHIPMENT_NOT_FOUND', `No shipment ${shipmentRowId}`);
    return view;
  }

  private async carrierContext(tenantId: string, connectionId: string): Promise<CarrierContext> {
    const [template, settings] = await Promise.all([
      this.templates ? this.templates.forConnection(tenantId, connectionId) : Promise.resolve(DEFAULT_TEMPLATE),
      this.settings.get(connectionId),
    ]);
    return { template, settings, amazonCarrierCodes: AMAZON_CARRIER_CODES };
  }
}
