import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../repo-root';
import { KafkaHarnessError, KafkaHarnessErrorCode } from './kafka-harness.error';

/** The repository root, found from this file (libs/testing/src/kafka). */
const root = repoRoot();

/**
 * Where the broker's jars come from and where they are cached.
 */
export interface KafkaDistribution {
  /** Apache Kafka version, from `<kafka.version>` in tools/kafka/pom.xml. */
  readonly version: string;
  /** Folder holding every jar of the broker's class path. */
  readonly libsDir: string;
  /** The script that fills {@link libsDir}. */
  readonly fetchScript: string;
}

/**
 * Reads `<kafka.version>` from the pom's text. Exported for its unit test.
 * @internal
 */
export function kafkaVersionFromPom(pomXml: string): string | undefined {
  return /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml)?.[1];
}

/**
 * The cache root shared with tools/kafka/fetch.sh: `AMAZON_CHANNEL_CACHE`, else
 * `~/.cache/amazon-channel`. Outside the repository so a fresh clone reuses the jars.
 * @internal
 */
export function harnessCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const configured = env['AMAZON_CHANNEL_CACHE']?.trim();
  return configured ? configured : path.join(home, '.cache', 'amazon-channel');
}

/**
 * Describes the Kafka distribution the harness runs: its version and where its jars are cached.
 *
 * Why: the pom is the one place the version is written, so the harness, fetch.sh and the CI log
 * always agree on which broker ran.
 */
export function kafkaDistribution(): KafkaDistribution {
  const pom = path.join(root, 'tools', 'kafka', 'pom.xml');
  if (!existsSync(pom)) {
    throw new KafkaHarnessError(KafkaHarnessErrorCode.DistributionUnknown, `${pom} not found`);
  }
  const version = kafkaVersionFromPom(readFileSync(pom, 'utf8'));
  if (!version) {
    throw new KafkaHarnessError(KafkaHarnessErrorCode.DistributionUnknown, `${pom} has no <kafka.version>`);
  }
  return {
    version,
    libsDir: path.join(harnessCacheDir(), `kafka-${version}`, 'libs'),
    fetchScript: path.join(root, 'tools', 'kafka', 'fetch.sh'),
  };
}

/**
 * Makes sure the broker's jars are in the cache, running tools/kafka/fetch.sh (Maven) when they are not,
 * and returns the libs folder. Quick when already fetched: the script checks a marker and returns.
 *
 * Why here as well as in CI: a developer who runs `npx jest` on a fresh machine gets a broker without
 * a separate step.
 */
export async function ensureKafkaJars(distribution: KafkaDistribution = kafkaDistribution()): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [distribution.fetchScript], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(
          new KafkaHarnessError(
            KafkaHarnessErrorCode.FetchFailed,
            `bash ${distribution.fetchScript} failed (${error.message.split('\n')[0]}):\n${stderr.trim()}`,
            { cause: error },
          ),
        );
        return;
      }
      const lines = stdout.trim().split('\n');
      resolve(lines[lines.length - 1] || distribution.libsDir);
    });
  });
}
