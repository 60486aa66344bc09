import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { parseJsonBody, readBody, validate } from '../core/http';
import { randomToken } from '../core/rng';
import { SandboxError } from '../core/sandbox-error';
import { OrderAdminService } from '../orders/order-admin.service';
import { INCLUDED_DATA, renderOrder } from '../orders/order-render';
import { factsOfRecord } from '../state/listing-model';
import { noFaults } from '../state/faults';
import { DEFAULTS, SandboxState } from '../state/sandbox-state';
import type { SellerState } from '../state/seller-state';
import { advanceClockSchema, changeOrderSchema, createAppSchema, createOrdersSchema, createSellerSchema, faultsSchema } from './admin-schemas';

async function jsonBody(req: Request): Promise<unknown> {
  return parseJsonBody(await readBody(req, 50 * 1024 * 1024)) ?? {};
}

/**
 * The sandbox's own admin API under `/_sandbox/` (not Amazon's): reset, sellers, apps, orders,
 * clock, faults and read-back of seller state. Documented in the app's README.
 */
@Controller('_sandbox')
export class AdminController {
  constructor(
    @Inject(SandboxState) private readonly state: SandboxState,
    @Inject(OrderAdminService) private readonly orderAdmin: OrderAdminService,
  ) {}

  private seller(id: string): SellerState {
    const seller = this.state.sellers.get(id);
    if (!seller) throw SandboxError.notFound(`Seller ${id}`);
    return seller;
  }

  @Get('health')
  health() {
    return { status: 'ok', now: this.state.clock.iso() };
  }

  @Get('defaults')
  defaults() {
    return {
      app: { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret, applicationId: DEFAULTS.applicationId },
      demoSeller: {
        sellingPartnerId: DEFAULTS.sellingPartnerId,
        region: DEFAULTS.region,
        marketplaceIds: DEFAULTS.marketplaceIds,
        refreshToken: DEFAULTS.refreshToken,
      },
    };
  }

  @Post('reset')
  @HttpCode(200)
  reset() {
    this.state.reset();
    return this.defaults();
  }

  @Get('clock')
  clock() {
    return { now: this.state.clock.iso(), epochMs: this.state.clock.now() };
  }

  @Post('clock/advance')
  @HttpCode(200)
  async advance(@Req() req: Request) {
    const body = validate(advanceClockSchema, await jsonBody(req), 'body');
    this.state.clock.advance(body.seconds * 1000);
    return this.clock();
  }

  @Post('apps')
  @HttpCode(201)
  async createApp(@Req() req: Request) {
    const spec = validate(createAppSchema, await jsonBody(req), 'body');
    const suffix = randomToken(6).replace(/[-_]/g, 'x').toLowerCase();
    const app = {
      clientId: spec.clientId ?? `amzn1.application-oa2-client.sbx${suffix}`,
      clientSecret: spec.clientSecret ?? randomToken(32),
      applicationId: spec.applicationId ?? `amzn1.sp.solution.sbx${suffix}`,
      redirectUris: spec.redirectUris,
      loginUri: spec.loginUri,
      draft: spec.draft,
    };
    this.state.auth.apps.set(app.clientId, app);
    return app;
  }

  @Post('sellers')
  @HttpCode(201)
  async createSeller(@Req() req: Request) {
    const spec = validate(createSellerSchema, await jsonBody(req), 'body');
    const clientId = spec.clientId ?? DEFAULTS.clientId;
    if (!this.state.auth.apps.has(clientId)) throw SandboxError.invalid('clientId', `Unknown app ${clientId}.`);
    let seller: SellerState;
    try {
      seller = this.state.createSeller(spec);
    } catch (e) {
      throw SandboxError.invalid('marketplaceIds', (e as Error).message);
    }
    const refresh = this.state.auth.issueRefreshToken(seller.sellingPartnerId, clientId);
    return { ...this.describe(seller), refreshToken: refresh.token, clientId };
  }

  private describe(seller: SellerState) {
    return {
      sellingPartnerId: seller.sellingPartnerId,
      region: seller.region,
      marketplaceIds: seller.marketplaceIds,
      storeName: seller.storeName,
      listingCount: seller.listingCount(),
      orderCount: seller.orders.size,
    };
  }

