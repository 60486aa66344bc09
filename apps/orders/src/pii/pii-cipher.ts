import type { FieldCipher } from '@amazon-channel/platform-persistence';
import type { CandidatePii } from './buyer-data';

/** DI token of the service's FieldCipher (built from FIELD_ENCRYPTION_KEYS). */
export const FIELD_CIPHER = Symbol('FIELD_CIPHER');

/** The encrypted columns of `order_pii`. */
export interface EncryptedPii {
  buyerName: string | null;
  buyerEmail: string | null;
  shippingName: string | null;
  shippingPhone: string | null;
  shippingAddress: string | null;
}

/** Encrypts each PII value on its own (AES-256-GCM), so a column never holds clear text. */
export function encryptPii(cipher: FieldCipher, pii: CandidatePii): EncryptedPii {
  const enc = (value: string | null) => (value === null ? null : cipher.encrypt(value));
  return {
    buyerName: enc(pii.buyerName),
    buyerEmail: enc(pii.buyerEmail),
    shippingName: enc(pii.shippingName),
    shippingPhone: enc(pii.shippingPhone),
    shippingAddress: pii.shippingAddress ? cipher.encrypt(JSON.stringify(pii.shippingAddress)) : null,
  };
}

/** Decrypts a stored row back to buyer data. */
export function decryptPii(cipher: FieldCipher, row: EncryptedPii): CandidatePii {
  const dec = (value: string | null) => (value === null ? null : cipher.decrypt(value));
  return {
    buyerName: dec(row.buyerName),
    buyerEmail: dec(row.buyerEmail),
    shippingName: dec(row.shippingName),
    shippingPhone: dec(row.shippingPhone),
    shippingAddress: row.shippingAddress ? (JSON.parse(cipher.decrypt(row.shippingAddress)) as Record<string, string>) : null,
  };
}

/** Whether any buyer data is present. */
export function hasPii(pii: CandidatePii): boolean {
  return Boolean(pii.buyerName || pii.buyerEmail || pii.shippingName || pii.shippingPhone || pii.shippingAddress);
}
