import { z } from 'zod';

/**
 * How callers prove who they are. Platform users: a bearer JWT naming the tenant, verified with a
 * public key (RS256/ES256, production) or a shared secret (HS256, development). Internal callers
 * (other services): a shared token in `x-internal-token`.
 */
export const authConfig = z
  .object({
    AUTH_JWT_PUBLIC_KEY: z.string().startsWith('-----BEGIN PUBLIC KEY-----').optional(),
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_JWT_ISSUER: z.string().min(1).optional(),
    AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
    /** The claim that names the tenant. */
    AUTH_TENANT_CLAIM: z.string().min(1).default('tenant_id'),
    INTERNAL_API_TOKEN: z.string().min(32, 'must be at least 32 characters'),
    /** Base URL of auth-connections: its internal routes rebuild the connections projection. */
    AUTH_CONNECTIONS_URL: z.url().default('http://127.0.0.1:3001'),
  })
  .refine((c) => Boolean(c.AUTH_JWT_PUBLIC_KEY) !== Boolean(c.AUTH_JWT_SECRET), {
    message: 'set exactly one of AUTH_JWT_PUBLIC_KEY and AUTH_JWT_SECRET',
    path: ['AUTH_JWT_PUBLIC_KEY'],
  });
/** Parsed {@link authConfig}. */
export type AuthConfig = z.infer<typeof authConfig>;
