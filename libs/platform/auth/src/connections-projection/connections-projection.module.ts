import { Module, type DynamicModule } from '@nestjs/common';
import { ConnectionOwnership } from './connection-ownership';
import { ConnectionsProjectionConsumer } from './connections-projection.consumer';
import { ConnectionsProjectionRebuild } from './connections-projection.rebuild';
import { ConnectionsProjectionRepository } from './connections-projection.repository';
import { CONNECTIONS_PROJECTION_OPTIONS, type ConnectionsProjectionOptions } from './connections-projection.options';

/**
 * The service's projection of auth-connections' connections and the tenant check built on it.
 * Global: the {@link AuthGuard} checks a `:connectionId` route parameter with it, and controllers
 * and consumers inject {@link ConnectionOwnership} for ids in bodies, queries and events. The
 * service lists {@link ConnectionProjectionEntity} among its entities and adds the table with
 * {@link connectionsProjectionV1} in a migration of its own.
 * @example ConnectionsProjectionModule.forRoot({ serviceName: 'listings', authConnectionsUrl: config.AUTH_CONNECTIONS_URL, internalToken: config.INTERNAL_API_TOKEN })
 */
@Module({})
export class ConnectionsProjectionModule {
  static forRoot(options: ConnectionsProjectionOptions): DynamicModule {
    return {
      module: ConnectionsProjectionModule,
      global: true,
      controllers: [ConnectionsProjectionConsumer],
      providers: [
        { provide: CONNECTIONS_PROJECTION_OPTIONS, useValue: options },
        ConnectionsProjectionRepository,
        ConnectionOwnership,
        ConnectionsProjectionRebuild,
      ],
      exports: [ConnectionOwnership, ConnectionsProjectionRepository, ConnectionsProjectionRebuild],
    };
  }
}
