import { Public } from '@amazon-channel/platform-auth';
import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthorizationService, type CallbackQuery, type CallbackResult, type LoginQuery } from './authorization.service';
import { ConnectionErrorFilter } from './connection-error.filter';
import { escapeHtml } from './domain/html';

function noLeaks(res: Response): void {
  // The code and state travel in the URL: keep them out of Referer headers and caches.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof v === 'string' && v.length > 0 && v.length <= 2048 ? v : undefined;
}

function resultPage(result: CallbackResult): string {
  const body =
    result.outcome === 'CONNECTED'
      ? `<h1>Amazon account connected</h1><p>Selling account <code id="seller">${escapeHtml(result.sellingPartnerId)}</code> is connected. You can close this window.</p>`
      : `<h1>Amazon account authorized</h1><p>Give this one-time code to the platform to finish the connection (valid until ${escapeHtml(result.expiresAt)}):</p><p><code id="claim-code">${escapeHtml(result.claimCode)}</code></p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Amazon connection</title></head><body data-outcome="${result.outcome}">${body}</body></html>`;
}

/**
 * The browser-facing OAuth routes. They are public (Amazon redirects the seller's browser here)
 * and trust nothing but the single-use state and the signed setup link.
 */
@ApiTags('oauth')
@Public()
@UseFilters(ConnectionErrorFilter)
@Controller('oauth')
export class OAuthController {
  constructor(private readonly authorization: AuthorizationService) {}

  /** Amazon's redirect after consent (website and Appstore flows). */
  @Get('callback')
  async callback(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    noLeaks(res);
    const input: CallbackQuery = {
      state: first(query['state']),
      selling_partner_id: first(query['selling_partner_id']),
      spapi_oauth_code: first(query['spapi_oauth_code']),
      error: first(query['error']),
    };
    const result = await this.authorization.callback(input);
    if ((req.headers.accept ?? '').includes('text/html')) {
      res.status(200).type('text/html').send(resultPage(result));
      return;
    }
    res.status(200).json(result);
  }

  /** Appstore-initiated flow: Amazon opens this login URI; we send the seller back to Amazon with our state. */
  @Get('login')
  async login(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    noLeaks(res);
    const input: LoginQuery = {
      amazon_callback_uri: first(query['amazon_callback_uri']),
      amazon_state: first(query['amazon_state']),
      selling_partner_id: first(query['selling_partner_id']),
    };
    res.redirect(302, await this.authorization.appstoreLogin(input));
  }

  /** Opens a setup link: straight to the consent page with a fresh state. */
  @Get('setup')
  async setup(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    noLeaks(res);
    res.redirect(302, await this.authorization.openSetupLink(first(token)));
  }
}
