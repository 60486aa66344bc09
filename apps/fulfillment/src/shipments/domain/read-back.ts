/** A package as Amazon's getOrder shows it (Orders 2026-01-01 `packages[]`). */
export interface AmazonPackageView {
  packageReferenceId?: string;
  trackingNumber?: string;
}

/**
 * Whether Amazon's order shows the package we sent: same `packageReferenceId` and same tracking
 * number (an earlier version of an edited package does not count).
 */
export function isRecorded(sent: { packageReferenceId: string; trackingNumber: string }, amazon: readonly AmazonPackageView[]): boolean {
  const tn = sent.trackingNumber.trim().toUpperCase();
  return amazon.some((p) => p.packageReferenceId === sent.packageReferenceId && (p.trackingNumber ?? '').trim().toUpperCase() === tn);
}

/** What to do with a 204'd package after reading Amazon's order. */
export function afterReadBack(recorded: boolean, resends: number): 'CONFIRMED' | 'RESEND' | 'FLAGGED' {
  if (recorded) return 'CONFIRMED';
  return resends < 1 ? 'RESEND' : 'FLAGGED';
}
