import { parseFieldKeys } from '@amazon-channel/platform-persistence';
import { createHmac, hkdfSync } from 'node:crypto';

/** DI token of the service's {@link AddressFingerprint} (keyed from FIELD_ENCRYPTION_KEYS). */
export const ADDRESS_FINGERPRINT = Symbol('ADDRESS_FINGERPRINT');

/** Address fields in the order they are fingerprinted; a field's absence is part of the address. */
const FIELDS = ['company', 'addressLine1', 'addressLine2', 'addressLine3', 'city', 'stateOrRegion', 'postalCode', 'countryCode'] as const;
const HKDF_INFO = 'orders/shipping-address-fingerprint/v1';

/**
 * Keyed fingerprints (HMAC-SHA-256) of normalised shipping addresses, stored next to the encrypted
 * address so a re-read can tell whether the address changed without decrypting it. Keyed, not a
 * plain hash: addresses are guessable, so an unkeyed digest would let anyone with the table
 * confirm a guessed address. Each field-encryption key derives its own HMAC key; a fingerprint
 * names its key (`<keyId>.<digest>`) so it stays comparable after the active key rotates.
 */
export class AddressFingerprint {
  private readonly keys: Map<string, Buffer>;

  constructor(
    fieldKeys: Record<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    this.keys = new Map(Object.entries(fieldKeys).map(([id, key]) => [id, Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), HKDF_INFO, 32))]));
    if (!this.keys.has(activeKeyId)) throw new Error(`Active key ${activeKeyId} is not configured`);
  }

  /** Reads `FIELD_ENCRYPTION_KEYS` with the parser FieldCipher uses. */
  static fromConfig(keys: string, activeKeyId?: string): AddressFingerprint {
    const parsed = parseFieldKeys(keys, activeKeyId);
    return new AddressFingerprint(parsed.keys, parsed.activeKeyId);
  }

  /** The fingerprint of an address under the active key; null for no address. */
  of(address: Record<string, string> | null): string | null {
    return this.under(this.activeKeyId, address);
  }

  /**
   * Whether `address` differs from the one `stored` was computed from: true or false, or null when
   * that cannot be told (no stored fingerprint, or its key is no longer configured).
   */
  differs(stored: string | null, address: Record<string, string> | null): boolean | null {
    if (stored === null) return null;
    const keyId = stored.slice(0, stored.indexOf('.'));
    if (!this.keys.has(keyId)) return null;
    return this.under(keyId, address) !== stored;
  }

  private under(keyId: string, address: Record<string, string> | null): string | null {
    const normalised = normaliseAddress(address);
    if (normalised === null) return null;
    return `${keyId}.${createHmac('sha256', this.keys.get(keyId) as Buffer)
      .update(normalised)
      .digest('base64url')}`;
  }
}

/**
 * The address as one canonical string: Unicode NFKC, trimmed, inner whitespace collapsed and upper
 * case, so changes of spelling that no carrier cares about ("main st" / "Main St ") are no change.
 */
export function normaliseAddress(address: Record<string, string> | null): string | null {
  if (!address) return null;
  const parts = FIELDS.map((field) => {
    let value = (address[field] ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
    if (field === 'postalCode') value = value.replace(/ /g, '');
    return value;
  });
  return parts.some((part) => part !== '') ? JSON.stringify(parts) : null;
}
