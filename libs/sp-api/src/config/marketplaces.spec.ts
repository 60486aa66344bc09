import { MARKETPLACES, buildConsentUrl, findMarketplace, findMarketplaceByCountry, marketplacesInRegion } from './marketplaces';
import { resolveEndpoint } from './regions';

describe('marketplaces', () => {
  it('covers 23 marketplaces with unique ids across the three regions', () => {
    expect(new Set(MARKETPLACES.map((m) => m.id)).size).toBe(23);
    expect(marketplacesInRegion('NA').map((m) => m.countryCode)).toEqual(['CA', 'US', 'MX', 'BR']);
    expect(marketplacesInRegion('FE').map((m) => m.countryCode)).toEqual(['SG', 'AU', 'JP']);
    expect(findMarketplace('A21TJRUUN4KGV')?.region).toBe('EU'); // India is served by the EU host
  });

  it('finds the UK by Amazon code and ISO code', () => {
    expect(findMarketplaceByCountry('UK')?.id).toBe('A1F83G8C2ARO7P');
    expect(findMarketplaceByCountry('gb')?.currency).toBe('GBP');
  });

  it('builds the consent URL on the marketplace Seller Central with beta while draft', () => {
    const url = new URL(
      buildConsentUrl({
        marketplaceId: 'A1PA6795UKMFR9',
        applicationId: 'amzn1.sp.solution.x',
        state: 's&1',
        beta: true,
        redirectUri: 'https://app.example/cb',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://sellercentral-europe.amazon.com/apps/authorize/consent');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      application_id: 'amzn1.sp.solution.x',
      state: 's&1',
      version: 'beta',
      redirect_uri: 'https://app.example/cb',
    });
    expect(() => buildConsentUrl({ marketplaceId: 'NOPE', applicationId: 'a', state: 's' })).toThrow(RangeError);
  });

  it('resolves production, sandbox and configured endpoints', () => {
    expect(resolveEndpoint('FE')).toEqual({ baseUrl: 'https://sellingpartnerapi-fe.amazon.com', lwaTokenUrl: 'https://api.amazon.com/auth/o2/token' });
    expect(resolveEndpoint('EU', { sandbox: true }).baseUrl).toBe('https://sandbox.sellingpartnerapi-eu.amazon.com');
    expect(resolveEndpoint('NA', { baseUrl: 'http://127.0.0.1:4010/', lwaTokenUrl: 'http://127.0.0.1:4010/auth/o2/token' })).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      lwaTokenUrl: 'http://127.0.0.1:4010/auth/o2/token',
    });
  });
});
