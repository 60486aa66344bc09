import { createSecretKey, timingSafeEqual } from 'node:crypto';
import { importSPKI, jwtVerify, type KeyLike } from 'jose';
import type { AuthConfig } from './auth.config';
import { AuthError } from './auth.error';

/** Who is calling: the tenant and the token's subject. */
export interface Caller {
  tenantId: string;
  subject: string | null;
}

/** Verifies platform JWTs and internal tokens; framework-free so guards and gRPC share it. */
export class TokenVerifier {
  private key?: Promise<KeyLike | Uint8Array>;

  constructor(private readonly config: Omit<AuthConfig, 'AUTH_CONNECTIONS_URL'>) {}

  /** Verifies `Authorization: Bearer <jwt>` and returns the caller; throws {@link AuthError}. */
  async verifyBearer(header: string | undefined): Promise<Caller> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new AuthError('AUTH_TOKEN_MISSING', 'A bearer token is required');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(match[1], await this.verificationKey(), {
        issuer: this.config.AUTH_JWT_ISSUER,
        audience: this.config.AUTH_JWT_AUDIENCE,
        algorithms: this.config.AUTH_JWT_SECRET ? ['HS256'] : ['RS256', 'ES256', 'PS256', 'EdDSA'],
      }));
    } catch (error) {
      throw new AuthError('AUTH_TOKEN_INVALID', `The bearer token was refused (${(error as { code?: string }).code ?? 'invalid'})`);
    }
    const tenant = payload[this.config.AUTH_TENANT_CLAIM];
    if (typeof tenant !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(tenant)) {
      throw new AuthError('AUTH_TENANT_MISSING', `The token has no valid ${this.config.AUTH_TENANT_CLAIM} claim`);
    }
    return { tenantId: tenant, subject: typeof payload.sub === 'string' ? payload.sub : null };
  }

  /** Checks the shared internal token in constant time; throws {@link AuthError}. */
  verifyInternal(token: string | undefined): void {
    const expected = Buffer.from(this.config.INTERNAL_API_TOKEN);
    const given = Buffer.from(token ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AuthError('INTERNAL_TOKEN_INVALID', 'Internal routes need a valid x-internal-token');
    }
  }

  private verificationKey(): Promise<KeyLike | Uint8Array> {
    this.key ??= this.config.AUTH_JWT_SECRET
      ? Promise.resolve(createSecretKey(Buffer.from(this.config.AUTH_JWT_SECRET)))
      : importSPKI(this.config.AUTH_JWT_PUBLIC_KEY as string, 'RS256').catch(() => importSPKI(this.config.AUTH_JWT_PUBLIC_KEY as string, 'ES256'));
    return this.key;
  }
}
