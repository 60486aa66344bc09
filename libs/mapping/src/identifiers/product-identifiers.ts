/**
 * Product identifier checks done before anything is sent to Amazon: a barcode with a wrong check
 * digit or an ASIN of the wrong shape can only fail there (or, worse, match another product), so
 * publish refuses them per SKU with a reason the seller can act on.
 *
 * Barcodes (UPC-A, EAN-8/13, GTIN-8/12/13/14) use the GS1 mod-10 check digit; ISBN-10 uses mod 11
 * (last character 0-9 or X) and ISBN-13 is an EAN-13 with the 978/979 Bookland prefix.
 */

/** Identifier kinds publish can look up (Catalog Items `identifiersType` values, plus ASIN). */
export type ProductIdentifierType = 'ASIN' | 'UPC' | 'EAN' | 'GTIN' | 'ISBN';

/** Why an identifier was refused (stable codes). */
export type IdentifierProblemCode =
  'IDENTIFIER_EMPTY' | 'IDENTIFIER_BAD_LENGTH' | 'IDENTIFIER_BAD_CHARACTERS' | 'IDENTIFIER_BAD_CHECK_DIGIT' | 'IDENTIFIER_BAD_PREFIX';

/** A valid identifier, normalised, with what to send to `searchCatalogItems`. */
export interface ValidIdentifier {
  ok: true;
  type: ProductIdentifierType;
  /** The identifier as given, trimmed (hyphens and spaces removed from ISBNs). */
  value: string;
  /** For ISBN: which form it was given in. */
  isbnForm?: 'ISBN-10' | 'ISBN-13';
  /** The `identifiersType` and `identifiers` value of a catalog search (ISBN-10 is searched as its ISBN-13). */
  search: { type: ProductIdentifierType; value: string };
}

/** A refused identifier. */
export interface InvalidIdentifier {
  ok: false;
  type: ProductIdentifierType;
  code: IdentifierProblemCode;
  /** A sentence the seller can act on. */
  message: string;
}

