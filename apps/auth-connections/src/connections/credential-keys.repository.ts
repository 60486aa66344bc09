import type { FieldCipher } from '@amazon-channel/platform-persistence';
import type { DataSource } from 'typeorm';
import { CredentialEntity } from './entities/credential.entity';
import { PendingAuthorizationEntity } from './entities/pending-authorization.entity';

/** How many encrypted values a rotation re-encrypted, per table. */
export interface RotationReport {
  credentials: number;
  pendingAuthorizations: number;
  activeKeyId: string;
}

/** The encrypted refresh tokens of auth-connections, for key rotation (the `rotate-keys` command line). */
export class CredentialKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Re-encrypts every stored refresh token that is not under the active key, row by row in small
   * transactions (each row is locked, decrypted with the key that wrote it and encrypted with the
   * active key), so it can run while the service serves traffic and can be re-run after a crash.
   */
  async rotate(cipher: FieldCipher): Promise<RotationReport> {
    const dataSource = this.dataSource;
    const report: RotationReport = { credentials: 0, pendingAuthorizations: 0, activeKeyId: cipher.activeKey };
    for (const [entity, field] of [
      [CredentialEntity, 'credentials'],
      [PendingAuthorizationEntity, 'pendingAuthorizations'],
    ] as const) {
      const ids = (await dataSource.getRepository(entity).find({ select: { id: true, refreshTokenCiphertext: true } }))
        .filter((row) => cipher.needsRotation(row.refreshTokenCiphertext))
        .map((row) => row.id);
      for (const id of ids) {
        await dataSource.transaction(async (manager) => {
          const row = await manager.findOne(entity, { where: { id }, lock: { mode: 'pessimistic_write' } });
          if (!row || !cipher.needsRotation(row.refreshTokenCiphertext)) return;
          await manager.update(entity, { id }, { refreshTokenCiphertext: cipher.rotate(row.refreshTokenCiphertext) });
          report[field]++;
        });
      }
    }
    return report;
  }
}
