import * as path from 'node:path';
import { z } from 'zod';

/** Environment variables of the sandbox; `loadSandboxConfig` fails naming each bad one. */
export const sandboxEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  /** Its admin API is unauthenticated: loopback unless told otherwise (containers set 0.0.0.0). */
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_SEED: z.string().min(1).default('sandbox'),
  SANDBOX_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  SANDBOX_DEMO_LISTINGS: z.coerce.number().int().min(0).max(5_000_000).default(50),
  SANDBOX_DEMO_ORDERS: z.coerce.number().int().min(0).max(10_000).default(20),
  SANDBOX_QUEUE_MS: z.coerce.number().int().min(0).default(1000),
  SANDBOX_PROCESSING_MS: z.coerce.number().int().min(0).default(2000),
  /** Directory containing Amazon's `sp-api-models/` (feed schemas are loaded from it when present). */
  SANDBOX_SHARED_DIR: z.string().min(1).optional(),
});

/** Parsed sandbox configuration. */
export type SandboxConfig = z.infer<typeof sandboxEnvSchema>;

/** Thrown when the environment is invalid; the message lists every bad variable. */
export class SandboxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxConfigError';
  }
}

/** Validates the environment once at start-up. */
export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const result = sandboxEnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new SandboxConfigError(`Invalid sandbox configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

/** `../shared` next to the repository root: where CI keeps Amazon's models. */
export function defaultSharedDir(): string {
  return path.resolve(__dirname, '../../../../..', 'shared');
}
