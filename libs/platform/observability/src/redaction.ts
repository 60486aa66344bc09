/**
 * Log paths whose values are replaced by `[REDACTED]`: credentials of every kind and buyer data.
 * Libraries keep secrets out of their messages too; this is the net under them.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-amz-access-token"]',
  'req.headers["x-internal-token"]',
  'res.headers["set-cookie"]',
  '*.refreshToken',
  '*.refresh_token',
  '*.accessToken',
  '*.access_token',
  '*.clientSecret',
  '*.client_secret',
  '*.password',
  '*.spapi_oauth_code',
  '*.code',
  '*.token',
  '*.shippingAddress',
  '*.buyerInfo',
  '*.buyerEmail',
  '*.buyerName',
  '*.email',
  '*.phone',
  '*.address',
];

/** Query-string parameters removed from logged URLs (OAuth callbacks carry codes and state). */
const SECRET_QUERY = /([?&](?:code|spapi_oauth_code|state|amazon_state|mws_auth_token|token|refresh_token)=)[^&]*/gi;

/** A URL safe to log: secret query parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[REDACTED]');
}
