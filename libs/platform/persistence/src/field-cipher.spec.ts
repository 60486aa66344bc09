import { randomBytes } from 'node:crypto';
import { FieldCipher, FieldCipherError } from './field-cipher';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('FieldCipher', () => {
  it('encrypts to a different ciphertext each time and decrypts back', () => {
    const cipher = new FieldCipher({ k1 }, 'k1');
    const a = cipher.encrypt('Atzr|fake-token');
    const b = cipher.encrypt('Atzr|fake-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('fake-token');
    expect(cipher.decrypt(a)).toBe('Atzr|fake-token');
  });

  it('keeps reading old keys after rotation and flags values to re-encrypt', () => {
    const old = new FieldCipher({ k1 }, 'k1');
    const stored = old.encrypt('buyer street 1');
    const rotated = new FieldCipher({ k1, k2 }, 'k2');
    expect(rotated.needsRotation(stored)).toBe(true);
    const fresh = rotated.rotate(stored);
    expect(rotated.keyIdOf(fresh)).toBe('k2');
    expect(rotated.needsRotation(fresh)).toBe(false);
    expect(new FieldCipher({ k2 }, 'k2').decrypt(fresh)).toBe('buyer street 1');
  });

  it('detects tampering and unknown keys without revealing the value', () => {
    const cipher = new FieldCipher({ k1 }, 'k1');
    const stored = cipher.encrypt('secret');
    const parts = stored.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(FieldCipherError);
    expect(() => new FieldCipher({ k2 }, 'k2').decrypt(stored)).toThrow(/key k1 is not configured/);
    // The key id is bound as associated data: relabelling a ciphertext fails authentication.
    const relabelled = stored.replace('.k1.', '.k2.');
    expect(() => new FieldCipher({ k1, k2: k1 }, 'k1').decrypt(relabelled)).toThrow(/failed authentication/);
  });

  it('reads the FIELD_ENCRYPTION_KEYS format', () => {
    const cipher = FieldCipher.fromConfig(`a:${k1.toString('base64')},b:${k2.toString('base64')}`, 'b');
    expect(cipher.activeKey).toBe('b');
    expect(() => FieldCipher.fromConfig(`a:${Buffer.alloc(8).toString('base64')}`)).toThrow(/32 bytes/);
  });
});
