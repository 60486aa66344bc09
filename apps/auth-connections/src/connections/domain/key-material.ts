/**
 * The active key's bytes from `FIELD_ENCRYPTION_KEYS` (`keyId:base64,...`), used only as input to
 * derive other keys (setup-link signatures); it never signs or encrypts anything itself.
 */
export function activeKeyMaterial(keys: string, activeKeyId?: string): Buffer {
  const pairs = keys.split(',').map((pair) => pair.split(':') as [string, string | undefined]);
  const active = pairs.find(([id]) => id === (activeKeyId ?? pairs[0]?.[0]));
  return Buffer.from(active?.[1] ?? '', 'base64');
}
