import { isSystemRun } from '@amazon-channel/contracts';

/** Whose orders a pii-redaction run erases: one tenant's connection, or (the CronJob's system run) everyone's. */
export type RedactionScope = { kind: 'all' } | { kind: 'connection'; tenantId: string; connectionId: string };

/** The scope of a run: the system run covers every tenant and connection, any other run its own connection only. */
export function redactionScope(job: { tenantId: string; connectionId: string }): RedactionScope {
  return isSystemRun(job) ? { kind: 'all' } : { kind: 'connection', tenantId: job.tenantId, connectionId: job.connectionId };
}

/**
 * Orders shipped or cancelled before this instant lose their buyer data. The run's `retentionDays`
 * setting wins over the service's PII_RETENTION_DAYS when it is a positive whole number.
 */
export function retentionCutoff(now: Date, settings: object, defaultDays: number): { cutoff: Date; retentionDays: number } {
  const asked = Number((settings as { retentionDays?: unknown }).retentionDays ?? defaultDays);
  const retentionDays = Number.isInteger(asked) && asked > 0 ? asked : defaultDays;
  return { cutoff: new Date(now.getTime() - retentionDays * 86_400_000), retentionDays };
}
