import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe, single-use value (OAuth state, claim code): 256 bits. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a single-use value, so a database reader cannot use it. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Claims of a setup link: which connection, whose, until when. */
export interface SetupLinkClaims {
  tenantId: string;
  connectionId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Why a setup link was refused. */
export type SetupLinkRefusal = 'INVALID' | 'EXPIRED';

/**
 * Signs and verifies setup links: `<base64url(json claims)>.<base64url(HMAC-SHA256)>`. Stateless,
 * so a link works without a platform login until it expires; the signature makes it unforgeable.
 */
export class SetupLinkSigner {
  private readonly key: Buffer;

  constructor(keyMaterial: Buffer) {
    // A derived key: the encryption key itself never signs anything.
    this.key = createHmac('sha256', keyMaterial).update('auth-connections/setup-link/v1').digest();
  }

  sign(claims: SetupLinkClaims): string {
    const body = Buffer.from(JSON.stringify({ t: claims.tenantId, c: claims.connectionId, e: claims.expiresAt })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string, now: number): SetupLinkClaims | SetupLinkRefusal {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return 'INVALID';
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'INVALID';
    let parsed: { t?: unknown; c?: unknown; e?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof parsed;
    } catch {
      return 'INVALID';
    }
    if (typeof parsed.t !== 'string' || typeof parsed.c !== 'string' || typeof parsed.e !== 'number') return 'INVALID';
    if (parsed.e <= now) return 'EXPIRED';
    return { tenantId: parsed.t, connectionId: parsed.c, expiresAt: parsed.e };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
