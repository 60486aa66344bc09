import { loadConfig } from '@amazon-channel/platform-config';
import { authConnectionsConfig } from '../config/auth-connections.config';
import { resolveConnectionSettings } from './connection-settings';

// The environment of the test process is left out: only what each case states counts.
const loadAuthConnectionsConfig = (env: Record<string, string>) => loadConfig(authConnectionsConfig, { PORT: '3001', ...env });

const BASE = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  BUS_DRIVER: 'in-process',
  AUTH_JWT_SECRET: 'test-only-jwt-secret-settings-spec-0001',
  INTERNAL_API_TOKEN: 'test-only-internal-token-settings-spec-01',
  FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('resolveConnectionSettings', () => {
  it('works under `npm start` with only the variables tools/start.js sets: sandbox app, sandbox consent page', () => {
    const settings = resolveConnectionSettings(
      loadAuthConnectionsConfig({ ...BASE, PORT: '3001', SP_API_ENDPOINT: 'http://127.0.0.1:4010', LWA_TOKEN_URL: 'http://127.0.0.1:4010/auth/o2/token' }),
    );
    expect(settings.sellerCentralUrl).toBe('http://127.0.0.1:4010');
    expect(settings.redirectUri).toBe('http://localhost:3001/oauth/callback');
    expect(settings.endpoints).toEqual({ NA: 'http://127.0.0.1:4010', EU: 'http://127.0.0.1:4010', FE: 'http://127.0.0.1:4010' });
    expect(settings.apps.NA).toMatchObject({ clientId: 'amzn1.application-oa2-client.sandboxdemo', applicationId: 'amzn1.sp.solution.sandboxdemo' });
    expect(settings.appDraft).toBe(true);
    expect(settings.stateTtlMs).toBe(600_000);
  });

  it('uses Amazon hosts, Seller Central and per-region apps in production', () => {
    const settings = resolveConnectionSettings(
      loadAuthConnectionsConfig({
        ...BASE,
        AUTH_CONNECTIONS_PUBLIC_URL: 'https://connect.example.com/',
        OAUTH_APP_DRAFT: 'false',
        LWA_CLIENT_ID: 'amzn1.application-oa2-client.na',
        LWA_CLIENT_SECRET: 'na-secret',
        LWA_CLIENT_ID_EU: 'amzn1.application-oa2-client.eu',
        LWA_CLIENT_SECRET_EU: 'eu-secret',
        LWA_CLIENT_SECRET_ISSUED_AT_EU: '2026-01-01',
      }),
    );
    expect(settings.sellerCentralUrl).toBeNull();
    expect(settings.redirectUri).toBe('https://connect.example.com/oauth/callback');
    expect(settings.endpoints.EU).toBe('https://sellingpartnerapi-eu.amazon.com');
    expect(settings.apps.EU).toMatchObject({ clientId: 'amzn1.application-oa2-client.eu', clientSecret: 'eu-secret', secretIssuedAt: new Date('2026-01-01') });
    expect(settings.apps.FE).toMatchObject({ clientId: 'amzn1.application-oa2-client.na', secretIssuedAt: null });
    expect(settings.appDraft).toBe(false);
  });

  it('names a bad variable at start-up', () => {
    expect(() => loadAuthConnectionsConfig({ ...BASE, SELLER_CENTRAL_URL: 'not a url' })).toThrow(/SELLER_CENTRAL_URL/);
    expect(() => loadAuthConnectionsConfig({ ...BASE, APPSTORE_DEFAULT_REGION: 'XX' })).toThrow(/APPSTORE_DEFAULT_REGION/);
  });
});
