/**
 * Amazon's carrier codes for `confirmShipment` (`packageDetail.carrierCode`). The model types the
 * field as a free string; Amazon's list lives in Seller Central, help page G641 "Shipping
 * Confirmation Template" and the Data Definitions tab of the downloadable template, and values
 * "must match the options listed in Seller Central exactly" (see shared/reference/write-path.md §C.3).
 * Source of this list: sellercentral.amazon.sg/gp/help/external/641 (G641), read for the 2026 write path.
 * A carrier not listed goes as `Other` with `carrierName`.
 */
export const AMAZON_CARRIER_CODES = [
  'Blue Package',
  'USPS',
  'UPS',
  'UPSMI',
  'FedEx',
  'DHL',
  'DHL Global Mail',
  'Fastway',
  'UPS Mail Innovations',
  'Lasership',
  'Royal Mail',
  'FedEx SmartPost',
  'OSM',
  'OnTrac',
  'Streamlite',
  'Newgistics',
  'Canada Post',
  'City Link',
  'GLS',
  'GO!',
  'Hermes Logistik Gruppe',
  'Parcelforce',
  'TNT',
  'Target',
  'SagawaExpress',
  'NipponExpress',
  'YamatoTransport',
  'Ninjavan',
  'Qxpress',
  'Singapore Post',
  '4PX',
  'Yanwen',
  'Aramex',
  'China Post',
  'DHL eCommerce',
  'SF Express',
  'Other',
] as const;

/** One of {@link AMAZON_CARRIER_CODES}. */
export type AmazonCarrierCode = (typeof AMAZON_CARRIER_CODES)[number];

/** Whether `code` is on Amazon's list, spelled exactly as Amazon spells it. */
export function isAmazonCarrierCode(code: string): code is AmazonCarrierCode {
  return (AMAZON_CARRIER_CODES as readonly string[]).includes(code);
}
