import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ctx, validate } from '../core/http';
import { SandboxError } from '../core/sandbox-error';
import { SandboxState } from '../state/sandbox-state';

const rdtSchema = z.object({
  targetApplication: z.string().min(1).optional(),
  restrictedResources: z
    .array(
      z.object({
        method: z.enum(['GET', 'PUT', 'POST', 'DELETE']),
        path: z.string().regex(/^\//, 'must be an absolute path'),
        dataElements: z.array(z.enum(['buyerInfo', 'shippingAddress', 'buyerTaxInformation'])).optional(),
      }),
    )
    .min(1)
    .max(50),
});

/** RDTs live one hour, like Amazon's. */
const RDT_TTL_SECONDS = 3600;

/** Tokens 2021-03-01 `createRestrictedDataToken`. */
@Controller('tokens/2021-03-01')
export class TokensController {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  @Post('restrictedDataToken')
  @HttpCode(200)
  create(@Req() req: Request) {
    const c = ctx(req);
    const body = validate(rdtSchema, req.body, 'body');
    if (body.targetApplication && !this.state.auth.appByApplicationId(body.targetApplication) && !/^amzn1\.sellerapps\.app\./.test(body.targetApplication)) {
      throw SandboxError.invalid('targetApplication', `Unknown target application ${body.targetApplication}.`);
    }
    const now = this.state.clock.now();
    const rdt = this.state.auth.issueAccessToken(
      {
        clientId: c.clientId,
        sellingPartnerId: c.seller.sellingPartnerId,
        expiresMs: now + RDT_TTL_SECONDS * 1000,
        restricted: body.restrictedResources.map((r) => ({ method: r.method, path: r.path })),
      },
      now,
      'Atz.sprdt|',
    );
    return { restrictedDataToken: rdt.token, expiresIn: RDT_TTL_SECONDS };
  }
}
