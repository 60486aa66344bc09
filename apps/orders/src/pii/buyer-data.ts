/** Buyer data of one order (PII: encrypted before it is stored, never logged). */
export interface CandidatePii {
  buyerName: string | null;
  buyerEmail: string | null;
  shippingName: string | null;
  shippingPhone: string | null;
  shippingAddress: Record<string, string> | null;
}
