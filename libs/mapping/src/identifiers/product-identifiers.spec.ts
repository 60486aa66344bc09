import { gtin14Key, isbn10To13, validateProductIdentifier } from './product-identifiers';

describe('product identifiers', () => {
  it.each([
    ['UPC', '036000291452'],
    ['UPC', '012345678905'],
    ['EAN', '4006381333931'],
    ['EAN', '96385074'],
    ['GTIN', '00012345678905'],
    ['GTIN', '036000291452'],
    ['ASIN', 'B07X4K9Y9Z'],
    ['ASIN', '0306406152'],
  ] as const)('accepts the %s %s', (type, value) => {
    expect(validateProductIdentifier(type, value)).toMatchObject({ ok: true, type, value, search: { type, value } });
  });

  it.each([
    ['UPC', '036000291453', 'IDENTIFIER_BAD_CHECK_DIGIT', 'should be 2'],
    ['EAN', '4006381333932', 'IDENTIFIER_BAD_CHECK_DIGIT', 'should be 1'],
    ['GTIN', '00012345678906', 'IDENTIFIER_BAD_CHECK_DIGIT', 'should be 5'],
    ['UPC', '12345678901', 'IDENTIFIER_BAD_LENGTH', 'has 11 digits'],
    ['UPC', '4006381333931', 'IDENTIFIER_BAD_LENGTH', 'set the Product ID Type to EAN'],
    ['UPC', '03600029145A', 'IDENTIFIER_BAD_CHARACTERS', 'digits only'],
    ['ASIN', 'B07X', 'IDENTIFIER_BAD_LENGTH', 'has 4 characters'],
    ['ASIN', 'b07x4k9y9z', 'IDENTIFIER_BAD_CHARACTERS', 'upper-case'],
    ['ASIN', 'A07X4K9Y9Z', 'IDENTIFIER_BAD_PREFIX', 'not an Amazon ASIN'],
    ['ASIN', '0306406153', 'IDENTIFIER_BAD_PREFIX', 'not an Amazon ASIN'],
    ['ISBN', '0306406153', 'IDENTIFIER_BAD_CHECK_DIGIT', 'should end in 2'],
    ['ISBN', '9780306406158', 'IDENTIFIER_BAD_CHECK_DIGIT', 'should be 7'],
    ['ISBN', '4006381333931', 'IDENTIFIER_BAD_PREFIX', 'use the Product ID Type EAN'],
    ['ISBN', '97803064061', 'IDENTIFIER_BAD_LENGTH', 'has 11 characters'],
    ['UPC', '  ', 'IDENTIFIER_EMPTY', 'empty'],
  ] as const)('refuses the %s %j (%s)', (type, value, code, message) => {
    const r = validateProductIdentifier(type, value);
    expect(r).toMatchObject({ ok: false, type, code });
    expect(r.ok ? '' : r.message).toContain(message);
  });

  it('tells ISBN-10 from ISBN-13 and searches an ISBN-10 as its ISBN-13', () => {
    expect(validateProductIdentifier('ISBN', '0-306-40615-2')).toMatchObject({
      ok: true,
      value: '0306406152',
      isbnForm: 'ISBN-10',
      search: { type: 'ISBN', value: '9780306406157' },
    });
    expect(validateProductIdentifier('ISBN', '978-0-306-40615-7')).toMatchObject({ ok: true, isbnForm: 'ISBN-13', search: { value: '9780306406157' } });
    expect(validateProductIdentifier('ISBN', '080442957X')).toMatchObject({ ok: true, isbnForm: 'ISBN-10' });
    expect(isbn10To13('080442957X')).toBe('9780804429573');
  });

  it('keys a UPC, its EAN-13 and its GTIN-14 the same way', () => {
    expect(new Set([gtin14Key('012345678905'), gtin14Key('0012345678905'), gtin14Key('00012345678905')]).size).toBe(1);
  });
});
