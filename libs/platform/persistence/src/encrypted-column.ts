import type { ValueTransformer } from 'typeorm';
import type { FieldCipher } from './field-cipher';

/**
 * A TypeORM column transformer that stores a string encrypted and reads it back in clear.
 * @example @Column('text', { transformer: encryptedColumn(() => cipher), nullable: true }) refreshToken!: string | null;
 */
export function encryptedColumn(cipher: () => FieldCipher): ValueTransformer {
  return {
    to: (value: string | null | undefined) => (value === null || value === undefined ? value : cipher().encrypt(value)),
    from: (value: string | null) => (value === null ? null : cipher().decrypt(value)),
  };
}
