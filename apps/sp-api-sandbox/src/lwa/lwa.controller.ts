import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { readBody } from '../core/http';
import { LwaError, LwaErrorCode } from './lwa-error';
import { LwaService } from './lwa.service';

/** `POST /auth/o2/token`: Login with Amazon's token endpoint (form or JSON body). */
@Controller('auth/o2')
export class LwaController {
  constructor(@Inject(LwaService) private readonly lwa: LwaService) {}

  @Post('token')
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const form = await parseForm(req);
      res.status(200).json(this.lwa.token(form));
    } catch (e) {
      if (!(e instanceof LwaError)) throw e;
      res.status(e.status).json({ error: e.code, error_description: e.description });
    }
  }
}

async function parseForm(req: Request): Promise<Record<string, string | undefined>> {
  const raw = (await readBody(req, 64 * 1024)).toString('utf8');
  let form: Record<string, string | undefined> = {};
  if (/json/i.test(req.header('content-type') ?? '')) {
    try {
      const parsed: unknown = JSON.parse(raw || '{}');
      if (parsed && typeof parsed === 'object') {
        form = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
      }
    } catch {
      throw new LwaError(LwaErrorCode.InvalidRequest, 'The request body is not valid JSON');
    }
  } else {
    form = Object.fromEntries(new URLSearchParams(raw));
  }
  // Clients may authenticate with HTTP Basic instead of body fields (RFC 6749 §2.3.1).
  const basic = /^Basic\s+(.+)$/i.exec(req.header('authorization') ?? '');
  if (basic && !form['client_id']) {
    const [id, secret] = Buffer.from(basic[1] as string, 'base64')
      .toString('utf8')
      .split(':');
    form['client_id'] = decodeURIComponent(id ?? '');
    form['client_secret'] = decodeURIComponent(secret ?? '');
  }
  return form;
}
