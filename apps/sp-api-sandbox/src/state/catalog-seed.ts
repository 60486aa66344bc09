import { hash32 } from '../core/rng';

/**
 * The sandbox's catalog is virtual: item `n` of {@link CATALOG_SIZE} is a pure function of `n`,
 * and every identifier (ASIN, UPC, EAN, GTIN, ISBN) encodes `n` with a check digit, so lookups
 * are O(1) and a million listings can point at it without any of it sitting in memory.
 */
export const CATALOG_SIZE = 200_000;

/** One catalog item's facts. */
export interface CatalogFacts {
  index: number;
  asin: string;
  title: string;
  brand: string;
  manufacturer: string;
  modelNumber: string;
  productType: string;
  upc: string;
  ean: string;
  gtin: string;
  isbn?: string;
  classification: 'BASE_PRODUCT' | 'VARIATION_PARENT';
  /** Brands in {@link GATED_BRANDS} need approval before a seller may list them. */
  gated: boolean;
  /**
   * Barcodes (UPC) this item shares with another ASIN: Amazon's catalog has duplicates, so one
   * barcode can match several ASINs ({@link isDuplicateOfPrevious}).
   */
  sharedUpcs: string[];
  /**
   * Catalog reports a product type Listings Items refuses for offers on this ASIN (seen in 2026:
   * "The Amazon product type specified is invalid or not supported."); the offer goes as PRODUCT.
   */
  listingRefusesProductType: boolean;
  /** Offers on this ASIN are accepted, then an ERROR issue arrives afterwards (image compliance). */
  issueAfterAcceptance: boolean;
}

/** Product type the catalog reports for {@link CatalogFacts.listingRefusesProductType} items (unknown to Listings Items). */
export const CATALOG_ONLY_PRODUCT_TYPE = 'HOME_ORGANIZER';

/** Item n duplicates item n - 1 (same UPC, another ASIN): `upcOf(n - 1)` matches both. */
export function isDuplicateOfPrevious(n: number): boolean {
  return n % 89 === 8;
}

/** Items whose catalog product type Listings refuses. */
function refusesProductType(n: number): boolean {
  return n % 83 === 11;
}

/** Items whose offers get an ERROR issue only after acceptance. */
function issueAfterAcceptance(n: number): boolean {
  return n % 71 === 3;
}

/** Brands that refuse offers from unapproved sellers (the brand-restriction case). */
export const GATED_BRANDS: readonly string[] = ['Gatekeep Audio'];

const ADJECTIVES = ['Classic', 'Deluxe', 'Compact', 'Rugged', 'Café', 'Über', 'Eco', 'Smart', 'Mini', 'Pro', 'Łódź Heritage', 'Vintage'];
const NOUNS = ['Water Bottle', 'Desk Lamp', 'Backpack', 'T-Shirt', 'Notebook', 'Carry-On Suitcase', 'Chef Knife', 'Headphones', 'Garden Hose', 'Yoga Mat'];
const BRANDS = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Gatekeep Audio', 'Wingtip', 'Adventure Works'];
const TYPES_BY_NOUN: Record<string, string> = {
  'T-Shirt': 'SHIRT',
  'Carry-On Suitcase': 'LUGGAGE',
  Notebook: 'BOOK',
  'Chef Knife': 'KITCHEN',
};
const CATALOG_SEED = 'sandbox-catalog-v1';

/** ASIN of catalog item n: `B0` + 8 base-36 digits. */
export function asinOf(n: number): string {
  return `B0${n.toString(36).toUpperCase().padStart(8, '0')}`;
}

/** Catalog index of an ASIN, or undefined if it is not one of the sandbox's. */
export function indexOfAsin(asin: string): number | undefined {
  const m = /^B0([0-9A-Z]{8})$/.exec(asin.toUpperCase());
  if (!m) return undefined;
  const n = parseInt(m[1] as string, 36);
  return n < CATALOG_SIZE ? n : undefined;
}

/** GS1 check digit for a digit string without its check digit. */
export function gs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return String((10 - (sum % 10)) % 10);
}

