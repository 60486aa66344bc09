import { FieldCipher } from '@amazon-channel/platform-persistence';
import { SpApiClientFactory, UndiciHttpTransport } from '@amazon-channel/sp-api';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AuthConnectionsConfig } from '../config/auth-connections.config';
import { AccessTokenService } from './access-token.service';
import { AuthorizationService } from './authorization.service';
import { CONNECTION_SETTINGS, resolveConnectionSettings, type ConnectionSettings } from './connection-settings';
import { ConnectionTestService } from './connection-test.service';
import { ConnectionsController } from './connections.controller';
import { ConnectionsRepository, FIELD_CIPHER } from './connections.repository';
import { ConnectionsService } from './connections.service';
import { activeKeyMaterial } from './domain/key-material';
import { SetupLinkSigner } from './domain/secrets';
import { ConnectionsGrpcServer } from './grpc/connections-grpc.server';
import { InternalController } from './internal.controller';
import { LifecycleService } from './lifecycle.service';
import { ConnectionMetrics } from './connection-metrics';
import { LwaApps } from './lwa/lwa-apps';
import { LwaHealthController } from './lwa-health.controller';
import { OAuthController } from './oauth.controller';

/** Connections, OAuth flows, the credential vault and the token service. */
@Module({})
export class ConnectionsModule {
  static register(config: AuthConnectionsConfig): DynamicModule {
    const transport = new UndiciHttpTransport();
    return {
      module: ConnectionsModule,
      controllers: [ConnectionsController, OAuthController, InternalController, LwaHealthController],
      providers: [
        { provide: CONNECTION_SETTINGS, useValue: resolveConnectionSettings(config) },
        { provide: FIELD_CIPHER, useValue: FieldCipher.fromConfig(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY_ID) },
        { provide: SetupLinkSigner, useValue: new SetupLinkSigner(activeKeyMaterial(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY_ID)) },
        {
          provide: LwaApps,
          useFactory: (settings: ConnectionSettings, cipher: FieldCipher) => new LwaApps(settings, cipher, transport),
          inject: [CONNECTION_SETTINGS, FIELD_CIPHER],
        },
        {
          provide: SpApiClientFactory,
          useFactory: (settings: ConnectionSettings) =>
            new SpApiClientFactory({ baseUrls: settings.endpoints, transport, userAgent: 'amazon-channel-auth-connections/1.0 (Language=TypeScript)' }),
          inject: [CONNECTION_SETTINGS],
        },
        ConnectionsRepository,
        ConnectionsService,
        AuthorizationService,
        AccessTokenService,
        ConnectionTestService,
        LifecycleService,
        ConnectionMetrics,
        ConnectionsGrpcServer,
      ],
      exports: [ConnectionsGrpcServer, AccessTokenService, LifecycleService, LwaApps],
    };
  }
}
