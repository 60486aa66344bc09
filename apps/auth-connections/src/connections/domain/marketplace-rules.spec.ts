import type { ConnectionError } from '../connections.error';
import { assertSameRegion, marketplaceOrFail, marketplacesByRegion } from './marketplace-rules';

describe('marketplace rules', () => {
  it('groups every marketplace under its region for the dropdown', () => {
    const groups = marketplacesByRegion();
    expect(groups.map((g) => g.region)).toEqual(['NA', 'EU', 'FE']);
    expect(groups[0].marketplaces.map((m) => m.countryCode)).toEqual(['CA', 'US', 'MX', 'BR']);
    expect(groups.flatMap((g) => g.marketplaces)).toHaveLength(23);
    expect(groups[1].marketplaces.find((m) => m.countryCode === 'IN')).toBeDefined();
  });

  it('refuses unknown marketplaces and marketplaces of another region with stable codes', () => {
    expect(() => marketplaceOrFail('NOPE')).toThrow(expect.objectContaining({ code: 'UNKNOWN_MARKETPLACE' }) as ConnectionError);
    const germany = marketplaceOrFail('A1PA6795UKMFR9');
    expect(() => assertSameRegion(germany, 'NA')).toThrow(expect.objectContaining({ code: 'MARKETPLACE_REGION_MISMATCH' }) as ConnectionError);
    expect(() => assertSameRegion(germany, 'EU')).not.toThrow();
  });
});
