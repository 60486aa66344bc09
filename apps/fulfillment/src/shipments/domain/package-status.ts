/**
 * Where a package is. HELD: its order is not known yet. INVALID: it failed the checks (see its
 * errors), nothing sent. READY: due to be sent. WAITING_BUNDLE: only parts of a bundle not yet
 * complete; a later run looks again. COVERED: only bundle parts, sent to Amazon with the package
 * that completed the bundle. SENDING: the send is recorded and may have reached Amazon. SENT:
 * Amazon answered 204; read-back pending. CONFIRMED: Amazon's order shows it. NOT_RECORDED: 204
 * but Amazon's order does not show it (re-sent once). FLAGGED: still not shown after the re-send.
 * REJECTED: Amazon answered 400 (see `fix`). RETRY: a transient failure, tried again at
 * `next_attempt_at`. FAILED: out of attempts, or refused for good (access).
 */
export type PackageStatus =
  'HELD' | 'INVALID' | 'READY' | 'WAITING_BUNDLE' | 'COVERED' | 'SENDING' | 'SENT' | 'CONFIRMED' | 'NOT_RECORDED' | 'FLAGGED' | 'REJECTED' | 'RETRY' | 'FAILED';

/** Every status, for query validation. */
export const PACKAGE_STATUSES: readonly PackageStatus[] = [
  'HELD',
  'INVALID',
  'READY',
  'WAITING_BUNDLE',
  'COVERED',
  'SENDING',
  'SENT',
  'CONFIRMED',
  'NOT_RECORDED',
  'FLAGGED',
  'REJECTED',
  'RETRY',
  'FAILED',
];

/** Packages whose units count as shipped (claimed): everything but refused or failed ones. */
export const LIVE_STATUSES: readonly PackageStatus[] = [
  'HELD',
  'READY',
  'WAITING_BUNDLE',
  'COVERED',
  'SENDING',
  'SENT',
  'CONFIRMED',
  'NOT_RECORDED',
  'FLAGGED',
  'RETRY',
];

/** Packages a sync-orders run has work for. */
export const DUE_STATUSES: readonly PackageStatus[] = ['READY', 'WAITING_BUNDLE', 'SENDING', 'SENT', 'NOT_RECORDED', 'RETRY'];