  @Get('sellers/:id')
  getSeller(@Param('id') id: string) {
    return this.describe(this.seller(id));
  }

  @Post('sellers/:id/approved-brands')
  @HttpCode(200)
  async approveBrand(@Param('id') id: string, @Req() req: Request) {
    const body = (await jsonBody(req)) as { brand?: unknown };
    if (typeof body.brand !== 'string') throw SandboxError.invalid('brand', 'brand is required.');
    const seller = this.seller(id);
    seller.approvedBrands.add(body.brand);
    return { approvedBrands: [...seller.approvedBrands] };
  }

  @Get('sellers/:id/listings/:sku')
  getListing(@Param('id') id: string, @Param('sku') sku: string, @Query('marketplaceId') marketplaceId?: string) {
    const seller = this.seller(id);
    const record = seller.getListing(sku);
    if (!record) throw SandboxError.notFound(`Listing ${sku}`);
    const facts = factsOfRecord(record, marketplaceId ?? seller.marketplaceIds[0] ?? 'ATVPDKIKX0DER');
    return {
      sku,
      asin: record.asin,
      productType: record.productType,
      priceMinor: facts.priceMinor,
      currency: facts.currency,
      quantity: facts.quantity,
      handlingDays: facts.handlingDays,
      fulfillmentChannel: facts.channel,
      status: facts.status,
      lastUpdatedTime: new Date(record.updatedMs).toISOString(),
      attributes: record.attributes,
      issues: record.issues,
    };
  }

  @Post('sellers/:id/orders')
  @HttpCode(201)
  async createOrders(@Param('id') id: string, @Req() req: Request) {
    const body = validate(createOrdersSchema, await jsonBody(req), 'body');
    const seller = this.seller(id);
    const orders = this.orderAdmin.create(seller, body.orders, body.count);
    const all = new Set(INCLUDED_DATA);
    return { orders: orders.map((o) => renderOrder(o, all)) };
  }

  @Patch('sellers/:id/orders/:orderId')
  async changeOrder(@Param('id') id: string, @Param('orderId') orderId: string, @Req() req: Request) {
    const change = validate(changeOrderSchema, await jsonBody(req), 'body');
    const order = this.orderAdmin.change(this.seller(id), orderId, change);
    return { order: renderOrder(order, new Set(INCLUDED_DATA)) };
  }

  @Get('sellers/:id/orders/:orderId/packages')
  packages(@Param('id') id: string, @Param('orderId') orderId: string) {
    const order = this.seller(id).orders.get(orderId);
    if (!order) throw SandboxError.notFound(`Order ${orderId}`);
    return { orderId, shipmentStatus: order.shipmentStatus ?? null, packages: order.packages };
  }

  @Get('faults')
  faults() {
    return this.state.faults;
  }

  @Post('faults')
  @HttpCode(200)
  async injectFault(@Req() req: Request) {
    const { revokeRefreshTokens, revokeSellers, ...settings } = validate(faultsSchema, await jsonBody(req), 'body');
    this.state.faults = { ...this.state.faults, ...settings, ratePlans: { ...this.state.faults.ratePlans, ...settings.ratePlans } };
    if (settings.ratePlans) this.state.limiter.clear();
    let revoked = 0;
    for (const t of revokeRefreshTokens ?? []) if (this.state.auth.revokeRefreshToken(t)) revoked++;
    for (const s of revokeSellers ?? []) revoked += this.state.auth.revokeSeller(s);
    return { faults: this.state.faults, revoked };
  }

  @Delete('faults')
  clearFaults() {
    this.state.faults = noFaults();
    this.state.limiter.clear();
    return { faults: this.state.faults };
  }

  @Get('feeds/:feedId')
  feed(@Param('feedId') feedId: string) {
    const feed = this.state.feeds.get(feedId);
    if (!feed) throw SandboxError.notFound(`Feed ${feedId}`);
    return { feedId, feedType: feed.feedType, result: feed.result ?? null };
  }
}
