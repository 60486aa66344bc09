import { randomBytes } from 'node:crypto';
import { AddressFingerprint, normaliseAddress } from './address-fingerprint';

const address = { addressLine1: '12 Harbour Road', city: 'Quillport', stateOrRegion: 'ME', postalCode: '04101', countryCode: 'US' };
const keys = (...ids: string[]) => ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');

describe('AddressFingerprint', () => {
  it('gives the same fingerprint to the same address however it is spaced or cased, and names its key', () => {
    const fingerprint = AddressFingerprint.fromConfig(keys('k1'));
    const stored = fingerprint.of(address);
    expect(stored).toMatch(/^k1\.[A-Za-z0-9_-]{43}$/);
    expect(fingerprint.of({ ...address, addressLine1: '  12  harbour ROAD', city: 'QUILLPORT ' })).toBe(stored);
    expect(fingerprint.differs(stored, { ...address, postalCode: '041 01' })).toBe(false);
    expect(fingerprint.differs(stored, { ...address, addressLine1: '9 Lighthouse Quay' })).toBe(true);
    expect(fingerprint.differs(stored, { ...address, addressLine2: 'Flat 2' })).toBe(true);
  });

  it('is keyed: another key gives another fingerprint, and no address gives none', () => {
    expect(AddressFingerprint.fromConfig(keys('k1')).of(address)).not.toBe(AddressFingerprint.fromConfig(keys('k1')).of(address));
    expect(AddressFingerprint.fromConfig(keys('k1')).of(null)).toBeNull();
    expect(normaliseAddress({})).toBeNull();
  });

  it('compares under the key a stored fingerprint names after the active key changed, and cannot tell without it', () => {
    const material = keys('old', 'new');
    const before = AddressFingerprint.fromConfig(material, 'old');
    const stored = before.of(address);
    const rotated = AddressFingerprint.fromConfig(material, 'new');
    expect(rotated.of(address)).toMatch(/^new\./);
    expect(rotated.differs(stored, address)).toBe(false);
    expect(rotated.differs(stored, { ...address, city: 'Elsewhere' })).toBe(true);
    expect(AddressFingerprint.fromConfig(keys('new')).differs(stored, address)).toBeNull();
    expect(rotated.differs(null, address)).toBeNull();
  });
});