/** GS1 mod-10 check digit of `body` (the digits before the check digit). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a digit string ends in its GS1 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/** ISBN-10 check character (0-9 or X) of its first nine digits. */
export function isbn10CheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * (body.charCodeAt(i) - 48);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The ISBN-13 of a valid ISBN-10 (978 prefix, new check digit). */
export function isbn10To13(isbn10: string): string {
  const body = `978${isbn10.slice(0, 9)}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/**
 * A barcode as a GTIN-14 key: UPC-A `012345678905`, its EAN-13 `0012345678905` and GTIN-14
 * `00012345678905` are one product, so catalog answers are matched back to inputs on this key.
 */
export function gtin14Key(digits: string): string {
  return digits.padStart(14, '0');
}

const LENGTHS: Record<Exclude<ProductIdentifierType, 'ASIN' | 'ISBN'>, readonly number[]> = {
  UPC: [12],
  EAN: [8, 13],
  GTIN: [8, 12, 13, 14],
};

function refuse(type: ProductIdentifierType, code: IdentifierProblemCode, message: string): InvalidIdentifier {
  return { ok: false, type, code, message };
}

function barcode(type: 'UPC' | 'EAN' | 'GTIN', value: string): ValidIdentifier | InvalidIdentifier {
  const lengths = LENGTHS[type];
  if (!/^\d+$/.test(value)) return refuse(type, 'IDENTIFIER_BAD_CHARACTERS', `The ${type} "${value}" must contain digits only`);
  if (!lengths.includes(value.length)) {
    const hint = type === 'UPC' && value.length === 13 ? ' (13 digits is an EAN: set the Product ID Type to EAN)' : '';
    return refuse(type, 'IDENTIFIER_BAD_LENGTH', `The ${type} "${value}" has ${value.length} digits; a ${type} has ${lengths.join(', ')}${hint}`);
  }
  if (!hasValidGs1CheckDigit(value)) {
    const expected = gs1CheckDigit(value.slice(0, -1));
    return refuse(
      type,
      'IDENTIFIER_BAD_CHECK_DIGIT',
      `The ${type} "${value}" has a wrong check digit (the last digit should be ${expected}); check it for a typo`,
    );
  }
  return { ok: true, type, value, search: { type, value } };
}

function isbn(raw: string): ValidIdentifier | InvalidIdentifier {
  const value = raw.replace(/[-\s]/g, '').toUpperCase();
  if (!/^\d+X?$/.test(value)) return refuse('ISBN', 'IDENTIFIER_BAD_CHARACTERS', `The ISBN "${raw}" must contain digits only (an ISBN-10 may end in X)`);
  if (value.length === 10) {
    if (isbn10CheckCharacter(value) !== value[9]) {
      return refuse('ISBN', 'IDENTIFIER_BAD_CHECK_DIGIT', `The ISBN-10 "${raw}" has a wrong check character (should end in ${isbn10CheckCharacter(value)})`);
    }
    return { ok: true, type: 'ISBN', value, isbnForm: 'ISBN-10', search: { type: 'ISBN', value: isbn10To13(value) } };
  }
  if (value.length === 13) {
    if (value.endsWith('X')) return refuse('ISBN', 'IDENTIFIER_BAD_CHARACTERS', `The ISBN-13 "${raw}" must be 13 digits (only an ISBN-10 ends in X)`);
    if (!/^97[89]/.test(value))
      return refuse(
        'ISBN',
        'IDENTIFIER_BAD_PREFIX',
        `The ISBN-13 "${raw}" must start with 978 or 979; for other 13-digit barcodes use the Product ID Type EAN`,
      );
    if (!hasValidGs1CheckDigit(value)) {
      return refuse(
        'ISBN',
        'IDENTIFIER_BAD_CHECK_DIGIT',
        `The ISBN-13 "${raw}" has a wrong check digit (the last digit should be ${gs1CheckDigit(value.slice(0, 12))})`,
      );
    }
    return { ok: true, type: 'ISBN', value, isbnForm: 'ISBN-13', search: { type: 'ISBN', value } };
  }
  return refuse('ISBN', 'IDENTIFIER_BAD_LENGTH', `The ISBN "${raw}" has ${value.length} characters; an ISBN has 10 (ISBN-10) or 13 (ISBN-13)`);
}

function asin(value: string): ValidIdentifier | InvalidIdentifier {
  if (value.length !== 10) return refuse('ASIN', 'IDENTIFIER_BAD_LENGTH', `The ASIN "${value}" has ${value.length} characters; an ASIN has 10`);
  // Amazon's ASINs are upper case; a lower-case one is usually a copy error, and Amazon treats ASINs case-sensitively.
  if (!/^[0-9A-Z]{10}$/.test(value)) return refuse('ASIN', 'IDENTIFIER_BAD_CHARACTERS', `The ASIN "${value}" must be 10 upper-case letters or digits`);
  // Non-book ASINs start with B0; book ASINs are ISBN-10s. Anything else is not an ASIN Amazon issues.
  if (!value.startsWith('B') && !(/^\d{9}[\dX]$/.test(value) && isbn10CheckCharacter(value) === value[9])) {
    return refuse('ASIN', 'IDENTIFIER_BAD_PREFIX', `The ASIN "${value}" is not an Amazon ASIN (they start with B, or are a book's ISBN-10)`);
  }
  return { ok: true, type: 'ASIN', value, search: { type: 'ASIN', value } };
}

/**
 * Validates a product identifier of a given type.
 * @example validateProductIdentifier('UPC', '012345678905') // { ok: true, ... }
 * @example validateProductIdentifier('ISBN', '0-306-40615-2') // ok, searched as ISBN 9780306406157
 */
export function validateProductIdentifier(type: ProductIdentifierType, raw: string): ValidIdentifier | InvalidIdentifier {
  const value = raw.trim();
  if (value === '') return refuse(type, 'IDENTIFIER_EMPTY', `The ${type} is empty`);
  switch (type) {
    case 'ASIN':
      return asin(value);
    case 'ISBN':
      return isbn(value);
    case 'UPC':
    case 'EAN':
    case 'GTIN':
      return barcode(type, value);
  }
}
