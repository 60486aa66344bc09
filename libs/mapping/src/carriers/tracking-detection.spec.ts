import { checkDigitStatus, detectCarrier } from './tracking-detection';

describe('tracking-number detection: every row of the Sync Orders table (seed 003) with its example', () => {
  it.each([
    ['22 characters, 94A0', '94A0123456789012345678', 'USPS', 'First Class'],
    ['22 characters, 94A05', '94A0512345678901234567', 'USPS', 'Priority Mail'],
    ['22 characters, 92A05', '92A0512345678901234567', 'USPS', 'Priority Mail'],
    ['starts 93G1', '93G123456789', 'USPS', 'Parcel Select'],
    ['starts 9374', '9374123456789', 'USPS', 'Parcel Select Lightweight'],
    ['22 characters, no USPS prefix', 'ZZ12345678901234567890', 'USPS', ''],
    ['26 characters, 9274', '92741234567890123456789012', 'UPS', 'Mail Innovations'],
    ['20 digits', '12345678901234567890', 'FedEx', null],
    ['15 digits', '123456789012345', 'FedEx', null],
    ['12 digits', '123456789012', 'FedEx', null],
  ])('%s: %s → %s %s', (_row, tn, carrier, method) => {
    expect(detectCarrier(tn)).toMatchObject({ carrier, method });
  });

  // The table's rule reads the UPS service code from the 9th and 10th characters of an
  // 18-character 1Z number (where UPS puts it). Its two examples do not follow it: the SurePost
  // one has 17 characters and both carry the code in the 6th–7th. These examples follow the rule.
  it.each([
    ['SurePost: 9th-10th YW', '1Z999AA1YW12345678', 'SurePost'],
    ['Ground: 9th-10th 03', '1Z999AA10323456784', 'Ground'],
  ])('UPS %s (%s)', (_row, tn, method) => {
    expect(detectCarrier(tn)).toMatchObject({ carrier: 'UPS', method });
  });

  it("reads the table's literal UPS examples as UPS without a method (their service code sits elsewhere)", () => {
    expect(detectCarrier('1Z9990399999999999')).toMatchObject({ carrier: 'UPS', method: null });
    // 17 characters: not a UPS 1Z number at all, and no other row matches.
    expect(detectCarrier('1Z999YW9999999999')).toBeNull();
  });

  it('is case-insensitive and ignores surrounding spaces', () => {
    expect(detectCarrier(' 1z999aa10323456784 ')).toMatchObject({ carrier: 'UPS', method: 'Ground' });
  });

  it('matches nothing for other patterns', () => {
    expect(detectCarrier('ABC')).toBeNull();
    expect(detectCarrier('12345678901')).toBeNull();
    expect(detectCarrier('JD014600006281230731')).toBeNull();
  });
});

describe('check digits by carrier', () => {
  it.each([
    // Published sample numbers of each carrier.
    ['UPS', '1Z999AA10123456784', 'valid'],
    ['UPS', '1Z12345E6605272234', 'valid'],
    ['UPS', '1Z999AA10123456785', 'invalid'],
    ['UPS', '1Z12345E6605272230', 'invalid'],
    ['USPS', '9400111201080805483016', 'valid'],
    ['USPS', '9205590164917312751089', 'valid'],
    ['USPS', '9400111201080805483017', 'invalid'],
    ['USPS', '94001112010808054830', 'invalid'],
    ['USPS', '94A0123456789012345678', 'none'],
    ['FedEx', '986578788855', 'valid'],
    ['FedEx', '477179081230', 'valid'],
    ['FedEx', '986578788856', 'invalid'],
    ['FedEx', '449044304137821', 'valid'],
    ['FedEx', '449044304137822', 'invalid'],
    ['FedEx', '12345678901234567890', 'valid'],
    ['FedEx', '61299995669352455464', 'invalid'],
    ['FedEx', '1234', 'none'],
    ['DHL', '1234567890', 'none'],
  ])('%s %s: %s', (carrier, tn, status) => {
    expect(checkDigitStatus(carrier, tn)).toBe(status);
  });
});
