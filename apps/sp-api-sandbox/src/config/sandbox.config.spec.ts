import { loadSandboxConfig } from './sandbox.config';

describe('sandbox configuration', () => {
  it('defaults to port 4010 and a one-hour token lifetime', () => {
    expect(loadSandboxConfig({})).toMatchObject({ PORT: 4010, SANDBOX_TOKEN_TTL_SECONDS: 3600, SANDBOX_SEED: 'sandbox' });
  });

  it('listens on loopback unless told otherwise: its admin API is unauthenticated', () => {
    expect(loadSandboxConfig({}).SANDBOX_HOST).toBe('127.0.0.1');
    expect(loadSandboxConfig({ SANDBOX_HOST: '0.0.0.0' }).SANDBOX_HOST).toBe('0.0.0.0');
  });

  it('fails naming every bad variable', () => {
    expect(() => loadSandboxConfig({ PORT: 'eighty', SANDBOX_TOKEN_TTL_SECONDS: '0' })).toThrow(/PORT[\s\S]*SANDBOX_TOKEN_TTL_SECONDS/);
  });
});
