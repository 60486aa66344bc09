import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { baseUrlOf, queryString, readBody } from '../core/http';
import { ConsentError, ConsentService } from './consent.service';
import { consentErrorPage, consentPage } from './consent-page';

/** Seller Central's authorization pages (website and Appstore-initiated workflows). */
@Controller('apps/authorize')
export class ConsentController {
  constructor(@Inject(ConsentService) private readonly consent: ConsentService) {}

  private run(res: Response, action: () => void): void {
    // The OAuth code travels in URLs: keep it out of Referer headers.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    try {
      action();
    } catch (e) {
      if (!(e instanceof ConsentError)) throw e;
      res.status(400).type('text/html').send(consentErrorPage(e.code, e.message));
    }
  }

  @Get('consent')
  page(@Req() req: Request, @Res() res: Response): void {
    this.run(res, () => {
      const model = this.consent.begin({
        application_id: queryString(req, 'application_id'),
        state: queryString(req, 'state'),
        version: queryString(req, 'version'),
        redirect_uri: queryString(req, 'redirect_uri'),
      });
      res.status(200).type('text/html').send(consentPage(model));
    });
  }

  @Post('consent')
  async submit(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = Object.fromEntries(new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8')));
    this.run(res, () => res.redirect(302, this.consent.decide(form)));
  }

  /** Sandbox stand-in for the Appstore's "Authorize now" button. */
  @Get('start')
  start(@Req() req: Request, @Res() res: Response): void {
    this.run(res, () =>
      res.redirect(
        302,
        this.consent.startFromAppstore(baseUrlOf(req), {
          application_id: queryString(req, 'application_id'),
          selling_partner_id: queryString(req, 'selling_partner_id'),
          version: queryString(req, 'version'),
        }),
      ),
    );
  }

  @Get('confirm/:applicationId')
  confirm(@Param('applicationId') applicationId: string, @Req() req: Request, @Res() res: Response): void {
    this.run(res, () =>
      res.redirect(
        302,
        this.consent.completeFromAppstore(applicationId, {
          amazon_state: queryString(req, 'amazon_state'),
          state: queryString(req, 'state'),
          redirect_uri: queryString(req, 'redirect_uri'),
          version: queryString(req, 'version'),
        }),
      ),
    );
  }
}
