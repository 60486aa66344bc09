import type { SyncIssue, SyncedValues } from '../../link-listings/domain/desired-state';
import type { SentValues } from './sync-deltas';

/** An issue as Amazon reports it in a processing report or a listings response. */
export interface AmazonIssue {
  code?: string;
  severity: string;
  message: string;
  attributeName?: string | null;
}

/** Turns Amazon's issue into a sentence the seller can act on (codes from write-path.md §A.7, else Amazon's words). */
export function issueSentence(issue: AmazonIssue): string {
  const attribute = issue.attributeName ? ` (${issue.attributeName})` : '';
  switch (issue.code ?? '') {
    case '90220':
      return `Amazon needs a value it did not get${attribute}: add it on the platform or in the template, then sync again.`;
    case '4000001':
      return `Amazon could not read the update${attribute}: ${issue.message} This is a fault of the integration; contact support if it repeats.`;
    case '5000':
      return 'Amazon had an internal error with this update; it will be sent again with the next sync.';
    case '8541':
    case '8542':
      return `The values conflict with Amazon's catalog data${attribute}: check the SKU's product identifiers on the platform.`;
    default:
      return `Amazon refused the update${attribute}: ${issue.message}`;
  }
}

/** Amazon's issues of a SKU with their sentences. */
export function toSyncIssues(issues: readonly AmazonIssue[]): SyncIssue[] {
  return issues.map((i) => ({
    code: i.code ?? 'UNKNOWN',
    severity: i.severity,
    attribute: i.attributeName ?? null,
    message: i.message,
    sentence: issueSentence(i),
  }));
}

/** Whether each value a message set is what Amazon shows now. */
export function hasLanded(sent: SentValues, live: SyncedValues): boolean {
  if (sent.priceMinor !== undefined && sent.priceMinor !== live.priceMinor) return false;
  if (sent.quantity !== undefined && sent.quantity !== live.quantity) return false;
  if (sent.handlingTimeDays !== undefined && sent.handlingTimeDays !== live.handlingTimeDays) return false;
  return true;
}

/** The platform's effective values a LIVE SKU should show (null = not managed). */
export interface ExpectedValues {
  priceMinor: number | null;
  quantity: number | null;
  handlingTimeDays: number | null;
}

/** Values Seller Central changed behind our back: each managed field whose live value differs. Empty = no drift. */
export function driftOf(expected: ExpectedValues, live: SyncedValues, fba: boolean): Record<string, { desired: unknown; amazon: unknown }> {
  const drift: Record<string, { desired: unknown; amazon: unknown }> = {};
  if (expected.priceMinor !== null && expected.priceMinor !== live.priceMinor) drift['price'] = { desired: expected.priceMinor, amazon: live.priceMinor };
  if (!fba && expected.quantity !== null && expected.quantity !== live.quantity) drift['quantity'] = { desired: expected.quantity, amazon: live.quantity };
  if (expected.handlingTimeDays !== null && expected.handlingTimeDays !== live.handlingTimeDays)
    drift['handlingTimeDays'] = { desired: expected.handlingTimeDays, amazon: live.handlingTimeDays };
  return drift;
}
