import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

/** Why a value could not be encrypted or decrypted; never includes the value itself. */
export class FieldCipherError extends Error {
  constructor(
    readonly code: 'UNKNOWN_KEY' | 'MALFORMED_CIPHERTEXT' | 'TAMPERED' | 'INVALID_KEYS',
    message: string,
  ) {
    super(message);
    this.name = 'FieldCipherError';
  }
}

/**
 * AES-256-GCM field encryption with key ids, for refresh tokens, client secrets and buyer PII.
 * Ciphertext is `v1.<keyId>.<iv>.<tag>.<data>` (base64url parts), so old keys keep decrypting
 * while new writes use the active key, and a rotation job can find rows still on an old key.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: Record<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    this.keys = new Map(Object.entries(keys));
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new FieldCipherError('INVALID_KEYS', `Key ${id} must be 32 bytes`);
      if (id.includes('.')) throw new FieldCipherError('INVALID_KEYS', `Key id ${id} must not contain a dot`);
    }
    if (!this.keys.has(activeKeyId)) throw new FieldCipherError('INVALID_KEYS', `Active key ${activeKeyId} is not configured`);
  }

  /**
   * Reads the `FIELD_ENCRYPTION_KEYS` format (`keyId:base64,keyId:base64`).
   * @param activeKeyId defaults to the first key listed.
   */
  static fromConfig(keys: string, activeKeyId?: string): FieldCipher {
    const parsed = parseFieldKeys(keys, activeKeyId);
    return new FieldCipher(parsed.keys, parsed.activeKeyId);
  }

  /** The key id new values are encrypted with. */
  get activeKey(): string {
    return this.activeKeyId;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId) as Buffer, iv);
    cipher.setAAD(Buffer.from(`${FORMAT}.${this.activeKeyId}`));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.activeKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(ciphertext: string): string {
    const parts = ciphertext.split('.');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new FieldCipherError('MALFORMED_CIPHERTEXT', 'Not a v1 encrypted field');
    const [, keyId, iv, tag, data] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new FieldCipherError('UNKNOWN_KEY', `Encryption key ${keyId} is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${FORMAT}.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCipherError('TAMPERED', `Encrypted field failed authentication (key ${keyId})`);
    }
  }

  /** The key id a ciphertext was written with. */
  keyIdOf(ciphertext: string): string {
    return ciphertext.split('.')[1] ?? '';
  }

  /** Whether a value is on an older key and should be re-encrypted by the rotation command. */
  needsRotation(ciphertext: string): boolean {
    return this.keyIdOf(ciphertext) !== this.activeKeyId;
  }

  /** Decrypts with whatever key wrote it and encrypts under the active key. */
  rotate(ciphertext: string): string {
    return this.encrypt(this.decrypt(ciphertext));
  }
}

/**
 * Reads `FIELD_ENCRYPTION_KEYS` (`keyId:base64,keyId:base64`, the first key active unless named):
 * one parser for every user of the field keys (the cipher, keyed fingerprints).
 */
export function parseFieldKeys(keys: string, activeKeyId?: string): { keys: Record<string, Buffer>; activeKeyId: string } {
  const pairs = keys.split(',').map((pair) => {
    const [id, material] = pair.split(':');
    return [id ?? '', Buffer.from(material ?? '', 'base64')] as const;
  });
  return { keys: Object.fromEntries(pairs), activeKeyId: activeKeyId ?? pairs[0]?.[0] ?? '' };
}
