/** One issue from a JSON_LISTINGS_FEED processing report. */
export interface FeedIssue {
  messageId?: number;
  sku?: string;
  code?: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

/** Processing-report summary counts. */
export interface FeedSummary {
  errors: number;
  warnings: number;
  messagesProcessed: number;
  messagesAccepted: number;
  messagesInvalid: number;
  itemSummary?: { items: number; errors: number; warnings: number };
}

/** The raw JSON processing report (listings-feed-processing-report-schema-v2). */
export interface ListingsFeedProcessingReport {
  header: { sellerId: string; version: string; feedId: string; report?: unknown };
  issues: FeedIssue[];
  summary: FeedSummary;
  items?: unknown[];
}

/**
 * Outcome of one feed message. `ACCEPTED` = queued for application, not live (later problems
 * surface as listing issues); `INVALID` = at least one ERROR issue.
 */
export interface FeedMessageResult {
  messageId: number;
  sku?: string;
  status: 'ACCEPTED' | 'INVALID';
  issues: FeedIssue[];
}

/** Per-message view of a processing report. */
export interface FeedResults {
  feedId: string;
  summary: FeedSummary;
  /** One entry per submitted message (or per message that has issues when submissions are unknown). */
  messages: FeedMessageResult[];
  /** Issues without a messageId: they concern the whole feed (e.g. malformed JSON). */
  feedIssues: FeedIssue[];
}

/**
 * Turns a processing report into per-message results. Pass the submitted messages so that
 * messages without issues are reported as ACCEPTED too (the report only lists problems).
 */
export function toFeedResults(report: ListingsFeedProcessingReport, submitted?: readonly { messageId: number; sku: string }[]): FeedResults {
  const byMessage = new Map<number, FeedMessageResult>();
  for (const s of submitted ?? []) byMessage.set(s.messageId, { messageId: s.messageId, sku: s.sku, status: 'ACCEPTED', issues: [] });
  const feedIssues: FeedIssue[] = [];
  for (const issue of report.issues ?? []) {
    if (issue.messageId === undefined || issue.messageId === null) {
      feedIssues.push(issue);
      continue;
    }
    let entry = byMessage.get(issue.messageId);
    if (!entry) {
      entry = { messageId: issue.messageId, sku: issue.sku, status: 'ACCEPTED', issues: [] };
      byMessage.set(issue.messageId, entry);
    }
    entry.sku ??= issue.sku;
    entry.issues.push(issue);
    if (issue.severity === 'ERROR') entry.status = 'INVALID';
  }
  return {
    feedId: report.header?.feedId,
    summary: report.summary,
    messages: [...byMessage.values()].sort((a, b) => a.messageId - b.messageId),
    feedIssues,
  };
}
