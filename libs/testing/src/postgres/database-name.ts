import { randomBytes } from 'node:crypto';
import { PostgresHarnessError, PostgresHarnessErrorCode } from './postgres-harness.error';

/** PostgreSQL truncates identifiers beyond 63 bytes (NAMEDATALEN - 1). */
const MAX_IDENTIFIER_BYTES = 63;
const RANDOM_SUFFIX_LENGTH = 8;

/**
 * Builds a fresh database name `t_<prefix>_<random>` from a readable prefix such as a test file's name.
 *
 * Why this shape: lower-case letters, digits and underscores need no quoting anywhere (psql, URLs,
 * TypeORM); the `t_` start marks it as a throwaway test database and never begins with a digit; the
 * random part lets test files and parallel runs on one server never collide; the prefix is cut so
 * the whole name fits PostgreSQL's 63-byte limit instead of being silently truncated.
 *
 * @param random - supplies the suffix; injectable for tests
 */
export function testDatabaseName(prefix: string, random: () => string = randomSuffix): string {
  const cleaned = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!cleaned) {
    throw new PostgresHarnessError(PostgresHarnessErrorCode.InvalidPrefix, `database name prefix ${JSON.stringify(prefix)} has no letter or digit`);
  }
  const suffix = random();
  const room = MAX_IDENTIFIER_BYTES - 't_'.length - '_'.length - suffix.length;
  return `t_${cleaned.slice(0, room).replace(/_+$/, '')}_${suffix}`;
}

function randomSuffix(): string {
  // 5 bytes of base 36 give 8 characters, about 2^40 names: no collision across a run's databases.
  return BigInt(`0x${randomBytes(5).toString('hex')}`)
    .toString(36)
    .padStart(RANDOM_SUFFIX_LENGTH, '0');
}
