/** Escapes text for HTML element and attribute content. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** What the consent page shows. */
export interface ConsentPageModel {
  consentId: string;
  appName: string;
  applicationId: string;
  sellers: Array<{ sellingPartnerId: string; storeName: string }>;
  selected: string;
}

/** The seller-facing consent page: a real form whose Authorize button posts back to the sandbox. */
export function consentPage(m: ConsentPageModel): string {
  const options = m.sellers
    .map(
      (s) =>
        `<option value="${escapeHtml(s.sellingPartnerId)}"${s.sellingPartnerId === m.selected ? ' selected' : ''}>${escapeHtml(s.storeName)} (${escapeHtml(s.sellingPartnerId)})</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(m.appName)} – SP-API sandbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}</style></head>
<body>
<p><strong>SP-API sandbox</strong>: a local stand-in for Seller Central's consent page.</p>
<h1>Authorize ${escapeHtml(m.appName)}</h1>
<p>The application <code>${escapeHtml(m.applicationId)}</code> asks to access your selling account through the Selling Partner API.</p>
<form method="post" action="/apps/authorize/consent" id="consent-form">
<input type="hidden" name="consent_id" value="${escapeHtml(m.consentId)}">
<label for="selling_partner_id">Signed in as</label>
<select name="selling_partner_id" id="selling_partner_id">${options}</select>
<p>
<button type="submit" name="decision" value="authorize" id="authorize">Authorize</button>
<button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
</p>
</form>
</body></html>`;
}

/** Seller Central-style error page (e.g. MD1000 draft app without version=beta, MD5101 redirect URI mismatch). */
export function consentErrorPage(code: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error ${escapeHtml(code)} – SP-API sandbox</title></head>
<body><h1>We can't authorize this application</h1><p id="error-code">Error code: ${escapeHtml(code)}</p><p id="error-message">${escapeHtml(message)}</p></body></html>`;
}
