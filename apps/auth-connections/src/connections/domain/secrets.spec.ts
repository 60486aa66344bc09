import { hashSecret, randomSecret, SetupLinkSigner } from './secrets';

describe('single-use secrets', () => {
  it('are long, random and stored only as a hash', () => {
    const a = randomSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret()).not.toBe(a);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).not.toContain(a);
  });
});

describe('SetupLinkSigner', () => {
  const signer = new SetupLinkSigner(Buffer.alloc(32, 7));
  const claims = { tenantId: 'tenant-a', connectionId: 'c-1', expiresAt: 2_000 };

  it('accepts its own link until it expires', () => {
    const token = signer.sign(claims);
    expect(signer.verify(token, 1_999)).toEqual(claims);
    expect(signer.verify(token, 2_000)).toBe('EXPIRED');
  });

  it('refuses links that were altered or signed with another key', () => {
    const token = signer.sign(claims);
    const [body, mac] = token.split('.');
    const otherBody = Buffer.from(JSON.stringify({ t: 'tenant-b', c: 'c-1', e: 2_000 })).toString('base64url');
    expect(signer.verify(`${otherBody}.${mac}`, 0)).toBe('INVALID');
    expect(signer.verify(`${body}.${mac}x`, 0)).toBe('INVALID');
    expect(new SetupLinkSigner(Buffer.alloc(32, 8)).verify(token, 0)).toBe('INVALID');
    expect(signer.verify('garbage', 0)).toBe('INVALID');
  });
});
