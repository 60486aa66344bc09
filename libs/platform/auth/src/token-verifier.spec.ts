import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { AuthError } from './auth.error';
import { TokenVerifier } from './token-verifier';

const SECRET = 'test-only-secret-test-only-secret-0001';
const INTERNAL = 'test-only-internal-token-0000000000001';
const verifier = new TokenVerifier({ AUTH_JWT_SECRET: SECRET, AUTH_TENANT_CLAIM: 'tenant_id', INTERNAL_API_TOKEN: INTERNAL });

function sign(claims: Record<string, unknown>, secret = SECRET, expiresIn = '5m'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(createSecretKey(Buffer.from(secret)));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return (error as AuthError).code;
  }
  throw new Error('expected a refusal');
}

describe('TokenVerifier', () => {
  it('returns the tenant of a valid token', async () => {
    await expect(verifier.verifyBearer(`Bearer ${await sign({ tenant_id: 'tenant-a' })}`)).resolves.toEqual({ tenantId: 'tenant-a', subject: 'user-1' });
  });

  it('refuses missing, forged, expired and tenant-less tokens with stable codes', async () => {
    expect(await refusal(verifier.verifyBearer(undefined))).toBe('AUTH_TOKEN_MISSING');
    expect(await refusal(verifier.verifyBearer(`Bearer ${await sign({ tenant_id: 'a' }, 'another-secret-another-secret-000001')}`))).toBe('AUTH_TOKEN_INVALID');
    expect(await refusal(verifier.verifyBearer(`Bearer ${await sign({ tenant_id: 'a' }, SECRET, '-1m')}`))).toBe('AUTH_TOKEN_INVALID');
    expect(await refusal(verifier.verifyBearer(`Bearer ${await sign({ role: 'admin' })}`))).toBe('AUTH_TENANT_MISSING');
  });

  it('answers a token without the tenant claim with 401, not 403', async () => {
    const error = await verifier.verifyBearer(`Bearer ${await sign({ role: 'admin' })}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(401);
  });

  it('verifies RS256 tokens with a configured public key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsa = new TokenVerifier({
      AUTH_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      AUTH_TENANT_CLAIM: 'tenant_id',
      INTERNAL_API_TOKEN: INTERNAL,
    });
    const token = await new SignJWT({ tenant_id: 'tenant-r' }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('5m').sign(privateKey);
    await expect(rsa.verifyBearer(`Bearer ${token}`)).resolves.toMatchObject({ tenantId: 'tenant-r' });
    // An HS256 token signed with the public key as a secret (algorithm confusion) is refused.
    const confused = await sign({ tenant_id: 'tenant-r' }, publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(await refusal(rsa.verifyBearer(`Bearer ${confused}`))).toBe('AUTH_TOKEN_INVALID');
  });

  it('checks the internal token', () => {
    expect(() => verifier.verifyInternal(INTERNAL)).not.toThrow();
    expect(() => verifier.verifyInternal('nope')).toThrow(AuthError);
    expect(() => verifier.verifyInternal(undefined)).toThrow(/x-internal-token/);
  });
});
