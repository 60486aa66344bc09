import { FieldCipher } from '@amazon-channel/platform-persistence';
import type { HttpTransport, TransportRequest } from '@amazon-channel/sp-api';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import type { ConnectionSettings } from '../connection-settings';
import { LwaApps } from './lwa-apps';

const cipher = new FieldCipher({ k1: Buffer.alloc(32, 3) }, 'k1');

function settings(clientSecret: string): ConnectionSettings {
  const app = (region: 'NA' | 'EU' | 'FE') => ({ region, clientId: `client-${region}`, clientSecret, applicationId: `app-${region}`, secretIssuedAt: null });
  return {
    publicUrl: 'http://localhost:3001',
    redirectUri: 'http://localhost:3001/oauth/callback',
    appDraft: true,
    stateTtlMs: 600_000,
    setupLinkTtlMs: 3_600_000,
    sellerCentralUrl: null,
    lwaTokenUrl: 'http://lwa.test/auth/o2/token',
    endpoints: { NA: 'http://na', EU: 'http://eu', FE: 'http://fe' },
    apps: { NA: app('NA'), EU: app('EU'), FE: app('FE') },
    appstoreDefaultRegion: 'NA',
    reauthorizationNoticeDays: 30,
  };
}

function recordingTransport(): { transport: HttpTransport; requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  const body = JSON.stringify({ access_token: 'Atza|x', expires_in: 3600, token_type: 'bearer' });
  return {
    requests,
    transport: {
      send: (request) => {
        requests.push(request);
        return Promise.resolve({ status: 200, header: () => undefined, body: Readable.from([]), text: () => Promise.resolve(body) });
      },
    },
  };
}

describe('LwaApps', () => {
  it('opens a client secret configured as ciphertext and sends LWA the plain secret', async () => {
    const { transport, requests } = recordingTransport();
    const apps = new LwaApps(settings(cipher.encrypt('the-real-secret')), cipher, transport);
    await apps.client('EU').refresh('Atzr|r');
    const form = new URLSearchParams(requests[0]?.body as string);
    expect(form.get('client_secret')).toBe('the-real-secret');
    expect(form.get('client_id')).toBe('client-EU');
    expect(apps.applicationId('FE')).toBe('app-FE');
  });

  it('never shows a secret when logged', () => {
    const apps = new LwaApps(settings('plain-secret-value'), cipher, recordingTransport().transport);
    expect(`${JSON.stringify(apps)} ${inspect(apps, { depth: 6 })}`).not.toContain('plain-secret-value');
  });
});
