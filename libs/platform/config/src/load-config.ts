import type { z } from 'zod';
import { ConfigError } from './config-error';

/**
 * Parses environment variables against a zod schema once, at start-up. On failure it throws a
 * {@link ConfigError} listing every bad variable by name, so one restart fixes them all.
 * @example const config = loadConfig(ordersConfig, process.env); // only in *.config.ts files
 */
export function loadConfig<TSchema extends z.ZodType>(schema: TSchema, env: Record<string, string | undefined>): z.infer<TSchema> {
  // Empty strings mean "unset" (compose files and k8s often render missing values as '').
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.map(String).join('.') || describeUnionKey(issue);
      const received = name && cleaned[name] !== undefined && !isSensitive(name) ? ` (got "${cleaned[name]}")` : '';
      return `${name}: ${issue.message}${received}`;
    }),
  );
}

function describeUnionKey(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_union' ? '(one of the driver settings)' : '(root)';
}

const SENSITIVE = /(SECRET|PASSWORD|TOKEN|KEY|CREDENTIAL)/i;

/** Whether a variable's value must never be printed (logs, errors, config dumps). */
export function isSensitive(name: string): boolean {
  return SENSITIVE.test(name) || name === 'DATABASE_URL';
}

/** The configuration with sensitive values masked, for the start-up log line. */
export function maskConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([name, value]) => [name, isSensitive(name) && value !== undefined ? '***' : value]));
}
