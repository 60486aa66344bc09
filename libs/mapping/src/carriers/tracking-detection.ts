import { fedexCheckDigitValid, upsCheckDigitValid, uspsImpbCheckDigitValid } from './check-digits';

/** A carrier (and sometimes its service) read from a tracking number's pattern. */
export interface DetectedCarrier {
  /** Name of the rule that matched, for the package's explanation. */
  rule: string;
  carrier: 'USPS' | 'UPS' | 'FedEx';
  /**
   * The method the pattern implies; `''` when the pattern says "no method"; null when the method
   * given with the shipment is kept if it was for this carrier (FedEx in the table).
   */
  method: string | null;
}

interface DetectionRule {
  rule: string;
  test: (tn: string) => boolean;
  carrier: DetectedCarrier['carrier'];
  method: string | null;
}

/**
 * The detection table of the sellers' documentation of Sync Orders (seed 003), most specific
 * first: `94A05`/`92A05` (Priority Mail) is tested before the shorter `94A0` (First Class). UPS
 * service codes are the 9th and 10th characters of an 18-character `1Z` number, as the table says
 * (and as UPS numbers are built: 1Z + 6-character shipper + 2-character service + 8-digit reference).
 * A `1Z` number with another service code is still UPS, with no method from the pattern.
 */
const RULES: readonly DetectionRule[] = [
  { rule: 'USPS 22 characters starting 94A05/92A05', test: (t) => t.length === 22 && /^(94A05|92A05)/.test(t), carrier: 'USPS', method: 'Priority Mail' },
  { rule: 'USPS 22 characters starting 94A0', test: (t) => t.length === 22 && t.startsWith('94A0'), carrier: 'USPS', method: 'First Class' },
  { rule: 'USPS starting 93G1', test: (t) => t.startsWith('93G1'), carrier: 'USPS', method: 'Parcel Select' },
  { rule: 'USPS starting 9374', test: (t) => t.startsWith('9374'), carrier: 'USPS', method: 'Parcel Select Lightweight' },
  {
    rule: 'UPS 18 characters 1Z, service YW',
    test: (t) => t.length === 18 && t.startsWith('1Z') && t.slice(8, 10) === 'YW',
    carrier: 'UPS',
    method: 'SurePost',
  },
  { rule: 'UPS 18 characters 1Z, service 03', test: (t) => t.length === 18 && t.startsWith('1Z') && t.slice(8, 10) === '03', carrier: 'UPS', method: 'Ground' },
  { rule: 'UPS 26 characters starting 9274', test: (t) => t.length === 26 && t.startsWith('9274'), carrier: 'UPS', method: 'Mail Innovations' },
  { rule: 'UPS 18 characters 1Z', test: (t) => /^1Z[0-9A-Z]{16}$/.test(t), carrier: 'UPS', method: null },
  { rule: 'USPS 22 characters', test: (t) => t.length === 22, carrier: 'USPS', method: '' },
  { rule: 'FedEx 12, 15 or 20 digits', test: (t) => /^([0-9]{20}|[0-9]{15}|[0-9]{12})$/.test(t), carrier: 'FedEx', method: null },
];

/** The carrier a tracking number's pattern names, or null when no rule of the table matches. */
export function detectCarrier(trackingNumber: string): DetectedCarrier | null {
  const tn = trackingNumber.trim().toUpperCase();
  const hit = RULES.find((r) => r.test(tn));
  return hit ? { rule: hit.rule, carrier: hit.carrier, method: hit.method } : null;
}

/** Result of a carrier's check digit: `none` when the carrier defines none for this form of number. */
export type CheckDigitStatus = 'valid' | 'invalid' | 'none';

/** Checks the tracking number's check digit as the carrier (an Amazon carrier code or name) defines it. */
export function checkDigitStatus(carrier: string, trackingNumber: string): CheckDigitStatus {
  const tn = trackingNumber.trim().toUpperCase();
  const c = carrier.trim().toUpperCase();
  let result: boolean | null = null;
  if (c === 'UPS') result = upsCheckDigitValid(tn);
  else if (c === 'USPS') result = uspsImpbCheckDigitValid(tn);
  else if (c === 'FEDEX') result = fedexCheckDigitValid(tn);
  return result === null ? 'none' : result ? 'valid' : 'invalid';
}
