import { z } from 'zod';
import { busConfig, databaseConfig, encryptionConfig, httpConfig, rolesConfig } from './fragments';
import { ConfigError } from './config-error';
import { loadConfig, maskConfig } from './load-config';

const schema = httpConfig.extend(databaseConfig.shape).extend(rolesConfig.shape).and(busConfig);

describe('loadConfig', () => {
  it('parses a valid environment with defaults', () => {
    const config = loadConfig(schema, { PORT: '3003', DATABASE_URL: 'postgres://x@h/db', BUS_DRIVER: 'in-process' });
    expect(config.PORT).toBe(3003);
    expect(config.LOG_LEVEL).toBe('info');
    // Loopback unless told otherwise: dev secrets must not be reachable from the network.
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.APP_ROLES).toEqual(['api', 'consumer', 'worker']);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', BUS_DRIVER: 'in-process', APP_ROLES: 'api,cook' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).toMatch(/APP_ROLES/);
  });

  it('requires Kafka brokers only when the kafka driver is chosen', () => {
    expect(() => loadConfig(busConfig, { BUS_DRIVER: 'kafka' })).toThrow(/KAFKA_BROKERS/);
    expect(loadConfig(busConfig, { BUS_DRIVER: 'kafka', KAFKA_BROKERS: '127.0.0.1:9092' })).toMatchObject({
      KAFKA_REQUEST_TIMEOUT_MS: 5000,
    });
    expect(() => loadConfig(busConfig, { BUS_DRIVER: 'rabbit' })).toThrow(ConfigError);
  });

  it('rejects encryption keys of the wrong length without echoing them', () => {
    const shortKey = Buffer.alloc(16).toString('base64');
    let message = '';
    try {
      loadConfig(encryptionConfig, { FIELD_ENCRYPTION_KEYS: `k1:${shortKey}` });
    } catch (caught) {
      message = (caught as Error).message;
    }
    expect(message).toMatch(/FIELD_ENCRYPTION_KEYS: every key must be 32 bytes/);
    expect(message).not.toContain(shortKey);
  });

  it('masks secrets for the start-up log', () => {
    expect(maskConfig({ PORT: 1, LWA_CLIENT_SECRET: 's', DATABASE_URL: 'postgres://u:p@h/d' })).toEqual({
      PORT: 1,
      LWA_CLIENT_SECRET: '***',
      DATABASE_URL: '***',
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig(z.object({ A: z.string().default('d') }), { A: '' })).toEqual({ A: 'd' });
  });
});
