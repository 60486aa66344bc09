import { CONTRACTS_PROTO_DIR } from '@amazon-channel/contracts';
import { TokenVerifier } from '@amazon-channel/platform-auth';
import { PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import * as path from 'node:path';
import type { AuthConnectionsConfig } from '../../config/auth-connections.config';
import { AccessTokenService } from '../access-token.service';
import { ConnectionError, type ConnectionErrorCode } from '../connections.error';

/** gRPC status of the module errors the token service can raise; the rest are INVALID_ARGUMENT. */
const GRPC_STATUS: Partial<Record<ConnectionErrorCode, grpc.status>> = {
  CONNECTION_NOT_FOUND: grpc.status.NOT_FOUND,
  CONNECTION_AUTH_FAILED: grpc.status.FAILED_PRECONDITION,
  CONNECTION_NOT_ACTIVE: grpc.status.FAILED_PRECONDITION,
  AMAZON_UNAVAILABLE: grpc.status.UNAVAILABLE,
};

function grpcStatus(code: ConnectionErrorCode): grpc.status {
  return GRPC_STATUS[code] ?? grpc.status.INVALID_ARGUMENT;
}

/** The `Connections` client constructor from libs/contracts' proto (servers take its `.service`). */
export function loadConnectionsClient(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(path.join(CONTRACTS_PROTO_DIR, 'connections.proto'), { keepCase: false, longs: Number, defaults: true });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as { amazonchannel: { connections: { v1: { Connections: grpc.ServiceClientConstructor } } } };
  return pkg.amazonchannel.connections.v1.Connections;
}

/**
 * Serves `Connections.GetAccessToken` over gRPC (role `api`). Callers authenticate with the
 * internal token in the `x-internal-token` metadata; errors carry a gRPC status plus the module's
 * stable code in the `error-code` trailer.
 */
@Injectable()
export class ConnectionsGrpcServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ConnectionsGrpcServer.name);
  private server?: grpc.Server;
  private boundPort = 0;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly verifier: TokenVerifier,
    @Inject(PLATFORM_CONFIG) private readonly config: AuthConnectionsConfig,
  ) {}

  /** The port actually bound (useful with GRPC_PORT=0). */
  get port(): number {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.APP_ROLES.includes('api')) return;
    const server = new grpc.Server();
    server.addService(loadConnectionsClient().service, { getAccessToken: this.getAccessToken });
    try {
      this.boundPort = await new Promise<number>((resolve, reject) =>
        server.bindAsync(`${this.config.GRPC_HOST}:${this.config.GRPC_PORT}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
          error ? reject(error) : resolve(port),
        ),
      );
    } catch (error) {
      // The HTTP twin keeps serving tokens; a taken port must not take the whole service down
      // (several instances on one machine in tests and the embedded default).
      this.log.error(
        `gRPC Connections could not listen on ${this.config.GRPC_HOST}:${this.config.GRPC_PORT}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    this.server = server;
    this.log.log(`gRPC Connections listening on ${this.config.GRPC_HOST}:${this.boundPort}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    this.server = undefined;
  }

  private readonly getAccessToken = (call: grpc.ServerUnaryCall<{ connectionId: string }, unknown>, callback: grpc.sendUnaryData<unknown>): void => {
    const reply = async () => {
      const header = call.metadata.get('x-internal-token')[0];
      try {
        this.verifier.verifyInternal(typeof header === 'string' ? header : header?.toString('utf8'));
      } catch {
        return callback({
          code: grpc.status.UNAUTHENTICATED,
          details: 'Internal callers need a valid x-internal-token metadata entry',
          metadata: trailer('INTERNAL_TOKEN_INVALID'),
        });
      }
      try {
        const grant = await this.tokens.get(call.request.connectionId);
        callback(null, {
          accessToken: grant.accessToken,
          expiresAt: Math.floor(grant.expiresAt.getTime() / 1000),
          endpoint: grant.endpoint,
          region: grant.region,
          marketplaceId: grant.marketplaceId,
          sellingPartnerId: grant.sellingPartnerId,
          tenantId: grant.tenantId,
        });
      } catch (error) {
        if (error instanceof ConnectionError)
          return callback({ code: grpcStatus(error.code), details: `${error.code}: ${error.message}`, metadata: trailer(error.code) });
        this.log.error(`GetAccessToken failed: ${error instanceof Error ? error.message : String(error)}`);
        callback({ code: grpc.status.INTERNAL, details: 'internal error' });
      }
    };
    void reply();
  };
}

function trailer(code: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('error-code', code);
  return metadata;
}
