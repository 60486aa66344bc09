import 'reflect-metadata';
import { createServiceDataSource, FieldCipher } from '@amazon-channel/platform-persistence';
import { loadCliConfig } from './config/auth-connections.config';
import { ConnectionsRepository } from './connections/connections.repository';
import { CredentialKeysRepository } from './connections/credential-keys.repository';
import { scanReauthorizations } from './connections/lifecycle.service';
import { AUTH_CONNECTIONS_SERVICE } from './service';

const USAGE = `usage: cli <command>
  rotate-keys      re-encrypt every stored refresh token under FIELD_ENCRYPTION_ACTIVE_KEY_ID
                   (keep the old key in FIELD_ENCRYPTION_KEYS until this reports 0 left)
  reauthorization-scan
                   emit ConnectionReauthorizationDue for connections due within
                   REAUTHORIZATION_NOTICE_DAYS (default 30); the service's relay publishes them
  encrypt-secret   read a secret (e.g. an LWA client secret) on stdin and print its ciphertext,
                   usable as LWA_CLIENT_SECRET[_<REGION>]`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** auth-connections' command line (Kubernetes Jobs, operators). Never prints a secret in clear. */
async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  const config = loadCliConfig();
  const cipher = FieldCipher.fromConfig(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY_ID);
  switch (command) {
    case 'rotate-keys': {
      const dataSource = createServiceDataSource({ url: config.DATABASE_URL, ...AUTH_CONNECTIONS_SERVICE });
      await dataSource.initialize();
      try {
        const report = await new CredentialKeysRepository(dataSource).rotate(cipher);
        process.stdout.write(
          `re-encrypted under key ${report.activeKeyId}: ${report.credentials} credential(s), ${report.pendingAuthorizations} pending authorization(s)\n`,
        );
        return 0;
      } finally {
        await dataSource.destroy();
      }
    }
    case 'reauthorization-scan': {
      const dataSource = createServiceDataSource({ url: config.DATABASE_URL, ...AUTH_CONNECTIONS_SERVICE });
      await dataSource.initialize();
      try {
        const due = await scanReauthorizations(new ConnectionsRepository(dataSource, cipher), config.REAUTHORIZATION_NOTICE_DAYS, new Date());
        process.stdout.write(`re-authorization notices: ${due}\n`);
        return 0;
      } finally {
        await dataSource.destroy();
      }
    }
    case 'encrypt-secret': {
      const secret = await readStdin();
      if (!secret) {
        process.stderr.write('no secret on stdin\n');
        return 2;
      }
      process.stdout.write(`${cipher.encrypt(secret)}\n`);
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`auth-connections cli failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
