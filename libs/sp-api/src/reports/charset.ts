import iconv from 'iconv-lite';
import type { SpApiRegion } from '../config/regions';

/**
 * Picks the charset of a report document: the `Content-Type` charset when present and known to
 * iconv-lite; otherwise a fallback by report and marketplace. Amazon's docs do not state these
 * encodings; observed values (GitHub issues on Amazon's models repo, 2022–2025) are windows-1252
 * (`Cp1252`) for NA/EU listings reports and windows-31j for JP.
 */
export function resolveCharset(contentType: string | undefined, context: { reportType?: string; region?: SpApiRegion; marketplaceId?: string } = {}): string {
  const declared = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (declared && iconv.encodingExists(declared)) return declared.toLowerCase();
  if (context.marketplaceId === 'A1VC38T7YXB528') return 'windows-31j';
  // Listings reports (and documents of unknown type) are not UTF-8 outside special cases.
  if (context.reportType === undefined || context.reportType.startsWith('GET_MERCHANT_LISTINGS')) return 'windows-1252';
  return 'utf-8';
}