function upcOf(n: number): string {
  const body = `8${String(n).padStart(10, '0')}`;
  return body + gs1CheckDigit(body);
}

function isbnOf(n: number): string {
  const body = `978${String(n).padStart(9, '0')}`;
  return body + gs1CheckDigit(body);
}

/** Facts of catalog item n (n in [0, CATALOG_SIZE)). */
export function catalogFacts(n: number): CatalogFacts {
  const h = hash32(CATALOG_SEED, n);
  const noun = NOUNS[h % NOUNS.length] as string;
  const adjective = ADJECTIVES[(h >>> 8) % ADJECTIVES.length] as string;
  const brand = BRANDS[(h >>> 16) % BRANDS.length] as string;
  const productType = refusesProductType(n) ? CATALOG_ONLY_PRODUCT_TYPE : (TYPES_BY_NOUN[noun] ?? 'PRODUCT');
  const upc = upcOf(n);
  return {
    index: n,
    asin: asinOf(n),
    title: `${brand} ${adjective} ${noun} ${n % 7 === 0 ? '– Gift Edition' : `Model ${n}`}`,
    brand,
    manufacturer: `${brand} Manufacturing`,
    modelNumber: `M-${n}`,
    productType,
    upc,
    ean: `0${upc}`,
    gtin: `00${upc}`,
    isbn: productType === 'BOOK' ? isbnOf(n) : undefined,
    classification: n % 97 === 5 ? 'VARIATION_PARENT' : 'BASE_PRODUCT',
    gated: GATED_BRANDS.includes(brand),
    sharedUpcs: isDuplicateOfPrevious(n) ? [upcOf(n - 1)] : [],
    listingRefusesProductType: refusesProductType(n),
    issueAfterAcceptance: issueAfterAcceptance(n),
  };
}

/** Identifier types Catalog Items search accepts and the sandbox can resolve. */
export type CatalogIdentifierType = 'ASIN' | 'UPC' | 'EAN' | 'GTIN' | 'ISBN' | 'JAN' | 'MINSAN' | 'SKU';

/**
 * Every catalog index an identifier matches: the item it encodes, plus the duplicate listed right
 * after it when the catalog has one (same UPC, another ASIN).
 */
export function resolveIdentifierAll(type: CatalogIdentifierType, value: string): number[] {
  const n = resolveIdentifier(type, value);
  if (n === undefined) return [];
  return type !== 'ASIN' && type !== 'ISBN' && n + 1 < CATALOG_SIZE && isDuplicateOfPrevious(n + 1) ? [n, n + 1] : [n];
}

/**
 * Resolves an identifier to a catalog index. Barcodes are normalised the way Amazon treats them
 * (a UPC, its EAN with a leading 0 and its GTIN-14 with two are the same product).
 */
export function resolveIdentifier(type: CatalogIdentifierType, value: string): number | undefined {
  const v = value.trim();
  switch (type) {
    case 'ASIN':
      return indexOfAsin(v);
    case 'UPC':
    case 'EAN':
    case 'GTIN':
    case 'JAN': {
      if (!/^\d{12,14}$/.test(v)) return undefined;
      const upc = v.replace(/^0+(?=\d{12}$)/, '').padStart(12, '0');
      if (upc.length !== 12 || !upc.startsWith('8') || gs1CheckDigit(upc.slice(0, 11)) !== upc[11]) return undefined;
      const n = Number(upc.slice(1, 11));
      return n < CATALOG_SIZE ? n : undefined;
    }
    case 'ISBN': {
      const isbn = v.replace(/-/g, '');
      if (!/^978\d{10}$/.test(isbn) || gs1CheckDigit(isbn.slice(0, 12)) !== isbn[12]) return undefined;
      const n = Number(isbn.slice(3, 12));
      return n < CATALOG_SIZE && catalogFacts(n).productType === 'BOOK' ? n : undefined;
    }
    case 'MINSAN':
    case 'SKU':
      return undefined;
  }
}
