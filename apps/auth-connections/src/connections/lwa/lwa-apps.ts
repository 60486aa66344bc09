import type { FieldCipher } from '@amazon-channel/platform-persistence';
import { AccessTokenCache, LwaClient, type HttpTransport, type SpApiRegion, type TransportRequest, type TransportResponse } from '@amazon-channel/sp-api';
import { inspect } from 'node:util';
import type { ConnectionSettings } from '../connection-settings';
import { lwaRequestsCounter } from './lwa-metrics';

/**
 * Counts every LWA request by grant and status (the grant is read from the form; nothing else of
 * the body is looked at, and nothing is logged).
 */
export class CountingTransport implements HttpTransport {
  constructor(
    private readonly inner: HttpTransport,
    private readonly region: SpApiRegion,
  ) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    const grant = typeof request.body === 'string' ? (new URLSearchParams(request.body).get('grant_type') ?? 'unknown') : 'unknown';
    try {
      const response = await this.inner.send(request);
      lwaRequestsCounter.inc({ region: this.region, grant, status: String(response.status) });
      return response;
    } catch (error) {
      lwaRequestsCounter.inc({ region: this.region, grant, status: 'network' });
      throw error;
    }
  }
}

/** A ciphertext written by FieldCipher (`v1.<keyId>.<iv>.<tag>.<data>`). */
function isCiphertext(value: string): boolean {
  return /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
}

/**
 * The app's LWA clients, one per region, and the process-wide access-token cache they share.
 * Client secrets may be configured encrypted; they are opened here and live only inside the clients.
 */
export class LwaApps {
  readonly cache = new AccessTokenCache();
  private readonly clients = new Map<SpApiRegion, LwaClient>();

  constructor(
    private readonly settings: ConnectionSettings,
    cipher: FieldCipher,
    transport: HttpTransport,
  ) {
    for (const app of Object.values(settings.apps)) {
      const clientSecret = isCiphertext(app.clientSecret) ? cipher.decrypt(app.clientSecret) : app.clientSecret;
      this.clients.set(app.region, new LwaClient(new CountingTransport(transport, app.region), settings.lwaTokenUrl, { clientId: app.clientId, clientSecret }));
    }
  }

  /** The LWA client of a region. */
  client(region: SpApiRegion): LwaClient {
    return this.clients.get(region) as LwaClient;
  }

  /** The application id (consent URLs) of a region's app. */
  applicationId(region: SpApiRegion): string {
    return this.settings.apps[region].applicationId;
  }

  toJSON(): Record<string, unknown> {
    return { regions: [...this.clients.keys()] };
  }

  [inspect.custom](): string {
    return `LwaApps ${JSON.stringify(this.toJSON())}`;
  }
}
