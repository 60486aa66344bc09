import { SandboxError } from '../core/sandbox-error';
import type { ItemIncludedData } from '../listings/listing-render';
import { renderItem } from '../listings/listing-render';
import type { Requirements } from '../listings/listing-validation';
import type { ListingPatch, ListingsWriter, SubmissionResult } from '../listings/listings.service';
import type { SellerState } from '../state/seller-state';
import type { ListingsFeedValidators } from './feed-schemas';

/** One processing-report issue (listings-feed-processing-report-schema-v2). */
export interface ReportIssue {
  messageId?: number;
  sku?: string;
  code?: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

/** Outcome of processing one feed. */
export interface FeedOutcome {
  status: 'DONE' | 'FATAL';
  report: Record<string, unknown>;
}

/** Inputs of {@link processListingsFeed}. */
export interface ListingsFeedJob {
  feedId: string;
  seller: SellerState;
  marketplaceIds: string[];
  content: Buffer | undefined;
  validators: ListingsFeedValidators;
  writer: ListingsWriter;
  /** SKUs whose messages fail by fault injection. */
  failSkus: ReadonlySet<string>;
}

function fatal(job: ListingsFeedJob, message: string, code = '4000001'): FeedOutcome {
  return {
    status: 'FATAL',
    report: {
      header: { sellerId: job.seller.sellingPartnerId, version: '2.0', feedId: job.feedId },
      issues: [{ code, severity: 'ERROR', message }],
      summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
    },
  };
}

/**
 * Processes a JSON_LISTINGS_FEED document: feed-level problems (not JSON, wrong envelope, wrong
 * seller) make the feed FATAL; per-message problems become issues and the feed ends DONE with the
 * other messages applied, as Amazon does.
 */
export function processListingsFeed(job: ListingsFeedJob): FeedOutcome {
  if (!job.content || job.content.length === 0) return fatal(job, 'The input feed document was not uploaded or is empty.');
  let doc: unknown;
  try {
    doc = JSON.parse(job.content.toString('utf8'));
  } catch (e) {
    return fatal(job, `The feed document is not valid JSON: ${(e as Error).message}`);
  }
  const envelope = job.validators.envelope(doc);
  if (envelope.length > 0) return fatal(job, `The feed document does not match the listings feed schema: ${envelope.map((v) => v.message).join('; ')}`);
  const { header, messages } = doc as { header: { sellerId: string; report?: { includedData?: string[] } }; messages: unknown[] };
  if (header.sellerId !== job.seller.sellingPartnerId)
    return fatal(job, `header.sellerId ${header.sellerId} does not match the selling partner that submitted the feed.`);

  const issues: ReportIssue[] = [];
  const seen = new Set<number>();
  const touched: string[] = [];
  let accepted = 0;
  let invalid = 0;
  for (const raw of messages) {
    const m = raw as {
      messageId?: number;
      sku?: string;
      operationType?: string;
      productType?: string;
      requirements?: Requirements;
      attributes?: Record<string, unknown>;
      patches?: ListingPatch[];
    };
    const messageId = Number.isInteger(m.messageId) && (m.messageId as number) >= 1 ? m.messageId : undefined;
    const sku = typeof m.sku === 'string' && m.sku.length > 0 ? m.sku : undefined;
    const violations = job.validators.message(raw);
    // oneOf branches report one violation each: one issue per message reads better.
    const reasons = [...new Set(violations.map((v) => v.message))].slice(0, 3);
    const messageIssues: ReportIssue[] =
      reasons.length > 0
        ? [{ messageId, sku, code: '4000001', severity: 'ERROR', message: `The message does not match the listings feed schema: ${reasons.join('; ')}` }]
        : [];
    if (messageIssues.length === 0 && messageId !== undefined && seen.has(messageId)) {
      messageIssues.push({
        messageId,
        sku,
        code: '4000007',
        severity: 'ERROR',
        message: `messageId ${messageId} is used by more than one message in this feed.`,
      });
    }
    if (messageId !== undefined) seen.add(messageId);
    if (messageIssues.length === 0 && sku !== undefined && job.failSkus.has(sku)) {
      messageIssues.push({
        messageId,
        sku,
        code: '5000',
        severity: 'ERROR',
        message: 'An internal error occurred processing this message (injected by the sandbox).',
      });
    }
    if (messageIssues.length === 0) messageIssues.push(...apply(job, m, messageId as number, sku as string));
    const failed = messageIssues.some((i) => i.severity === 'ERROR');
    if (failed) invalid++;
    else {
      accepted++;
      if (sku) touched.push(sku);
    }
    issues.push(...messageIssues);
  }
  const included = header.report?.includedData as ItemIncludedData[] | undefined;
  const items = included
    ? touched
        .map((s) => job.seller.getListing(s))
        .filter((r) => r !== undefined)
        .map((r) => renderItem(r, job.marketplaceIds, new Set(included)))
    : undefined;
  const errors = issues.filter((i) => i.severity === 'ERROR').length;
  const warnings = issues.filter((i) => i.severity === 'WARNING').length;
  return {
    status: 'DONE',
    report: {
      header: { sellerId: job.seller.sellingPartnerId, version: '2.0', feedId: job.feedId, ...(header.report ? { report: header.report } : {}) },
      issues,
      summary: {
        errors,
        warnings,
        messagesProcessed: messages.length,
        messagesAccepted: accepted,
        messagesInvalid: invalid,
        ...(items ? { itemSummary: { items: items.length, errors: 0, warnings: 0 } } : {}),
      },
      ...(items ? { items } : {}),
    },
  };
}

function apply(
  job: ListingsFeedJob,
  m: { operationType?: string; productType?: string; requirements?: Requirements; attributes?: Record<string, unknown>; patches?: ListingPatch[] },
  messageId: number,
  sku: string,
): ReportIssue[] {
  let result: SubmissionResult;
  try {
    switch (m.operationType ?? 'DELETE') {
      case 'UPDATE':
        result = job.writer.put(job.seller, sku, m.productType as string, m.requirements ?? 'LISTING', m.attributes ?? {}, false);
        break;
      case 'PARTIAL_UPDATE':
        result = job.writer.patch(
          job.seller,
          sku,
          m.productType as string,
          Object.entries(m.attributes ?? {}).map(([k, v]) => ({
            op: 'replace' as const,
            path: `/attributes/${k}`,
            value: v as Array<Record<string, unknown>>,
          })),
          false,
        );
        break;
      case 'PATCH':
        result = job.writer.patch(job.seller, sku, m.productType as string, m.patches ?? [], false);
        break;
      default:
        result = job.writer.delete(job.seller, sku);
    }
  } catch (e) {
    if (!(e instanceof SandboxError)) throw e;
    return [{ messageId, sku, code: '4000008', severity: 'ERROR', message: e.message }];
  }
  return result.issues.map((i) => ({
    messageId,
    sku,
    code: i.code,
    severity: i.severity,
    message: i.message,
    ...(i.attributeNames?.[0] ? { attributeName: i.attributeNames[0] } : {}),
  }));
}
